import {
  overridableBlockers,
  type LoanAction,
  type LoanDetail,
  type LoanListQuery,
  type Override,
  type PoolDevice,
} from '@zhangyi/contracts';

/** The loan list's filters as the page holds them ('' = any). */
export interface LoanListFilters {
  /** A status, `open` for every open one, or ''. */
  status: string;
  departmentId: string;
  categoryId: string;
  /** Requested on or after / on or before these local dates (YYYY-MM-DD). */
  from: string;
  to: string;
  overdue: boolean;
  awaitingConfirmation: boolean;
}

/** The API query of the filters (without paging); empty choices are left out. */
export function loanListQuery(filters: LoanListFilters): Omit<LoanListQuery, 'page' | 'pageSize'> {
  const query: Omit<LoanListQuery, 'page' | 'pageSize'> = {};
  if (filters.status === 'open') query.scope = 'open';
  else if (filters.status) query.status = filters.status as LoanListQuery['status'];
  if (filters.departmentId) query.departmentId = filters.departmentId;
  if (filters.categoryId) query.categoryId = filters.categoryId;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.overdue) query.overdue = true;
  if (filters.awaitingConfirmation) query.awaitingConfirmation = true;
  return query;
}

/** What the console can send: the applicant's return request is theirs, in WeChat. */
const consoleLoanActions: readonly LoanAction[] = [
  'approve',
  'reject',
  'confirm',
  'handover',
  'return',
  'disinfect',
  'cancel',
];

/** The loan's offered actions the console has a route for, in the order of the lifecycle. */
export function consoleActions(actions: readonly LoanAction[]): LoanAction[] {
  return consoleLoanActions.filter((action) => actions.includes(action));
}

/** Devices of the loan still with the department (to take back). */
export function devicesOut(loan: LoanDetail): LoanDetail['devices'] {
  return loan.devices.filter((device) => device.returnedAt === null);
}

/** Devices of the loan back in the centre and not yet disinfected. */
export function devicesToDisinfect(loan: LoanDetail): LoanDetail['devices'] {
  return loan.devices.filter((device) => device.returnedAt !== null && !device.disinfectedAt);
}

/**
 * Pool devices that may be handed over for the loan: ready ones of its category, only the named
 * device when one was asked for, none already on this loan.
 */
export function handoverChoices(loan: LoanDetail, pool: readonly PoolDevice[]): PoolDevice[] {
  const taken = new Set(loan.devices.map((device) => device.deviceId));
  return pool.filter(
    (device) =>
      device.readiness === 'available' &&
      device.categoryId === loan.categoryId &&
      !taken.has(device.deviceId) &&
      (!loan.requestedDevice || loan.requestedDevice.id === device.deviceId),
  );
}

/** Overrides a second manager must still grant, oldest request first. */
export function awaitingGrant(overrides: readonly Override[]): Override[] {
  return overrides
    .filter((override) => override.status === 'pending')
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/**
 * Blocked devices two managers may still release for the loan: of its category (the named one
 * if any), not on this loan, and held back only by blockers an override covers.
 */
export function overrideChoices(loan: LoanDetail, pool: readonly PoolDevice[]): PoolDevice[] {
  const taken = new Set(loan.devices.map((device) => device.deviceId));
  return pool.filter(
    (device) =>
      device.readiness === 'blocked' &&
      device.categoryId === loan.categoryId &&
      !taken.has(device.deviceId) &&
      (!loan.requestedDevice || loan.requestedDevice.id === device.deviceId) &&
      device.blockers.length > 0 &&
      device.blockers.every((blocker) => overridableBlockers.includes(blocker)),
  );
}

/** The granted, unused override for this loan and device, if there is one. */
export function grantedOverride(
  overrides: readonly Override[],
  loanId: string,
  deviceId: string,
): Override | undefined {
  return overrides.find(
    (override) =>
      override.status === 'granted' && override.loanId === loanId && override.deviceId === deviceId,
  );
}
