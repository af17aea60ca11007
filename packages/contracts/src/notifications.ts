import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery, Timestamp } from './common';

interface KindSpec {
  zh: string;
  en: string;
  /** Data fields every notice of this kind carries, with a sample value for previews. */
  fields: Record<string, string>;
}

/**
 * Every kind of notice Zhangyi sends, the data each carries, and sample values for the admin's
 * preview. The hospital maps each kind to one of its own WeChat templates.
 */
export const notificationKinds = {
  appointment_booked: {
    zh: '预约成功',
    en: 'Appointment booked',
    fields: {
      patientName: '张*',
      department: '心血管内科',
      doctor: '张建国',
      visitTime: '2026-12-01 上午 09:00-09:30',
      sequence: '12',
      fee: '50.00',
    },
  },
  appointment_cancelled: {
    zh: '预约取消',
    en: 'Appointment cancelled',
    fields: {
      patientName: '张*',
      department: '心血管内科',
      doctor: '张建国',
      visitTime: '2026-12-01 上午',
      reason: '患者取消',
    },
  },
  appointment_reminder: {
    zh: '就诊提醒',
    en: 'Visit reminder',
    fields: {
      patientName: '张*',
      department: '心血管内科',
      doctor: '张建国',
      visitTime: '2026-12-01 上午 09:00',
      location: '门诊楼 2 层 A 区',
    },
  },
  clinic_stopped: {
    zh: '停诊通知',
    en: 'Clinic stopped',
    fields: {
      patientName: '张*',
      department: '心血管内科',
      doctor: '张建国',
      visitTime: '2026-12-01 上午',
      refund: '50.00',
    },
  },
  payment_succeeded: {
    zh: '支付成功',
    en: 'Payment succeeded',
    fields: { patientName: '张*', item: '挂号费', amount: '50.00', paidAt: '2026-11-25 10:02' },
  },
  refund_completed: {
    zh: '退款成功',
    en: 'Refund completed',
    fields: { patientName: '张*', item: '挂号费', amount: '50.00', refundedAt: '2026-11-25 10:30' },
  },
  report_ready: {
    zh: '报告已出',
    en: 'Report ready',
    fields: { patientName: '张*', reportName: '血常规', reportedAt: '2026-11-25 15:00' },
  },
  survey_invitation: {
    zh: '满意度调查',
    en: 'Satisfaction survey',
    fields: { patientName: '张*', visitDate: '2026-11-25', department: '心血管内科' },
  },
  ticket_created: {
    zh: '新报修工单',
    en: 'New repair ticket',
    fields: {
      ticketNo: 'BX20261125001',
      device: '打印机 HP-M404',
      department: '心血管内科',
      fault: '卡纸',
      reporter: '陈*',
      ticketId: '00000000-0000-4000-8000-000000000000',
    },
  },
  ticket_accepted: {
    zh: '工单已受理',
    en: 'Ticket accepted',
    fields: {
      ticketNo: 'BX20261125001',
      device: '打印机 HP-M404',
      engineer: '赵磊',
      acceptedAt: '2026-11-25 10:05',
      ticketId: '00000000-0000-4000-8000-000000000000',
    },
  },
  ticket_resolved: {
    zh: '工单已解决',
    en: 'Ticket resolved',
    fields: {
      ticketNo: 'BX20261125001',
      device: '打印机 HP-M404',
      resolution: '更换搓纸轮',
      resolvedAt: '2026-11-25 11:20',
      ticketId: '00000000-0000-4000-8000-000000000000',
    },
  },
  ticket_status_changed: {
    zh: '工单状态变更',
    en: 'Ticket status changed',
    fields: {
      ticketNo: 'BX20261125001',
      device: '打印机 HP-M404',
      status: '处理中',
      changedAt: '2026-11-25 10:30',
      ticketId: '00000000-0000-4000-8000-000000000000',
    },
  },
  ticket_escalated: {
    zh: '工单超时提醒',
    en: 'Ticket overdue',
    fields: {
      ticketNo: 'BX20261125001',
      device: '打印机 HP-M404',
      department: '心血管内科',
      overdue: '超过 30 分钟未受理',
      submittedAt: '2026-11-25 10:00',
      ticketId: '00000000-0000-4000-8000-000000000000',
    },
  },
  loan_approved: {
    zh: '借用已批准',
    en: 'Loan approved',
    fields: {
      loanNo: 'JY20261125001',
      category: '呼吸机',
      quantity: '1',
      department: '呼吸内科',
      approvedAt: '2026-11-25 09:00',
    },
  },
  loan_rejected: {
    zh: '借用被驳回',
    en: 'Loan rejected',
    fields: { loanNo: 'JY20261125001', category: '呼吸机', reason: '暂无可用设备' },
  },
  loan_overdue: {
    zh: '设备逾期未还',
    en: 'Loan overdue',
    fields: {
      loanNo: 'JY20261125001',
      device: '呼吸机 PB840',
      department: '呼吸内科',
      dueAt: '2026-11-24 18:00',
    },
  },
  loan_requested: {
    zh: '新借用申请',
    en: 'New loan request',
    fields: {
      loanNo: 'JY20261125001',
      category: '呼吸机',
      quantity: '1',
      department: '呼吸内科',
      urgency: '紧急',
      loanId: '00000000-0000-4000-8000-000000000000',
    },
  },
  loan_confirm_due: {
    zh: '紧急借用待确认',
    en: 'Emergency loan to confirm',
    fields: {
      loanNo: 'JY20261125001',
      category: '呼吸机',
      department: '呼吸内科',
      confirmDueAt: '2026-11-26 09:00',
      stage: '即将到期',
      loanId: '00000000-0000-4000-8000-000000000000',
    },
  },
  announcement: {
    zh: '医院公告',
    en: 'Announcement',
    fields: {
      title: '春节门诊安排',
      publishedAt: '2026-11-25',
      url: '/h5/articles/00000000-0000-4000-8000-000000000000',
    },
  },
  test: {
    zh: '测试消息',
    en: 'Test message',
    fields: { content: '这是一条测试消息', sentAt: '2026-11-25 10:00' },
  },
} as const satisfies Record<string, KindSpec>;

