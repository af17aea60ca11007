import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { Id, IdParams, PageQuery, Timestamp } from './common';
import { DeviceTicket } from './equipment';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/**
 * IT fault reporting (报修) and its tickets (工单): the report page opened from a device's QR
 * label, the engineers' pages in WeChat, and the administrators' console (fault types, groups,
 * dispatch rules, roster, SLA, statistics).
 */

/**
 * The ticket's states. submitted → accepted → in_progress ⇄ waiting → resolved → closed; side
 * exits rejected and merged; a reopened ticket goes back to accepted.
 */
export const ticketStatuses = [
  'submitted',
  'accepted',
  'in_progress',
  'waiting',
  'resolved',
  'closed',
  'rejected',
  'merged',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const TicketStatus = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('in_progress'),
  Type.Literal('waiting'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
  Type.Literal('rejected'),
  Type.Literal('merged'),
]);
/** States in which a ticket is being worked on: a device has at most one such ticket. */
export const openTicketStatuses = ['submitted', 'accepted', 'in_progress', 'waiting'] as const;

export const urgencies = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];
export const Urgency = Type.Union([
  Type.Literal('normal'),
  Type.Literal('urgent'),
  Type.Literal('critical'),
]);

/** What someone may do to a ticket (the transition table lives in the server's lifecycle.ts). */
export const ticketActions = [
  'accept',
  'assign',
  'start',
  'wait',
  'resume',
  'resolve',
  'confirm',
  'reopen',
  'reject',
  'merge',
  'note',
] as const;
export type TicketAction = (typeof ticketActions)[number];
export const TicketAction = Type.Union([
  Type.Literal('accept'),
  Type.Literal('assign'),
  Type.Literal('start'),
  Type.Literal('wait'),
  Type.Literal('resume'),
  Type.Literal('resolve'),
  Type.Literal('confirm'),
  Type.Literal('reopen'),
  Type.Literal('reject'),
  Type.Literal('merge'),
  Type.Literal('note'),
]);

export const waitReasons = ['parts', 'vendor', 'other'] as const;
export const WaitReason = Type.Union([
  Type.Literal('parts'),
  Type.Literal('vendor'),
  Type.Literal('other'),
]);

/** Where a report came from. */
export const ticketSources = ['label', 'h5', 'message', 'admin'] as const;
export const TicketSource = Type.Union([
  Type.Literal('label'),
  Type.Literal('h5'),
  Type.Literal('message'),
  Type.Literal('admin'),
]);

/** Photo limits: per report or update, per file, and the accepted formats (checked by content). */
export const PHOTO_MAX_COUNT = 9;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

// ——— Fault types ———

export const FaultType = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  /** Offered only for devices of this category and its sub-categories; null: for every device. */
  categoryId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  defaultUrgency: Urgency,
  sortOrder: Type.Integer(),
  enabled: Type.Boolean(),
});
export type FaultType = Static<typeof FaultType>;

export const FaultTypeBody = Type.Object(
  {
    parentId: Nullable(Type.String({ format: 'uuid' })),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    categoryId: Nullable(Type.String({ format: 'uuid' })),
    defaultUrgency: Urgency,
    sortOrder: Type.Integer({ minimum: 0, maximum: 10_000 }),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type FaultTypeBody = Static<typeof FaultTypeBody>;

/** A fault type as the report page offers it (a two-level picker). */
export const FaultTypeOption = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  defaultUrgency: Urgency,
});

// ——— Reporting (H5, WeChat session) ———

export const RepairDevice = Type.Object({
  id: Type.String(),
  assetNo: Type.String(),
  name: Type.String(),
  categoryName: Type.String(),
  brand: Nullable(Type.String()),
  model: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  location: Nullable(Type.String()),
});
export type RepairDevice = Static<typeof RepairDevice>;

export const RepairDepartment = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
});

/**
 * Who is reporting. `staff`: a staff member bound to this WeChat (no form); `known`: a reporter
 * whose contact details are remembered; `new`: name, phone and department are asked once.
 */
