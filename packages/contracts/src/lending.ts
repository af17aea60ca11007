import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { Id, IdParams, PageQuery, Timestamp } from './common';
import { Distribution } from './tickets';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Fen = Type.Integer({ minimum: 0, description: 'Money in fen (分)' });
const LabelToken = Type.String({ minLength: 1, maxLength: 64, description: 'Scanned label token' });

/**
 * The equipment lending centre (设备调配中心): departments borrow ventilators, pumps and monitors
 * from a central pool. Applicants (bound staff of a department) and managers (equipment managers)
 * use the H5 tabs 个人 / 申请 / 查询 / 公告 with their WeChat session; managers also have the
 * console. Devices and categories are the equipment registry's; money is in fen, times ISO 8601.
 */

// ——— Vocabulary ———

/**
 * requested → approved → handed_over → return_requested → returned → disinfected; side exits
 * rejected and cancelled. The table lives in the server's lending/lifecycle.ts.
 */
export const loanStatuses = [
  'requested',
  'approved',
  'handed_over',
  'return_requested',
  'returned',
  'disinfected',
  'rejected',
  'cancelled',
] as const;
export type LoanStatus = (typeof loanStatuses)[number];
export const LoanStatus = Type.Union([
  Type.Literal('requested'),
  Type.Literal('approved'),
  Type.Literal('handed_over'),
  Type.Literal('return_requested'),
  Type.Literal('returned'),
  Type.Literal('disinfected'),
  Type.Literal('rejected'),
  Type.Literal('cancelled'),
]);

/** Loans holding or about to hold devices: shown as 进行中. */
export const openLoanStatuses = [
  'requested',
  'approved',
  'handed_over',
  'return_requested',
] as const;

export const LoanUrgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent')]);
export type LoanUrgency = Static<typeof LoanUrgency>;

/** What someone may do to a loan now; the detail lists those the viewer may take. */
export const loanActions = [
  'cancel',
  'request_return',
  'approve',
  'reject',
  'confirm',
  'handover',
  'return',
  'disinfect',
] as const;
export type LoanAction = (typeof loanActions)[number];
export const LoanAction = Type.Union([
  Type.Literal('cancel'),
  Type.Literal('request_return'),
  Type.Literal('approve'),
  Type.Literal('reject'),
  Type.Literal('confirm'),
  Type.Literal('handover'),
  Type.Literal('return'),
  Type.Literal('disinfect'),
]);

/** Device condition as the centre records it. */
export const DeviceCondition = Type.Union([
  Type.Literal('ok'),
  Type.Literal('faulty'),
  Type.Literal('under_repair'),
  Type.Literal('scrapped'),
]);
export type DeviceCondition = Static<typeof DeviceCondition>;
export const Hygiene = Type.Union([Type.Literal('clean'), Type.Literal('awaiting_disinfection')]);

/**
 * Why a device cannot be handed over. The first six may be overridden by two managers; the rest
 * never (a device on loan, scrapped or retired is simply not there).
 */
export const readinessBlockers = [
  'faulty',
  'under_repair',
  'awaiting_disinfection',
  'pm_overdue',
  'calibration_overdue',
  'recall_hold',
  'on_loan',
  'scrapped',
  'retired',
] as const;
export type ReadinessBlocker = (typeof readinessBlockers)[number];
export const ReadinessBlocker = Type.Union([
  Type.Literal('faulty'),
  Type.Literal('under_repair'),
  Type.Literal('awaiting_disinfection'),
  Type.Literal('pm_overdue'),
  Type.Literal('calibration_overdue'),
  Type.Literal('recall_hold'),
  Type.Literal('on_loan'),
  Type.Literal('scrapped'),
  Type.Literal('retired'),
]);
export const overridableBlockers: readonly ReadinessBlocker[] = [
  'faulty',
  'under_repair',
  'awaiting_disinfection',
  'pm_overdue',
  'calibration_overdue',
  'recall_hold',
];

