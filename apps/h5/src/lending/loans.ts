import type { LoanStatus } from '@zhangyi/contracts';

/** The loan states, copied from the contracts' lending.ts (loans.test.ts keeps them equal). */
export const LOAN_STATUSES: readonly LoanStatus[] = [
  'requested',
  'approved',
  'handed_over',
  'return_requested',
  'returned',
  'disinfected',
  'rejected',
  'cancelled',
];

/** Vant tag type of each loan state. */
export const LOAN_STATUS_TAGS: Record<
  LoanStatus,
  'primary' | 'warning' | 'success' | 'default' | 'danger'
> = {
  requested: 'warning',
  approved: 'primary',
  handed_over: 'primary',
  return_requested: 'warning',
  returned: 'success',
  disinfected: 'success',
  rejected: 'danger',
  cancelled: 'default',
};

/** Expected durations offered as one tap, in hours; any whole number of hours may be typed. */
export const DURATION_CHOICES = [2, 4, 8, 24, 72, 168] as const;

/** The longest loan the server accepts: 90 days. */
export const MAX_EXPECTED_HOURS = 2160;

/**
 * The label token in what the scanner read: the label's short URL (`…/r/<token>`), or the token
 * itself. Null for anything else (a patient's QR code, a web page).
 */
export function labelTokenFrom(scanned: string): string | null {
  const text = scanned.trim();
  const fromUrl = /\/r\/([A-Za-z0-9]{16,40})(?:[/?#]|$)/.exec(text);
  if (fromUrl) return fromUrl[1]!;
  return /^[A-Za-z0-9]{16,40}$/.test(text) ? text : null;
}

/** A duration in hours as the page says it: whole days when it is some, else hours. */
export function durationParts(hours: number): { unit: 'days' | 'hours'; count: number } {
  return hours >= 24 && hours % 24 === 0
    ? { unit: 'days', count: hours / 24 }
    : { unit: 'hours', count: hours };
}

/** The request form as typed. */
export interface LoanForm {
  categoryId: string;
  deviceId: string;
  quantity: number;
  expectedHours: number;
  purpose: string;
  urgency: 'normal' | 'urgent';
}

export type LoanFormProblem = 'category' | 'quantity' | 'expectedHours' | 'purpose';

/** What is missing or out of range before sending; the server checks again. */
export function loanFormProblems(form: LoanForm): LoanFormProblem[] {
  const problems: LoanFormProblem[] = [];
  if (!form.categoryId) problems.push('category');
  const maxQuantity = form.deviceId ? 1 : 20;
  if (!Number.isInteger(form.quantity) || form.quantity < 1 || form.quantity > maxQuantity)
    problems.push('quantity');
  if (
    !Number.isInteger(form.expectedHours) ||
    form.expectedHours < 1 ||
    form.expectedHours > MAX_EXPECTED_HOURS
  )
    problems.push('expectedHours');
  const purpose = form.purpose.trim();
  if (!purpose || purpose.length > 200) problems.push('purpose');
  return problems;
}

/** This month on the hospital's calendar, `YYYY-MM`. */
export function hospitalMonth(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .slice(0, 7);
}

/** The month before a `YYYY-MM` month. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