export const Reporter = Type.Object({
  kind: Type.Union([Type.Literal('staff'), Type.Literal('known'), Type.Literal('new')]),
  name: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
});
export type Reporter = Static<typeof Reporter>;

export const ReporterContactBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    phone: Type.String({ pattern: '^1\\d{10}$' }),
    departmentId: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type ReporterContactBody = Static<typeof ReporterContactBody>;

/** The open ticket of a device as the report page shows it, offering 我也遇到. */
export const OpenTicketNotice = Type.Object({
  id: Type.String(),
  no: Type.String(),
  status: TicketStatus,
  faultTypeName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  createdAt: Timestamp,
  /** People who joined with 我也遇到 (besides the reporter). */
  followerCount: Type.Integer(),
  /** The caller reported it or already joined it. */
  involved: Type.Boolean(),
});
export type OpenTicketNotice = Static<typeof OpenTicketNotice>;

/** Everything the report page needs after a scan (or after choosing a device). */
export const ReportContext = Type.Object({
  device: RepairDevice,
  openTicket: Nullable(OpenTicketNotice),
  faultTypes: Type.Array(FaultTypeOption),
  reporter: Reporter,
  hotline: Nullable(Type.String()),
});
export type ReportContext = Static<typeof ReportContext>;

export const ClientKey = Type.String({
  pattern: '^[A-Za-z0-9_-]{8,64}$',
  description: 'Generated once per report form: submitting again returns the same ticket',
});

export const ReportBody = Type.Object(
  {
    /** From a scanned label. */
    labelToken: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{16,40}$' })),
    /** Chosen without a label. */
    deviceId: Type.Optional(Id),
    /** Required when no device is given (a fault not tied to a registered device). */
    departmentId: Type.Optional(Id),
    faultTypeId: Type.Optional(Id),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    /** Defaults to the fault type's urgency, or normal. */
    urgency: Type.Optional(Urgency),
    photoIds: Type.Array(Id, { maxItems: PHOTO_MAX_COUNT, default: [] }),
    clientKey: ClientKey,
    /** Required once from a reporter who is neither bound staff nor known. */
    contact: Type.Optional(ReporterContactBody),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

export const JoinBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    contact: Type.Optional(ReporterContactBody),
  },
  { additionalProperties: false },
);

export const UploadedPhoto = Type.Object({
  id: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});

// ——— Tickets as people see them ———