/** available: may be handed over now; on_loan: with a department; blocked: see `blockers`. */
export const Readiness = Type.Union([
  Type.Literal('available'),
  Type.Literal('on_loan'),
  Type.Literal('blocked'),
]);
export type Readiness = Static<typeof Readiness>;

export const BillingUnit = Type.Union([Type.Literal('hour'), Type.Literal('day')]);
export type BillingUnit = Static<typeof BillingUnit>;

// ——— Who is asking (个人 tab) ———

export const LendingMe = Type.Object({
  accountId: Type.String(),
  name: Type.String(),
  /** Registered as an applicant of this department; null: may not request. */
  department: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  isApplicant: Type.Boolean(),
  isManager: Type.Boolean(),
  counts: Type.Object({
    /** Open loans of the department (all loans for a manager). */
    open: Type.Integer(),
    overdue: Type.Integer(),
    /** Requests waiting for a decision (managers) . */
    awaitingDecision: Type.Integer(),
    /** Emergency approvals not yet confirmed (managers). */
    awaitingConfirmation: Type.Integer(),
  }),
});
export type LendingMe = Static<typeof LendingMe>;

// ——— Categories and devices ———

/** A lendable category with live availability (申请 tab). */
export const CategoryAvailability = Type.Object({
  categoryId: Type.String(),
  name: Type.String(),
  /** 医疗设备 › 呼吸机 */
  path: Type.String(),
  lifeSupport: Type.Boolean(),
  billingUnit: BillingUnit,
  rateFen: Fen,
  minimumFen: Fen,
  /** Devices in the pool (scrapped and retired ones excluded). */
  total: Type.Integer(),
  available: Type.Integer(),
  onLoan: Type.Integer(),
  blocked: Type.Integer(),
  /** Units requested or approved and not yet handed over. */
  waiting: Type.Integer(),
});
export type CategoryAvailability = Static<typeof CategoryAvailability>;

export const PoolDevice = Type.Object({
  deviceId: Type.String(),
  assetNo: Type.String(),
  name: Type.String(),
  categoryId: Type.String(),
  categoryName: Type.String(),
  brand: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNo: Nullable(Type.String()),
  condition: DeviceCondition,
  hygiene: Hygiene,
  pmDueOn: Nullable(LocalDate),
  calibrationDueOn: Nullable(LocalDate),
  recallHold: Type.Boolean(),
  recallNote: Nullable(Type.String()),
  /** Derived from the facts above, the open loan and an open repair ticket; never stored. */
  readiness: Readiness,
  blockers: Type.Array(ReadinessBlocker),
  /** The department holding it (null: in the centre). */
  custody: Nullable(
    Type.Object({
      departmentId: Type.String(),
      departmentName: Type.String(),
      loanId: Type.String(),
      loanNo: Type.String(),
      since: Timestamp,
      dueAt: Nullable(Timestamp),
      overdue: Type.Boolean(),
    }),
  ),
  openTicketNo: Nullable(Type.String()),
  purchasePriceFen: Nullable(Fen),
});
export type PoolDevice = Static<typeof PoolDevice>;

