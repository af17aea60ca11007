import type { IdType } from '@zhangyi/contracts';

/** A field-level problem, named by a stable reason the front ends translate. */
export interface FieldProblem {
  field: string;
  reason: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_DIGITS = '10X98765432';

/** The GB 11643-1999 check digit of the first 17 digits of a resident ID number. */
export function residentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_DIGITS[sum % 11]!;
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export interface ResidentId {
  /** Normalised: upper-case X. */
  number: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/**
 * Checks an 18-character mainland resident ID number: region, birth date (a real date, not in
 * the future), sequence and the check digit; derives the birth date and sex.
 */
export function parseResidentId(raw: string, today: string): ResidentId | FieldProblem {
  const number = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return { field: 'idNumber', reason: 'id_format' };
  if (!/^[1-9]\d{5}/.test(number)) return { field: 'idNumber', reason: 'id_region' };
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  const birthDate = number.slice(6, 10) + '-' + number.slice(10, 12) + '-' + number.slice(12, 14);
  if (year < 1880 || !validDate(year, month, day) || birthDate > today) {
    return { field: 'idNumber', reason: 'id_birth_date' };
  }
  if (residentIdCheckDigit(number.slice(0, 17)) !== number[17])
    return { field: 'idNumber', reason: 'id_check_digit' };
  return { number, birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
}

const OTHER_DOCUMENTS: Record<Exclude<IdType, 'resident_id'>, RegExp> = {
  // Passports: letters and digits, 5–17 characters (Chinese passports are E/G + 8 digits).
  passport: /^[A-Z0-9]{5,17}$/,
  // 港澳居民来往内地通行证: H or M followed by 8 or 10 digits.
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台湾居民来往大陆通行证: 8 digits (older ones 10 with a letter suffix).
  taiwan_permit: /^\d{8}([A-Z0-9]{2})?$/,
  // 外国人永久居留身份证: 15 characters (3 letters + 12 digits) or the 2023 18-digit form.
  foreigner_permit: /^([A-Z]{3}\d{12}|9\d{17})$/,
};

/** Checks a document number of the other types; they encode neither birth date nor sex. */
export function checkOtherDocument(
  type: Exclude<IdType, 'resident_id'>,
  raw: string,
): string | FieldProblem {
  const number = raw.trim().toUpperCase();
  return OTHER_DOCUMENTS[type].test(number) ? number : { field: 'idNumber', reason: 'id_format' };
}

/** A mainland mobile number: 11 digits starting 13–19. */
export function checkMobile(raw: string, field = 'phone'): string | FieldProblem {
  const phone = raw.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(phone) ? phone : { field, reason: 'mobile_format' };
}

/** Whole years between a birth date and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Names: Chinese or Latin letters, middle dots and spaces, 1–40 characters. */
export function checkName(raw: string, field = 'name'): string | FieldProblem {
  const name = raw.trim().replace(/\s+/g, ' ');
  return /^[\p{Script=Han}A-Za-z·•. ]{1,40}$/u.test(name) ? name : { field, reason: 'name_format' };
}

export function isProblem(value: unknown): value is FieldProblem {
  return typeof value === 'object' && value !== null && 'reason' in value && 'field' in value;
}
