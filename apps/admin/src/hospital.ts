import type { HospitalBody, HospitalOverview } from '@zhangyi/contracts';

/** The contracts' limits on the hospital body, so a bad form is caught before a round trip. */
export const HOSPITAL_LIMITS = {
  name: 60,
  shortName: 20,
  phone: 40,
  address: 200,
  introduction: 10_000,
  campuses: 20,
  campusName: 40,
  campusAddress: 200,
  campusPhone: 40,
  mapUrl: 500,
} as const;

/** Map links: absolute http(s) only, as the server accepts. */
export const MAP_URL_PATTERN = /^https?:\/\//;

/** One campus row of the form; `key` keeps the row's identity while rows move. */
export interface CampusDraft {
  key: number;
  name: string;
  address: string;
  phone: string;
  mapUrl: string;
}

/** The hospital form: every text as typed, empty where the server holds null. */
export interface HospitalDraft {
  name: string;
  shortName: string;
  phone: string;
  address: string;
  introduction: string;
  campuses: CampusDraft[];
}

/** Why a field cannot be saved; each has a sentence in the catalogues (`hospital.problems`). */
export type HospitalProblem = 'required' | 'tooLong' | 'mapUrl' | 'tooManyCampuses';

let nextKey = 1;

/** A new, empty campus row. */
export function emptyCampus(): CampusDraft {
  return { key: nextKey++, name: '', address: '', phone: '', mapUrl: '' };
}

/** The form filled from what the server holds. */
export function draftFrom(hospital: HospitalOverview): HospitalDraft {
  return {
    name: hospital.name,
    shortName: hospital.shortName,
    phone: hospital.phone ?? '',
    address: hospital.address ?? '',
    introduction: hospital.introduction ?? '',
    campuses: hospital.campuses.map((campus) => ({
      key: nextKey++,
      name: campus.name,
      address: campus.address,
      phone: campus.phone ?? '',
      mapUrl: campus.mapUrl ?? '',
    })),
  };
}

const orNull = (value: string): string | null => value.trim() || null;

/** The PUT body: texts trimmed, empty optional ones as null, campuses in the form's order. */
export function hospitalBody(draft: HospitalDraft): HospitalBody {
  return {
    name: draft.name.trim(),
    shortName: draft.shortName.trim(),
    phone: orNull(draft.phone),
    address: orNull(draft.address),
    introduction: orNull(draft.introduction),
    campuses: draft.campuses.map((campus) => ({
      name: campus.name.trim(),
      address: campus.address.trim(),
      phone: orNull(campus.phone),
      mapUrl: orNull(campus.mapUrl),
    })),
  };
}

/**
 * What the server would refuse in the body, keyed by the same dotted field names its
 * VALIDATION_FAILED details use (`name`, `campuses.0.mapUrl`), so both show in one place.
 */
export function hospitalProblems(body: HospitalBody): Record<string, HospitalProblem> {
  const problems: Record<string, HospitalProblem> = {};
  const text = (field: string, value: string | null, max: number, required: boolean): void => {
    if (value === null || value === '') {
      if (required) problems[field] = 'required';
    } else if (value.length > max) {
      problems[field] = 'tooLong';
    }
  };
  const L = HOSPITAL_LIMITS;
  text('name', body.name, L.name, true);
  text('shortName', body.shortName, L.shortName, true);
  text('phone', body.phone, L.phone, false);
  text('address', body.address, L.address, false);
  text('introduction', body.introduction, L.introduction, false);
  if (body.campuses.length > L.campuses) problems.campuses = 'tooManyCampuses';
  body.campuses.forEach((campus, index) => {
    const at = `campuses.${index}`;
    text(`${at}.name`, campus.name, L.campusName, true);
    text(`${at}.address`, campus.address, L.campusAddress, true);
    text(`${at}.phone`, campus.phone, L.campusPhone, false);
    text(`${at}.mapUrl`, campus.mapUrl, L.mapUrl, false);
    if (campus.mapUrl !== null && !MAP_URL_PATTERN.test(campus.mapUrl)) {
      problems[`${at}.mapUrl`] = 'mapUrl';
    }
  });
  return problems;
}

/** The `field → problem` pairs of a VALIDATION_FAILED answer (its `details`, read defensively). */
export function fieldProblems(details: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!Array.isArray(details)) return found;
  for (const item of details as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { field, problem } = item as { field?: unknown; problem?: unknown };
    if (typeof field !== 'string' || !field || typeof problem !== 'string') continue;
    found[field] ??= problem;
  }
  return found;
}

/** Moves the item at `from` by `step` places (−1 up, +1 down); out-of-range moves do nothing. */
export function moved<T>(items: readonly T[], from: number, step: -1 | 1): T[] {
  const to = from + step;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(from, 1) as [T];
  copy.splice(to, 0, item);
  return copy;
}