export type NotificationKind = keyof typeof notificationKinds;
export const notificationKindNames = Object.keys(notificationKinds) as NotificationKind[];

export const notificationStatuses = [
  'pending',
  'sending',
  'sent',
  'skipped',
  'failed',
  'dead',
] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

const Kind = Type.String({ pattern: '^[a-z_]{1,40}$' });
const KindParams = Type.Object({ kind: Kind }, { additionalProperties: false });

export const NotificationTemplate = Type.Object({
  kind: Type.String(),
  /** Null when the hospital has not configured a template for this kind yet. */
  templateId: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Record(Type.String(), Type.String()),
  url: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  /** Data fields this kind provides, usable as `{{field}}` in the mapping. */
  availableFields: Type.Array(Type.String()),
});
export type NotificationTemplate = Static<typeof NotificationTemplate>;

const TemplateKeyword = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,31}$' });

export const SaveNotificationTemplateBody = Type.Object(
  {
    templateId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    fields: Type.Record(TemplateKeyword, Type.String({ maxLength: 200 }), { maxProperties: 20 }),
    url: Type.Union([Type.String({ maxLength: 1024 }), Type.Null()]),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SaveNotificationTemplateBody = Static<typeof SaveNotificationTemplateBody>;

export const RenderedNotice = Type.Object({
  templateId: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Object({ value: Type.String() })),
});
export type RenderedNotice = Static<typeof RenderedNotice>;

export const TestSendBody = Type.Object(
  { openid: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

export const TestSendResult = Type.Object({
  ok: Type.Boolean(),
  wechatMsgId: Type.Union([Type.String(), Type.Null()]),
  errcode: Type.Union([Type.Integer(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
});

export const NotificationAttempt = Type.Object({
  at: Timestamp,
  outcome: Type.String(),
  errcode: Type.Union([Type.Integer(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
});

export const Notification = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  recipientOpenid: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Timestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
  wechatMsgId: Type.Union([Type.String(), Type.Null()]),
  /** WeChat's delivery report, when it came: `success`, `failed:user block`, … */
  wechatDelivery: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
});
export type Notification = Static<typeof Notification>;

export const NotificationDetail = Type.Object({
  notification: Notification,
  data: Type.Record(Type.String(), Type.String()),
  attempts: Type.Array(NotificationAttempt),
});

export const NotificationListQuery = Type.Object(
  {
    ...PageQuery,
    openid: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Optional(Kind),
    status: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('sending'),
        Type.Literal('sent'),
        Type.Literal('skipped'),
        Type.Literal('failed'),
        Type.Literal('dead'),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const JobSummary = Type.Object({
  name: Type.String(),
  schedule: Type.String(),
  description: Type.String(),
  lastRun: Type.Union([
    Type.Object({
      tick: Timestamp,
      startedAt: Timestamp,
      finishedAt: Type.Union([Timestamp, Type.Null()]),
      outcome: Type.String(),
      error: Type.Union([Type.String(), Type.Null()]),
      instance: Type.String(),
    }),
    Type.Null(),
  ]),
  nextTick: Type.Union([Timestamp, Type.Null()]),
});

export const JobRun = Type.Object({
  tick: Timestamp,
  startedAt: Timestamp,
  finishedAt: Type.Union([Timestamp, Type.Null()]),
  outcome: Type.String(),
  error: Type.Union([Type.String(), Type.Null()]),
  instance: Type.String(),
  details: Type.Unknown(),
});

export const notificationRoutes = {
  templates: defineRoute({
    method: 'GET',
    path: '/api/admin/notification-templates',
    summary: 'Every notice kind with its template mapping',
    tag: 'notifications',
    response: Type.Array(NotificationTemplate),
  }),
  saveTemplate: defineRoute({
    method: 'PUT',
    path: '/api/admin/notification-templates/:kind',
    summary: "Map a notice kind to one of the hospital's WeChat templates",
    tag: 'notifications',
    params: KindParams,
    body: SaveNotificationTemplateBody,
    response: NotificationTemplate,
  }),
  preview: defineRoute({
    method: 'POST',
    path: '/api/admin/notification-templates/:kind/preview',
    summary: 'Render a template mapping with sample data',
    tag: 'notifications',
    params: KindParams,
    body: SaveNotificationTemplateBody,
    response: RenderedNotice,
  }),
  testSend: defineRoute({
    method: 'POST',
    path: '/api/admin/notification-templates/:kind/test-send',
    summary: 'Send the configured template with sample data to one WeChat user now',
    tag: 'notifications',
    params: KindParams,
    body: TestSendBody,
    response: TestSendResult,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/notifications',
    summary: 'The notification log',
    tag: 'notifications',
    query: NotificationListQuery,
    response: Type.Object({ items: Type.Array(Notification), total: Type.Integer() }),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/api/admin/notifications/:id',
    summary: 'One notice with every attempt and WeChat answer',
    tag: 'notifications',
    params: IdParams,
    response: NotificationDetail,
  }),
  retry: defineRoute({
    method: 'POST',
    path: '/api/admin/notifications/:id/retry',
    summary: 'Send a dead-lettered or failed notice again',
    tag: 'notifications',
    params: IdParams,
    response: Notification,
  }),
  jobs: defineRoute({
    method: 'GET',
    path: '/api/admin/jobs',
    summary: 'Scheduled jobs and their last runs',
    tag: 'jobs',
    response: Type.Array(JobSummary),
  }),
  jobRuns: defineRoute({
    method: 'GET',
    path: '/api/admin/jobs/:name/runs',
    summary: 'Recent runs of one job',
    tag: 'jobs',
    params: Type.Object(
      { name: Type.String({ pattern: '^[a-z0-9_.-]{1,64}$' }) },
      { additionalProperties: false },
    ),
    response: Type.Array(JobRun),
  }),
};
