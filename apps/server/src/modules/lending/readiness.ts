import {
  overridableBlockers,
  type DeviceCondition,
  type Readiness,
  type ReadinessBlocker,
} from '@zhangyi/contracts';

/** The facts readiness is derived from; nothing here is "available" typed by hand. */
export interface DeviceFacts {
  condition: DeviceCondition;
  hygiene: 'clean' | 'awaiting_disinfection';
  pmDueOn: string | null;
  calibrationDueOn: string | null;
  recallHold: boolean;
  /** The registry's lifecycle status (in_use, idle, retired). */
  registryStatus: string;
  /** A loan item holds it (not yet returned). */
  onLoan: boolean;
  /** The fault system has an open ticket for it. */
  openTicket: boolean;
}

/**
 * Why a device cannot be handed over today (`today` is the hospital's local date). A due date is
 * met on the day itself and overdue from the next day.
 */
export function blockersOf(facts: DeviceFacts, today: string): ReadinessBlocker[] {
  const blockers: ReadinessBlocker[] = [];
  if (facts.registryStatus === 'retired') blockers.push('retired');
  if (facts.condition === 'scrapped') blockers.push('scrapped');
  if (facts.onLoan) blockers.push('on_loan');
  if (facts.condition === 'faulty') blockers.push('faulty');
  if (facts.condition === 'under_repair' || facts.openTicket) blockers.push('under_repair');
  if (facts.hygiene === 'awaiting_disinfection') blockers.push('awaiting_disinfection');
  if (facts.pmDueOn !== null && facts.pmDueOn < today) blockers.push('pm_overdue');
  if (facts.calibrationDueOn !== null && facts.calibrationDueOn < today)
    blockers.push('calibration_overdue');
  if (facts.recallHold) blockers.push('recall_hold');
  return blockers;
}

/** available with no blocker; on_loan while a department has it; blocked otherwise. */
export function readinessOf(blockers: readonly ReadinessBlocker[]): Readiness {
  if (blockers.length === 0) return 'available';
  if (blockers.includes('on_loan')) return 'on_loan';
  return 'blocked';
}

/** True when every blocker is one two managers may override. */
export function overridable(blockers: readonly ReadinessBlocker[]): boolean {
  return blockers.length > 0 && blockers.every((b) => overridableBlockers.includes(b));
}