export const TicketSummary = Type.Object({
  id: Type.String(),
  no: Type.String(),
  status: TicketStatus,
  urgency: Urgency,
  source: TicketSource,
  deviceId: Nullable(Type.String()),
  deviceName: Nullable(Type.String()),
  assetNo: Nullable(Type.String()),
  location: Nullable(Type.String()),
  departmentId: Type.String(),
  departmentName: Type.String(),
  faultTypeName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  /** Masked (`陈*`) for everyone but staff handling the ticket. */
  reporterName: Type.String(),
  groupName: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  acceptDueAt: Timestamp,
  resolveDueAt: Timestamp,
  /** Past its SLA deadline without being accepted / resolved. */
  acceptOverdue: Type.Boolean(),
  resolveOverdue: Type.Boolean(),
  followerCount: Type.Integer(),
  photoCount: Type.Integer(),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const TicketPart = Type.Object({
  id: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unitCostFen: Type.Integer(),
  at: Timestamp,
});

export const TicketEvent = Type.Object({
  id: Type.Integer(),
  /** A transition (accept, assign, …), or submit, join, note, escalate, auto_close. */
  action: Type.String(),
  fromStatus: Nullable(TicketStatus),
  toStatus: TicketStatus,
  actorName: Type.String(),
  at: Timestamp,
  note: Nullable(Type.String()),
  photoIds: Type.Array(Type.String()),
  /** Action-specific facts: assigneeName, waitReason, mergedIntoNo, rating, level, parts… */
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type TicketEvent = Static<typeof TicketEvent>;

/** What a viewer may do now, with the fields each action requires. */
export const AvailableAction = Type.Object({
  action: TicketAction,
  /** Body fields the action needs, e.g. ['resolution'] or ['note'] or ['assigneeId']. */
  requires: Type.Array(Type.String()),
});

export const TicketDetail = Type.Object({
  ticket: TicketSummary,
  device: Nullable(RepairDevice),
  reporter: Type.Object({
    name: Type.String(),
    /** Shown to staff handling the ticket, so they can call back; reading it is audited. */
    phone: Nullable(Type.String()),
    phoneMasked: Nullable(Type.String()),
  }),
  resolution: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  ratingComment: Nullable(Type.String()),
  mergedInto: Nullable(Type.Object({ id: Type.String(), no: Type.String() })),
  events: Type.Array(TicketEvent),
  parts: Type.Array(TicketPart),
  /** Minutes from submission to acceptance and to the last resolution (null until then). */
  durations: Type.Object({
    acceptMinutes: Nullable(Type.Number()),
    resolveMinutes: Nullable(Type.Number()),
  }),
  /** Earlier tickets of the same device (staff only; empty for reporters). */
  deviceHistory: Type.Array(DeviceTicket),
  actions: Type.Array(AvailableAction),
  /** How the caller relates to the ticket. */
  viewer: Type.Union([
    Type.Literal('reporter'),
    Type.Literal('follower'),
    Type.Literal('engineer'),
    Type.Literal('manager'),
  ]),
});
export type TicketDetail = Static<typeof TicketDetail>;

export const PartBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    quantity: Type.Integer({ minimum: 1, maximum: 1000 }),
    unitCostFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  },
  { additionalProperties: false },
);

/**
 * One action on a ticket. Which fields each action requires: assign → assigneeId; wait →
 * waitReason; resolve → resolution; confirm → rating; reopen, reject → note; merge → mergeIntoId.
 */
export const TicketActionBody = Type.Object(
  {
    action: TicketAction,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    assigneeId: Type.Optional(Id),
    waitReason: Type.Optional(WaitReason),
    resolution: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    mergeIntoId: Type.Optional(Id),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    photoIds: Type.Optional(Type.Array(Id, { maxItems: PHOTO_MAX_COUNT })),
    parts: Type.Optional(Type.Array(PartBody, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type TicketActionBody = Static<typeof TicketActionBody>;

export const ReportResult = Type.Object({
  /** `joined`: the device already had an open ticket, and the report was added to it. */
  outcome: Type.Union([Type.Literal('created'), Type.Literal('joined')]),
  ticket: TicketDetail,
});
export type ReportResult = Static<typeof ReportResult>;

export const TicketPage = Type.Object({ items: Type.Array(TicketSummary), total: Type.Integer() });

// ——— Engineers ———

export const EngineerMe = Type.Object({
  accountId: Type.String(),
  displayName: Type.String(),
  groups: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), isLead: Type.Boolean() }),
  ),
  onDuty: Type.Boolean(),
  /** May assign, reject and merge any ticket (equipment managers). */
  canManage: Type.Boolean(),
  /** Counts for the queue's tabs. */
  counts: Type.Object({ mine: Type.Integer(), unassigned: Type.Integer() }),
});

export const EngineerQueueQuery = Type.Object(
  {
    ...PageQuery,
    /**
     * mine: assigned to me and open or resolved; unassigned: submitted to my groups; group: every
     * open ticket of my groups; done: closed, rejected or merged that I handled; all: managers.
     */
    scope: Type.Union(
      [
        Type.Literal('mine'),
        Type.Literal('unassigned'),
        Type.Literal('group'),
        Type.Literal('done'),
        Type.Literal('all'),
      ],
      { default: 'mine' },
    ),
  },
  { additionalProperties: false },
);

export const Assignee = Type.Object({
  accountId: Type.String(),
  displayName: Type.String(),
  groupNames: Type.Array(Type.String()),
  onDuty: Type.Boolean(),
  /** Open tickets assigned now: a hint for fair assignment. */
  openCount: Type.Integer(),
  wechatBound: Type.Boolean(),
});

// ——— Staff WeChat binding ———

export const StaffBinding = Type.Object({
  bound: Type.Boolean(),
  account: Nullable(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      roles: Type.Array(Type.String()),
    }),
  ),
  boundAt: Nullable(Timestamp),
});
export type StaffBinding = Static<typeof StaffBinding>;