export const PoolDeviceQuery = Type.Object(
  {
    categoryId: Type.Optional(Id),
    readiness: Type.Optional(Readiness),
    /** Asset number, name or serial contains. */
    q: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

// ——— Loans ———

export const LoanRequestBody = Type.Object(
  {
    categoryId: Id,
    /** A specific device (then quantity must be 1). */
    deviceId: Type.Optional(Id),
    quantity: Type.Integer({ minimum: 1, maximum: 20 }),
    /** Expected duration in hours from handover (1 h … 90 days). */
    expectedHours: Type.Integer({ minimum: 1, maximum: 2160 }),
    purpose: Type.String({ minLength: 1, maxLength: 200 }),
    urgency: LoanUrgency,
  },
  { additionalProperties: false },
);
export type LoanRequestBody = Static<typeof LoanRequestBody>;

export const NoteBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export const RejectBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/** A device chosen by scanning its label (preferred) or, in the console, by id. */
const DeviceRef = {
  labelToken: Type.Optional(LabelToken),
  deviceId: Type.Optional(Id),
};

export const HandoverBody = Type.Object(
  {
    ...DeviceRef,
    /** A granted two-manager override for this loan and device, when a gate blocks. */
    overrideId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type HandoverBody = Static<typeof HandoverBody>;

export const ReturnBody = Type.Object(
  {
    ...DeviceRef,
    /** damaged: a repair ticket is opened and the device is held as faulty. */
    condition: Type.Union([Type.Literal('ok'), Type.Literal('damaged')]),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ReturnBody = Static<typeof ReturnBody>;

export const DisinfectBody = Type.Object(DeviceRef, { additionalProperties: false });
export type DisinfectBody = Static<typeof DisinfectBody>;

/** One row of a list (查询 tab, console list). */
export const LoanSummary = Type.Object({
  id: Type.String(),
  no: Type.String(),
  status: LoanStatus,
  departmentId: Type.String(),
  departmentName: Type.String(),
  applicantName: Type.String(),
  categoryId: Type.String(),
  categoryName: Type.String(),
  /** The device asked for, when a specific one was. */
  requestedDevice: Nullable(Type.Object({ id: Type.String(), assetNo: Type.String() })),
  quantity: Type.Integer(),
  handedOver: Type.Integer(),
  expectedHours: Type.Integer(),
  purpose: Type.String(),
  urgency: LoanUrgency,
  emergency: Type.Boolean(),
  /** Emergency approval still to be confirmed by a manager. */
  awaitingConfirmation: Type.Boolean(),
  confirmDueAt: Nullable(Timestamp),
  dueAt: Nullable(Timestamp),
  /** Derived: devices still out past `dueAt`. */
  overdue: Type.Boolean(),
  overdueMinutes: Type.Integer(),
  /** Charges so far (to now for devices still out), fen. */
  chargeFen: Fen,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type LoanSummary = Static<typeof LoanSummary>;

export const LoanDeviceView = Type.Object({
  deviceId: Type.String(),
  assetNo: Type.String(),
  name: Type.String(),
  handedOverAt: Timestamp,
  handedOverBy: Nullable(Type.String()),
  returnedAt: Nullable(Timestamp),
  returnedBy: Nullable(Type.String()),
  returnCondition: Nullable(Type.Union([Type.Literal('ok'), Type.Literal('damaged')])),
  returnNote: Nullable(Type.String()),
  ticketNo: Nullable(Type.String()),
  disinfectedAt: Nullable(Timestamp),
  /** Billed minutes and charge, to now while out. */
  minutes: Type.Integer(),
  units: Type.Integer(),
  chargeFen: Fen,
  overridden: Type.Boolean(),
});
export type LoanDeviceView = Static<typeof LoanDeviceView>;

export const LoanEvent = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  from: Nullable(LoanStatus),
  to: LoanStatus,
  actorName: Type.String(),
  at: Timestamp,
  note: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const LoanDetail = Type.Object({
  ...LoanSummary.properties,
  rejectReason: Nullable(Type.String()),
  decidedAt: Nullable(Timestamp),
  decidedBy: Nullable(Type.String()),
  confirmedAt: Nullable(Timestamp),
  confirmedBy: Nullable(Type.String()),
  billing: Type.Object({ unit: BillingUnit, rateFen: Fen, minimumFen: Fen }),
  devices: Type.Array(LoanDeviceView),
  events: Type.Array(LoanEvent),
  /** What the viewer may do now: exactly the buttons the server accepts. */
  actions: Type.Array(LoanAction),
});
export type LoanDetail = Static<typeof LoanDetail>;

export const LoanListQuery = Type.Object(
  {
    ...PageQuery,
    /** open: requested, approved, handed over, return requested. */
    scope: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')]),
    ),
    status: Type.Optional(LoanStatus),
    overdue: Type.Optional(Type.Boolean()),
    awaitingConfirmation: Type.Optional(Type.Boolean()),
    /** Managers only; an applicant always sees their own department. */
    departmentId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    /** Requested on or after this local date. */
    from: Type.Optional(LocalDate),
    /** Requested on or before this local date. */
    to: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type LoanListQuery = Static<typeof LoanListQuery>;

export const LoanPage = Type.Object({
  items: Type.Array(LoanSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** What a scanned label means to a manager: the device and what can be done with it. */
export const ScanContext = Type.Object({
  device: PoolDevice,
  /** The loan holding it now (return it). */
  openLoan: Nullable(LoanSummary),
  /** Approved loans of its category still short of devices (hand it over). */
  handoverCandidates: Type.Array(LoanSummary),
});
export type ScanContext = Static<typeof ScanContext>;

export const ReturnResult = Type.Object({
  loan: LoanDetail,
  /** The repair ticket opened for a damaged return. */
  ticketNo: Nullable(Type.String()),
});

// ——— Overrides ———

export const OverrideBody = Type.Object(
  { loanId: Id, deviceId: Id, reason: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
export const Override = Type.Object({
  id: Type.String(),
  loanId: Type.String(),
  loanNo: Type.String(),
  deviceId: Type.String(),
  assetNo: Type.String(),
  blockers: Type.Array(ReadinessBlocker),
  reason: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Timestamp,
  grantedBy: Nullable(Type.String()),
  grantedAt: Nullable(Timestamp),
  usedAt: Nullable(Timestamp),
  /** pending: a second manager must grant; granted: usable for 2 hours; used; expired. */
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('granted'),
    Type.Literal('used'),
    Type.Literal('expired'),
  ]),
});
export type Override = Static<typeof Override>;

// ——— Announcements (公告 tab) ———

export const LendingAnnouncement = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  pinned: Type.Boolean(),
  publishedAt: Nullable(Timestamp),
  authorName: Nullable(Type.String()),
  updatedAt: Timestamp,
});
export type LendingAnnouncement = Static<typeof LendingAnnouncement>;
export const AnnouncementBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 60 }),
    body: Type.String({ minLength: 1, maxLength: 5000 }),
    pinned: Type.Boolean(),
    published: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type AnnouncementBody = Static<typeof AnnouncementBody>;

// ——— Console: pool, categories, applicants, settings ———

export const PoolDeviceBody = Type.Object(
  {
    condition: DeviceCondition,
    pmDueOn: Nullable(LocalDate),
    calibrationDueOn: Nullable(LocalDate),
    recallHold: Type.Boolean(),
    recallNote: Nullable(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PoolDeviceBody = Static<typeof PoolDeviceBody>;

export const RecallBody = Type.Object(
  {
    brand: Type.String({ minLength: 1, maxLength: 60 }),
    model: Type.String({ minLength: 1, maxLength: 60 }),
    hold: Type.Boolean(),
    note: Nullable(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const LendingCategory = Type.Object({
  categoryId: Type.String(),
  name: Type.String(),
  path: Type.String(),
  lifeSupport: Type.Boolean(),
  billingUnit: BillingUnit,
  rateFen: Fen,
  minimumFen: Fen,
  devices: Type.Integer(),
});
export type LendingCategory = Static<typeof LendingCategory>;
export const LendingCategoryBody = Type.Object(
  {
    lifeSupport: Type.Boolean(),
    billingUnit: BillingUnit,
    rateFen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    minimumFen: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);
export type LendingCategoryBody = Static<typeof LendingCategoryBody>;

export const LendingApplicant = Type.Object({
  accountId: Type.String(),
  username: Type.String(),
  name: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  /** Bound to a WeChat: can use the H5 pages and receive notices. */
  wechatBound: Type.Boolean(),
});
export const ApplicantBody = Type.Object({ departmentId: Id }, { additionalProperties: false });
export const AccountParams = Type.Object({ accountId: Id }, { additionalProperties: false });

export const LendingSettings = Type.Object({
  emergencyConfirmHours: Type.Integer({ minimum: 1, maximum: 168 }),
  /** Target probability of waiting for the recommended fleet size, percent. */
  fleetWaitTargetPct: Type.Integer({ minimum: 1, maximum: 50 }),
});
export type LendingSettings = Static<typeof LendingSettings>;
export const LendingSettingsBody = Type.Object(LendingSettings.properties, {
  additionalProperties: false,
});

// ——— Statements ———

export const StatementQuery = Type.Object(
  { month: Month, departmentId: Type.Optional(Id) },
  { additionalProperties: false },
);

/**
 * The part of one device's loan billed in a month: cumulative charge at the month's end (or now)
 * less the cumulative charge at its start, so a loan's months add up to exactly its charge.
 */
export const StatementLine = Type.Object({
  loanId: Type.String(),
  loanNo: Type.String(),
  deviceId: Type.String(),
  assetNo: Type.String(),
  deviceName: Type.String(),
  categoryName: Type.String(),
  handedOverAt: Timestamp,
  returnedAt: Nullable(Timestamp),
  /** Minutes of this loan inside the month. */
  minutes: Type.Integer(),
  billingUnit: BillingUnit,
  rateFen: Fen,
  chargeFen: Fen,
  /** Still out at the time of the statement: the charge grows until the return. */
  provisional: Type.Boolean(),
});
export type StatementLine = Static<typeof StatementLine>;

export const DepartmentStatement = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  totalFen: Fen,
  lines: Type.Array(StatementLine),
});
export type DepartmentStatement = Static<typeof DepartmentStatement>;

export const Statement = Type.Object({
  month: Type.String(),
  from: Timestamp,
  to: Timestamp,
  totalFen: Fen,
  departments: Type.Array(DepartmentStatement),
});
export type Statement = Static<typeof Statement>;

// ——— Statistics ———

export const LendingStatsQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    categoryId: Type.Optional(Id),
    /** Target probability of waiting in percent; default from the settings. */
    waitTargetPct: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type LendingStatsQuery = Static<typeof LendingStatsQuery>;

export const DeviceUtilisation = Type.Object({
  deviceId: Type.String(),
  assetNo: Type.String(),
  name: Type.String(),
  categoryName: Type.String(),
  loanMinutes: Type.Integer(),
  /** Minutes in the pool within the period. */
  poolMinutes: Type.Integer(),
  /** loanMinutes ÷ poolMinutes, 0–1, 3 decimals; null without pool time. */
  utilisation: Nullable(Type.Number()),
  loans: Type.Integer(),
  revenueFen: Fen,
  purchasePriceFen: Nullable(Fen),
  /** revenue ÷ purchase price, 3 decimals. */
  revenueToCost: Nullable(Type.Number()),
});

export const CategoryStats = Type.Object({
  categoryId: Type.String(),
  name: Type.String(),
  devices: Type.Integer(),
  loanMinutes: Type.Integer(),
  poolMinutes: Type.Integer(),
  utilisation: Nullable(Type.Number()),
  requests: Type.Integer(),
  rejected: Type.Integer(),
  /** rejected ÷ decided (approved + rejected), 3 decimals. */
  denialRate: Nullable(Type.Number()),
  /** Minutes in which requests waited while the category had no ready device. */
  stockOutMinutes: Type.Integer(),
  /** Manager approval time in minutes (emergency approvals excluded). */
  approvalLatency: Distribution,
  emergencies: Type.Integer(),
  revenueFen: Fen,
  fleet: Type.Object({
    /** Device requests per hour over the period (λ). */
    arrivalsPerHour: Type.Number(),
    /** Mean hours a device stays out (1/μ). */
    meanLoanHours: Nullable(Type.Number()),
    /** Offered load a = λ/μ (Erlangs): devices busy on average. */
    offeredLoad: Nullable(Type.Number()),
    /** P(wait) with the current fleet (Erlang C); 1 when the load exceeds the fleet; null without data. */
    waitProbability: Nullable(Type.Number()),
    /** Smallest fleet with P(wait) ≤ target. */
    recommended: Nullable(Type.Integer()),
    targetPct: Type.Integer(),
  }),
});
export type CategoryStats = Static<typeof CategoryStats>;

export const DepartmentDamage = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  loans: Type.Integer(),
  loanHours: Type.Number(),
  damagedReturns: Type.Integer(),
  /** Damaged returns per 1,000 loan-hours, 2 decimals. */
  damagePer1000Hours: Nullable(Type.Number()),
  chargeFen: Fen,
});

export const LendingStats = Type.Object({
  from: Timestamp,
  to: Timestamp,
  totals: Type.Object({
    requests: Type.Integer(),
    approved: Type.Integer(),
    rejected: Type.Integer(),
    cancelled: Type.Integer(),
    emergencies: Type.Integer(),
    denialRate: Nullable(Type.Number()),
    approvalLatency: Distribution,
    stockOutMinutes: Type.Integer(),
    revenueFen: Fen,
    utilisation: Nullable(Type.Number()),
  }),
  categories: Type.Array(CategoryStats),
  devices: Type.Array(DeviceUtilisation),
  departments: Type.Array(DepartmentDamage),
});
export type LendingStats = Static<typeof LendingStats>;

// ——— Routes ———

const tag = 'lending';

/** H5 (WeChat session of a bound staff member): applicants and managers. */
export const lendingRoutes = {
  me: defineRoute({
    method: 'GET',
    path: '/api/lending/me',
    summary: '个人: who I am in the lending centre, my department and counts',
    tag,
    response: LendingMe,
  }),
  categories: defineRoute({
    method: 'GET',
    path: '/api/lending/categories',
    summary: '申请: lendable categories with live availability',
    tag,
    response: Type.Array(CategoryAvailability),
  }),
  devices: defineRoute({
    method: 'GET',
    path: '/api/lending/devices',
    summary: 'Pool devices with derived readiness (to pick a specific device)',
    tag,
    query: PoolDeviceQuery,
    response: Type.Array(PoolDevice),
  }),
  request: defineRoute({
    method: 'POST',
    path: '/api/lending/loans',
    summary: '申请: request a category or a device (emergency path for life-support + urgent)',
    tag,
    body: LoanRequestBody,
    response: LoanDetail,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/lending/loans',
    summary: "查询: the department's loans (every loan for managers)",
    tag,
    query: LoanListQuery,
    response: LoanPage,
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/api/lending/loans/:id',
    summary: 'A loan with devices, charges, events and the actions open to me',
    tag,
    params: IdParams,
    response: LoanDetail,
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/cancel',
    summary: 'Cancel a request not yet handed over',
    tag,
    params: IdParams,
    body: NoteBody,
    response: LoanDetail,
  }),
  requestReturn: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/return-request',
    summary: 'Ask the centre to collect the devices',
    tag,
    params: IdParams,
    body: NoteBody,
    response: LoanDetail,
  }),
  approve: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/approve',
    summary: 'Manager: approve a request',
    tag,
    params: IdParams,
    body: NoteBody,
    response: LoanDetail,
  }),
  reject: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/reject',
    summary: 'Manager: reject a request with a reason',
    tag,
    params: IdParams,
    body: RejectBody,
    response: LoanDetail,
  }),
  confirm: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/confirm',
    summary: 'Manager: confirm an emergency (先借后批) approval',
    tag,
    params: IdParams,
    body: NoteBody,
    response: LoanDetail,
  }),
  handover: defineRoute({
    method: 'POST',
    path: '/api/lending/loans/:id/handover',
    summary: 'Manager: hand over a device scanned by its label',
    tag,
    params: IdParams,
    body: HandoverBody,
    response: LoanDetail,
  }),
  scan: defineRoute({
    method: 'GET',
    path: '/api/lending/scan/:token',
    summary: 'Manager: what a scanned label means (device, its loan, loans to hand over to)',
    tag,
    params: Type.Object({ token: LabelToken }, { additionalProperties: false }),
    response: ScanContext,
  }),
  return: defineRoute({
    method: 'POST',
    path: '/api/lending/returns',
    summary: 'Manager: confirm a return by scanning (damaged → repair ticket); always accepted',
    tag,
    body: ReturnBody,
    response: ReturnResult,
  }),
  disinfect: defineRoute({
    method: 'POST',
    path: '/api/lending/disinfections',
    summary: 'Manager: confirm a returned device disinfected (消毒完成)',
    tag,
    body: DisinfectBody,
    response: PoolDevice,
  }),
  overrides: defineRoute({
    method: 'GET',
    path: '/api/lending/overrides',
    summary: 'Manager: overrides pending or granted',
    tag,
    response: Type.Array(Override),
  }),
  requestOverride: defineRoute({
    method: 'POST',
    path: '/api/lending/overrides',
    summary: 'Manager: ask to override the gates of one device for one loan',
    tag,
    body: OverrideBody,
    response: Override,
  }),
  grantOverride: defineRoute({
    method: 'POST',
    path: '/api/lending/overrides/:id/grant',
    summary: 'A second, different manager grants an override',
    tag,
    params: IdParams,
    response: Override,
  }),
  statement: defineRoute({
    method: 'GET',
    path: '/api/lending/statement',
    summary: "The month's statement of my department (managers: every department)",
    tag,
    query: StatementQuery,
    response: Statement,
  }),
  announcements: defineRoute({
    method: 'GET',
    path: '/api/lending/announcements',
    summary: '公告: published announcements, pinned first',
    tag,
    response: Type.Array(LendingAnnouncement),
  }),
  announcement: defineRoute({
    method: 'GET',
    path: '/api/lending/announcements/:id',
    summary: 'One published announcement',
    tag,
    params: IdParams,
    response: LendingAnnouncement,
  }),
} as const;

/** Console (staff session): the same operations plus pool, settings, statements and statistics. */
export const adminLendingRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/loans',
    summary: 'Every loan, filtered',
    tag,
    query: LoanListQuery,
    response: LoanPage,
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/loans/:id',
    summary: 'A loan',
    tag,
    params: IdParams,
    response: LoanDetail,
  }),
  approve: defineRoute({ ...lendingRoutes.approve, path: '/api/admin/lending/loans/:id/approve' }),
  reject: defineRoute({ ...lendingRoutes.reject, path: '/api/admin/lending/loans/:id/reject' }),
  confirm: defineRoute({ ...lendingRoutes.confirm, path: '/api/admin/lending/loans/:id/confirm' }),
  cancel: defineRoute({ ...lendingRoutes.cancel, path: '/api/admin/lending/loans/:id/cancel' }),
  handover: defineRoute({
    ...lendingRoutes.handover,
    path: '/api/admin/lending/loans/:id/handover',
  }),
  return: defineRoute({ ...lendingRoutes.return, path: '/api/admin/lending/returns' }),
  disinfect: defineRoute({ ...lendingRoutes.disinfect, path: '/api/admin/lending/disinfections' }),
  overrides: defineRoute({ ...lendingRoutes.overrides, path: '/api/admin/lending/overrides' }),
  requestOverride: defineRoute({
    ...lendingRoutes.requestOverride,
    path: '/api/admin/lending/overrides',
  }),
  grantOverride: defineRoute({
    ...lendingRoutes.grantOverride,
    path: '/api/admin/lending/overrides/:id/grant',
  }),
  devices: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/devices',
    summary: 'The pool: devices, facts, derived readiness and custody',
    tag,
    query: PoolDeviceQuery,
    response: Type.Array(PoolDevice),
  }),
  saveDevice: defineRoute({
    method: 'PUT',
    path: '/api/admin/lending/devices/:id',
    summary:
      'Add a registry device to the pool or update its facts (condition, PM, calibration, recall)',
    tag,
    params: IdParams,
    body: PoolDeviceBody,
    response: PoolDevice,
  }),
  removeDevice: defineRoute({
    method: 'DELETE',
    path: '/api/admin/lending/devices/:id',
    summary: 'Take a device out of the pool (not while on loan)',
    tag,
    params: IdParams,
  }),
  recall: defineRoute({
    method: 'POST',
    path: '/api/admin/lending/recalls',
    summary: 'Put every pool device of a brand and model on recall hold (or lift it)',
    tag,
    body: RecallBody,
    response: Type.Object({ devices: Type.Integer() }),
  }),
  categories: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/categories',
    summary: 'Lendable categories and their billing',
    tag,
    response: Type.Array(LendingCategory),
  }),
  saveCategory: defineRoute({
    method: 'PUT',
    path: '/api/admin/lending/categories/:id',
    summary: 'Make a registry category lendable or change its settings',
    tag,
    params: IdParams,
    body: LendingCategoryBody,
    response: LendingCategory,
  }),
  removeCategory: defineRoute({
    method: 'DELETE',
    path: '/api/admin/lending/categories/:id',
    summary: 'Stop lending a category (its history stays)',
    tag,
    params: IdParams,
  }),
  applicants: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/applicants',
    summary: 'Staff who may request loans, with their department',
    tag,
    response: Type.Array(LendingApplicant),
  }),
  saveApplicant: defineRoute({
    method: 'PUT',
    path: '/api/admin/lending/applicants/:accountId',
    summary: 'Register a staff account as an applicant of a department',
    tag,
    params: AccountParams,
    body: ApplicantBody,
    response: LendingApplicant,
  }),
  removeApplicant: defineRoute({
    method: 'DELETE',
    path: '/api/admin/lending/applicants/:accountId',
    summary: 'Withdraw the right to request',
    tag,
    params: AccountParams,
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/settings',
    summary: 'Emergency confirmation window and fleet target',
    tag,
    response: LendingSettings,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/lending/settings',
    summary: 'Change the settings',
    tag,
    body: LendingSettingsBody,
    response: LendingSettings,
  }),
  announcements: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/announcements',
    summary: 'Every announcement, drafts included',
    tag,
    response: Type.Array(LendingAnnouncement),
  }),
  createAnnouncement: defineRoute({
    method: 'POST',
    path: '/api/admin/lending/announcements',
    summary: 'Write an announcement',
    tag,
    body: AnnouncementBody,
    response: LendingAnnouncement,
  }),
  updateAnnouncement: defineRoute({
    method: 'PUT',
    path: '/api/admin/lending/announcements/:id',
    summary: 'Change an announcement',
    tag,
    params: IdParams,
    body: AnnouncementBody,
    response: LendingAnnouncement,
  }),
  deleteAnnouncement: defineRoute({
    method: 'DELETE',
    path: '/api/admin/lending/announcements/:id',
    summary: 'Delete an announcement',
    tag,
    params: IdParams,
  }),
  statement: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/statements',
    summary: 'Monthly statement per department',
    tag,
    query: StatementQuery,
    response: Statement,
  }),
  statementExport: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/statements.xlsx',
    summary: 'Monthly statement as an Excel workbook (a summary sheet and one sheet of lines)',
    tag,
    query: StatementQuery,
  }),
  stats: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/stats',
    summary: 'Utilisation, stock-outs, denial rate, approval latency, damage, revenue, fleet size',
    tag,
    query: LendingStatsQuery,
    response: LendingStats,
  }),
  statsExport: defineRoute({
    method: 'GET',
    path: '/api/admin/lending/stats.xlsx',
    summary: 'The statistics as an Excel workbook (one sheet per table)',
    tag,
    query: LendingStatsQuery,
  }),
} as const;
