/**
 * Resident ID numbers (居民身份证, GB 11643-1999) checked in the browser, so a mistyped number is
 * flagged while the reader still has the card in hand. The server checks everything again and
 * decides; this is feedback, not the rule.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_DIGITS = '10X98765432';

/** Below this age a patient is bound together with a guardian (the server enforces it). */
export const GUARDIAN_AGE = 14;

/** The check digit (`0`–`9` or `X`) of the first 17 digits of a resident ID number. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('expected 17 digits');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += Number(first17[i]) * weight;
  });
  return CHECK_DIGITS[sum % 11]!;
}

export type ResidentIdProblem = 'format' | 'birth_date' | 'check_digit';

export type ResidentIdCheck =
  | { ok: true; number: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: ResidentIdProblem };

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Checks a complete 18-character number (`x` accepted for `X`) and derives the birth date and
 * sex it encodes. `today` is `YYYY-MM-DD`; a birth date after it is refused.
 */
export function checkResidentId(raw: string, today: string): ResidentIdCheck {
  const number = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (year < 1880 || !isRealDate(year, month, day) || birthDate > today) {
    return { ok: false, problem: 'birth_date' };
  }
  if (residentIdCheckDigit(number.slice(0, 17)) !== number[17]) {
    return { ok: false, problem: 'check_digit' };
  }
  // The 17th digit is the sequence number's last: odd for men, even for women.
  const sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, number, birthDate, sex };
}

/** Whole years between two `YYYY-MM-DD` dates. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today on this phone as `YYYY-MM-DD`; the server uses the hospital's zone and has the last word. */
export function localToday(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Mainland mobile numbers: 11 digits, 13–19 first. */
export function isMobileNumber(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value.replace(/[\s-]/g, ''));
}