export const BindStaffBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const StaffBindingRow = Type.Object({
  accountId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  boundAt: Timestamp,
});

// ——— Administration ———

export const AdminTicketQuery = Type.Object(
  {
    ...PageQuery,
    /** A status, or `open` for every open one. */
    status: Type.Optional(Type.Union([TicketStatus, Type.Literal('open')])),
    /** Ticket number, asset number, device name or description contains this. */
    q: Type.Optional(Type.String({ maxLength: 60 })),
    departmentId: Type.Optional(Id),
    groupId: Type.Optional(Id),
    assigneeId: Type.Optional(Id),
    deviceId: Type.Optional(Id),
    urgency: Type.Optional(Urgency),
    /** A fault type, or a top-level one with its sub-types. */
    faultTypeId: Type.Optional(Id),
    /** The device's category, with its sub-categories. */
    categoryId: Type.Optional(Id),
    /** Submitted on or after this local date. */
    from: Type.Optional(LocalDate),
    /** Submitted on or before this local date. */
    to: Type.Optional(LocalDate),
    /** Only tickets past an SLA deadline. */
    overdue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AdminTicketQuery = Static<typeof AdminTicketQuery>;

/** A report taken by phone at the help desk. */
export const AdminReportBody = Type.Object(
  {
    deviceId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    faultTypeId: Type.Optional(Id),
    description: Type.String({ minLength: 1, maxLength: 500 }),
    urgency: Type.Optional(Urgency),
    reporterName: Type.String({ minLength: 1, maxLength: 40 }),
    reporterPhone: Type.Optional(Type.String({ pattern: '^[0-9-]{3,20}$' })),
  },
  { additionalProperties: false },
);
export type AdminReportBody = Static<typeof AdminReportBody>;

export const EngineerGroup = Type.Object({
  id: Type.String(),
  name: Type.String(),
  members: Type.Array(
    Type.Object({
      accountId: Type.String(),
      displayName: Type.String(),
      isLead: Type.Boolean(),
      wechatBound: Type.Boolean(),
      onDuty: Type.Boolean(),
    }),
  ),
});
export type EngineerGroup = Static<typeof EngineerGroup>;

export const GroupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    members: Type.Array(
      Type.Object({ accountId: Id, isLead: Type.Boolean() }, { additionalProperties: false }),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type GroupBody = Static<typeof GroupBody>;

export const DispatchRule = Type.Object({
  id: Type.String(),
  categoryId: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  groupId: Type.String(),
  groupName: Type.String(),
  sortOrder: Type.Integer(),
});

export const DispatchRulesBody = Type.Object(
  {
    rules: Type.Array(
      Type.Object(
        {
          /** The rule matches this category and its sub-categories; null: any category. */
          categoryId: Nullable(Id),
          /** The rule matches this department; null: any department. */
          departmentId: Nullable(Id),
          groupId: Id,
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type DispatchRulesBody = Static<typeof DispatchRulesBody>;

export const DutyShift = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  groupName: Type.String(),
  accountId: Type.String(),
  displayName: Type.String(),
  startsAt: Timestamp,
  endsAt: Timestamp,
});

export const DutyShiftBody = Type.Object(
  {
    groupId: Id,
    accountId: Id,
    startsAt: Timestamp,
    endsAt: Timestamp,
  },
  { additionalProperties: false },
);
export type DutyShiftBody = Static<typeof DutyShiftBody>;

export const RosterQuery = Type.Object(
  {
    from: LocalDate,
    to: LocalDate,
    groupId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const SlaTarget = Type.Object({
  urgency: Urgency,
  acceptMinutes: Type.Integer({ minimum: 1, maximum: 100_000 }),
  resolveMinutes: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export const SlaBody = Type.Object(
  {
    targets: Type.Array(
      Type.Object(
        {
          urgency: Urgency,
          acceptMinutes: Type.Integer({ minimum: 1, maximum: 100_000 }),
          resolveMinutes: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
);
export type SlaBody = Static<typeof SlaBody>;

export const TicketSettings = Type.Object({
  autoCloseHours: Type.Integer({ minimum: 1, maximum: 720 }),
});
export const TicketSettingsBody = Type.Object(
  { autoCloseHours: Type.Integer({ minimum: 1, maximum: 720 }) },
  { additionalProperties: false },
);

// ——— Statistics ———

export const StatsQuery = Type.Object(
  {
    /** First local date of the period (tickets submitted from 00:00 that day). */
    from: LocalDate,
    /** Last local date of the period, included. */
    to: LocalDate,
    departmentId: Type.Optional(Id),
    /** The category and its sub-categories. */
    categoryId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

/** Median and 90th percentile (linear interpolation, like PostgreSQL's percentile_cont). */
export const Distribution = Type.Object({
  count: Type.Integer(),
  median: Nullable(Type.Number()),
  p90: Nullable(Type.Number()),
});
export type Distribution = Static<typeof Distribution>;

/**
 * Failures normalised by exposure: a device counts from the later of the period start and its
 * in-service date to the earlier of the period end and its retirement; a device-month is 1/12 of
 * 365.25 days. MTBF = device hours ÷ failures.
 */
export const RateRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  devices: Type.Integer(),
  deviceMonths: Type.Number(),
  failures: Type.Integer(),
  per100DeviceMonths: Nullable(Type.Number()),
  mtbfHours: Nullable(Type.Number()),
});
export type RateRow = Static<typeof RateRow>;

export const ProcurementRow = Type.Object({
  brand: Nullable(Type.String()),
  model: Nullable(Type.String()),
  categoryName: Type.String(),
  /** Devices in service at the end of the period. */
  fleet: Type.Integer(),
  deviceMonths: Type.Number(),
  failures: Type.Integer(),
  per100DeviceMonths: Nullable(Type.Number()),
  mtbfHours: Nullable(Type.Number()),
  /** Median minutes from report to restoration. */
  mttrMedianMinutes: Nullable(Type.Number()),
  repeatRate: Nullable(Type.Number()),
  partsCostFen: Type.Integer(),
  avgPurchasePriceFen: Nullable(Type.Integer()),
});
export type ProcurementRow = Static<typeof ProcurementRow>;

export const TicketStats = Type.Object({
  period: Type.Object({ from: LocalDate, to: LocalDate, days: Type.Integer() }),
  totals: Type.Object({
    tickets: Type.Integer(),
    open: Type.Integer(),
    resolved: Type.Integer(),
    closed: Type.Integer(),
    rejected: Type.Integer(),
    merged: Type.Integer(),
  }),
  /** Minutes from submission to acceptance. */
  mtta: Distribution,
  /** Minutes from submission to restoration (the last resolution), time to restore. */
  mttr: Distribution,
  /** Minutes from acceptance to restoration. */
  repairTime: Distribution,
  sla: Type.Object({
    acceptMet: Type.Integer(),
    acceptBreached: Type.Integer(),
    /** Met ÷ (met + breached); null without decided tickets. */
    acceptRate: Nullable(Type.Number()),
    resolveMet: Type.Integer(),
    resolveBreached: Type.Integer(),
    resolveRate: Nullable(Type.Number()),
  }),
  /** Failures of a device that had another failure in the 30 days before. */
  repeat: Type.Object({
    repeats: Type.Integer(),
    failures: Type.Integer(),
    rate: Nullable(Type.Number()),
  }),
  byModel: Type.Array(RateRow),
  byCategory: Type.Array(RateRow),
  byDepartment: Type.Array(RateRow),
  pareto: Type.Array(
    Type.Object({
      faultTypeId: Nullable(Type.String()),
      name: Type.String(),
      count: Type.Integer(),
      percent: Type.Number(),
      cumulativePercent: Type.Number(),
    }),
  ),
  byGroup: Type.Array(
    Type.Object({
      groupId: Nullable(Type.String()),
      name: Type.String(),
      tickets: Type.Integer(),
      mtta: Distribution,
      mttr: Distribution,
      acceptRate: Nullable(Type.Number()),
    }),
  ),
  /** Per local day of the period. */
  trend: Type.Array(
    Type.Object({ date: LocalDate, submitted: Type.Integer(), resolved: Type.Integer() }),
  ),
  procurement: Type.Array(ProcurementRow),
});
export type TicketStats = Static<typeof TicketStats>;

// ——— Routes ———

/** The report page and the reporter's tickets (H5 in WeChat; the session's OpenID). */
export const repairRoutes = {
  labelContext: defineRoute({
    method: 'GET',
    path: '/api/repair/labels/:token',
    summary: 'After a label scan: the device, its open ticket, fault types and the reporter',
    tag: 'repair',
    params: Type.Object(
      { token: Type.String({ pattern: '^[A-Za-z0-9]{16,40}$' }) },
      { additionalProperties: false },
    ),
    response: ReportContext,
  }),
  deviceContext: defineRoute({
    method: 'GET',
    path: '/api/repair/devices/:id',
    summary: 'Reporting without a label: the same context for a chosen device',
    tag: 'repair',
    params: IdParams,
    response: ReportContext,
  }),
  devices: defineRoute({
    method: 'GET',
    path: '/api/repair/devices',
    summary: "A department's devices in service, to choose one without a label",
    tag: 'repair',
    query: Type.Object(
      {
        departmentId: Id,
        q: Type.Optional(Type.String({ maxLength: 60 })),
      },
      { additionalProperties: false },
    ),
    response: Type.Array(RepairDevice),
  }),
  departments: defineRoute({
    method: 'GET',
    path: '/api/repair/departments',
    summary: 'Departments, for the contact form and for reporting without a label',
    tag: 'repair',
    response: Type.Array(RepairDepartment),
  }),
  faultTypes: defineRoute({
    method: 'GET',
    path: '/api/repair/fault-types',
    summary: 'Fault types offered when no device is chosen',
    tag: 'repair',
    response: Type.Array(FaultTypeOption),
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/repair/me',
    summary: 'Who reports from this WeChat: bound staff, a known reporter, or new',
    tag: 'repair',
    response: Reporter,
  }),
  saveContact: defineRoute({
    method: 'PUT',
    path: '/api/repair/me',
    summary: "Change the reporter's remembered name, phone and department",
    tag: 'repair',
    body: ReporterContactBody,
    response: Reporter,
  }),
  uploadPhoto: defineRoute({
    method: 'POST',
    path: '/api/tickets/photos',
    summary: `Upload one photo (body: the JPEG, PNG or WebP bytes, at most ${PHOTO_MAX_BYTES} bytes); attach its id to a report or update`,
    tag: 'repair',
    response: UploadedPhoto,
  }),
  photo: defineRoute({
    method: 'GET',
    path: '/api/tickets/photos/:id',
    summary: 'A photo of a ticket the caller may see (the image bytes)',
    tag: 'repair',
    params: IdParams,
  }),
  report: defineRoute({
    method: 'POST',
    path: '/api/tickets',
    summary:
      'Report a fault. The same clientKey returns the same ticket; a device with an open ticket gets the report joined to it',
    tag: 'repair',
    body: ReportBody,
    response: ReportResult,
  }),
  join: defineRoute({
    method: 'POST',
    path: '/api/tickets/:id/join',
    summary: '我也遇到: follow an open ticket and hear of its progress',
    tag: 'repair',
    params: IdParams,
    body: JoinBody,
    response: TicketDetail,
  }),
  mine: defineRoute({
    method: 'GET',
    path: '/api/tickets/mine',
    summary: 'Tickets the caller reported or joined, newest first',
    tag: 'repair',
    query: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: TicketPage,
  }),
  ticket: defineRoute({
    method: 'GET',
    path: '/api/tickets/:id',
    summary: 'A ticket as the caller may see it (reporter, follower, engineer or manager)',
    tag: 'repair',
    params: IdParams,
    response: TicketDetail,
  }),
  act: defineRoute({
    method: 'POST',
    path: '/api/tickets/:id/actions',
    summary: 'Act on a ticket: reporters confirm or reopen; engineers accept, start, resolve…',
    tag: 'repair',
    params: IdParams,
    body: TicketActionBody,
    response: TicketDetail,
  }),
};

/** The engineers' pages in WeChat (staff bound to the WeChat user). */
export const engineerRoutes = {
  me: defineRoute({
    method: 'GET',
    path: '/api/engineer/me',
    summary: "The engineer's groups, duty and queue counts",
    tag: 'engineer',
    response: EngineerMe,
  }),
  queue: defineRoute({
    method: 'GET',
    path: '/api/engineer/tickets',
    summary: "The engineer's queue: mine, unassigned, my groups', done, or all (managers)",
    tag: 'engineer',
    query: EngineerQueueQuery,
    response: TicketPage,
  }),
  assignees: defineRoute({
    method: 'GET',
    path: '/api/engineer/assignees',
    summary: 'Engineers a ticket may be assigned to, with duty and load',
    tag: 'engineer',
    response: Type.Array(Assignee),
  }),
};

/** A staff member binds their WeChat by signing in once with the staff password (H5). */
export const staffBindingRoutes = {
  status: defineRoute({
    method: 'GET',
    path: '/api/staff-binding',
    summary: 'The staff account bound to this WeChat, if any',
    tag: 'staff-binding',
    response: StaffBinding,
  }),
  bind: defineRoute({
    method: 'POST',
    path: '/api/staff-binding',
    summary: 'Bind this WeChat to a staff account (username and password, lockout applies)',
    tag: 'staff-binding',
    body: BindStaffBody,
    response: StaffBinding,
  }),
  unbind: defineRoute({
    method: 'DELETE',
    path: '/api/staff-binding',
    summary: 'Unbind this WeChat from its staff account',
    tag: 'staff-binding',
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/staff-bindings',
    summary: 'Staff accounts bound to a WeChat',
    tag: 'staff-binding',
    response: Type.Array(StaffBindingRow),
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/admin/staff-bindings/:id',
    summary: "Unbind a staff account's WeChat (id: the account)",
    tag: 'staff-binding',
    params: IdParams,
  }),
};

/** The administrators' console for tickets. */
export const adminTicketRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets',
    summary: 'Tickets, filtered and paged, newest first',
    tag: 'tickets',
    query: AdminTicketQuery,
    response: TicketPage,
  }),
  ticket: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/:id',
    summary: 'A ticket with its events, parts and device history',
    tag: 'tickets',
    params: IdParams,
    response: TicketDetail,
  }),
  act: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets/:id/actions',
    summary: 'Act on a ticket from the console (same rules as in WeChat)',
    tag: 'tickets',
    params: IdParams,
    body: TicketActionBody,
    response: TicketDetail,
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets',
    summary: 'Record a report taken by phone',
    tag: 'tickets',
    body: AdminReportBody,
    response: TicketDetail,
  }),
  photo: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/photos/:id',
    summary: 'A photo of a ticket (the image bytes)',
    tag: 'tickets',
    params: IdParams,
  }),
  uploadPhoto: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets/photos',
    summary: 'Upload a photo from the console, to attach to an action',
    tag: 'tickets',
    response: UploadedPhoto,
  }),
  assignees: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/assignees',
    summary: 'Engineers a ticket may be assigned to, with duty and load',
    tag: 'tickets',
    response: Type.Array(Assignee),
  }),
  faultTypes: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/fault-types',
    summary: 'The fault-type tree, flat, parents first',
    tag: 'tickets',
    response: Type.Array(FaultType),
  }),
  createFaultType: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets/fault-types',
    summary: 'Add a fault type (two levels)',
    tag: 'tickets',
    body: FaultTypeBody,
    response: FaultType,
  }),
  updateFaultType: defineRoute({
    method: 'PUT',
    path: '/api/admin/tickets/fault-types/:id',
    summary: 'Change a fault type',
    tag: 'tickets',
    params: IdParams,
    body: FaultTypeBody,
    response: FaultType,
  }),
  deleteFaultType: defineRoute({
    method: 'DELETE',
    path: '/api/admin/tickets/fault-types/:id',
    summary: 'Remove an unused fault type without children (disable a used one instead)',
    tag: 'tickets',
    params: IdParams,
  }),
  groups: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/groups',
    summary: 'Engineer groups with their members, leads and who is on duty now',
    tag: 'tickets',
    response: Type.Array(EngineerGroup),
  }),
  createGroup: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets/groups',
    summary: 'Add an engineer group',
    tag: 'tickets',
    body: GroupBody,
    response: EngineerGroup,
  }),
  updateGroup: defineRoute({
    method: 'PUT',
    path: '/api/admin/tickets/groups/:id',
    summary: 'Rename a group and replace its members',
    tag: 'tickets',
    params: IdParams,
    body: GroupBody,
    response: EngineerGroup,
  }),
  deleteGroup: defineRoute({
    method: 'DELETE',
    path: '/api/admin/tickets/groups/:id',
    summary: 'Remove a group (its rules and shifts go with it)',
    tag: 'tickets',
    params: IdParams,
  }),
  dispatchRules: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/dispatch-rules',
    summary: 'Which group receives a new ticket, by category and department',
    tag: 'tickets',
    response: Type.Array(DispatchRule),
  }),
  saveDispatchRules: defineRoute({
    method: 'PUT',
    path: '/api/admin/tickets/dispatch-rules',
    summary: 'Replace the dispatch rules (one rule per category × department pair)',
    tag: 'tickets',
    body: DispatchRulesBody,
    response: Type.Array(DispatchRule),
  }),
  roster: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/roster',
    summary: 'Duty shifts overlapping the local dates from–to',
    tag: 'tickets',
    query: RosterQuery,
    response: Type.Array(DutyShift),
  }),
  addShift: defineRoute({
    method: 'POST',
    path: '/api/admin/tickets/roster',
    summary: 'Put a group member on duty from–to (at most 7 days)',
    tag: 'tickets',
    body: DutyShiftBody,
    response: DutyShift,
  }),
  deleteShift: defineRoute({
    method: 'DELETE',
    path: '/api/admin/tickets/roster/:id',
    summary: 'Remove a duty shift',
    tag: 'tickets',
    params: IdParams,
  }),
  sla: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/sla',
    summary: 'SLA targets per urgency (minutes to accept and to resolve)',
    tag: 'tickets',
    response: Type.Array(SlaTarget),
  }),
  saveSla: defineRoute({
    method: 'PUT',
    path: '/api/admin/tickets/sla',
    summary: 'Change SLA targets (apply to tickets submitted afterwards)',
    tag: 'tickets',
    body: SlaBody,
    response: Type.Array(SlaTarget),
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/settings',
    summary: 'Ticket settings',
    tag: 'tickets',
    response: TicketSettings,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/tickets/settings',
    summary: 'Change ticket settings',
    tag: 'tickets',
    body: TicketSettingsBody,
    response: TicketSettings,
  }),
  stats: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/stats',
    summary: 'MTTA, MTTR, MTBF, failure rates, Pareto, repeats, SLA, procurement sheet',
    tag: 'tickets',
    query: StatsQuery,
    response: TicketStats,
  }),
  statsExport: defineRoute({
    method: 'GET',
    path: '/api/admin/tickets/stats.xlsx',
    summary: 'Every statistics table, and the tickets behind them, as an Excel workbook',
    tag: 'tickets',
    query: StatsQuery,
  }),
};
