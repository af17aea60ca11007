import type { LendingSettings } from '@zhangyi/contracts';
import type { LendingApplicant } from './api/lending';

/** Applicants grouped by department name, then by name, as the table lists them. */
export function sortApplicants(applicants: readonly LendingApplicant[]): LendingApplicant[] {
  return [...applicants].sort(
    (a, b) =>
      a.departmentName.localeCompare(b.departmentName, 'zh-CN') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** The settings form as the page holds it (number inputs may be emptied). */
export interface SettingsForm {
  emergencyConfirmHours: number | undefined;
  fleetWaitTargetPct: number | undefined;
}

function within(value: number | undefined, min: number, max: number): value is number {
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max;
}

/** The body to save; null while a value is missing or outside the contract's bounds. */
export function settingsBody(form: SettingsForm): LendingSettings | null {
  if (!within(form.emergencyConfirmHours, 1, 168)) return null;
  if (!within(form.fleetWaitTargetPct, 1, 50)) return null;
  return {
    emergencyConfirmHours: form.emergencyConfirmHours,
    fleetWaitTargetPct: form.fleetWaitTargetPct,
  };
}
