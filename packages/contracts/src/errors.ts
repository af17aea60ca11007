/**
 * The error catalogue: every machine-readable error code the API answers with, its HTTP status and
 * its human message in Simplified Chinese and English. Server and front ends read the same table.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '请求内容不符合要求',
    en: 'The request does not match the expected shape',
  },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求体不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型',
    en: 'This content type is not supported',
  },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'The record does not exist' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  FORBIDDEN: { status: 403, zh: '无权进行此操作', en: 'You are not allowed to do this' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    zh: '页面已过期，请刷新后重试',
    en: 'The page is out of date; reload it and try again',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; please try again later',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已临时锁定',
    en: 'Too many failed sign-ins; the account is temporarily locked',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is already taken' },
  PASSWORD_POLICY: {
    status: 422,
    zh: '密码至少 12 位，且包含大写字母、小写字母、数字、符号中的至少三类，不能是常见密码',
    en: 'Passwords need at least 12 characters from three of: upper case, lower case, digits, symbols, and must not be a common password',
  },
  LAST_ADMIN: {
    status: 409,
    zh: '不能停用或降级最后一个管理员',
    en: 'The last active administrator cannot be disabled or lose the admin role',
  },
  NOTIFICATION_KIND_UNKNOWN: {
    status: 404,
    zh: '没有这种通知类型',
    en: 'There is no such notice kind',
  },
  TEMPLATE_NOT_CONFIGURED: {
    status: 409,
    zh: '该通知类型尚未配置模板消息',
    en: 'No template is configured for this notice kind',
  },
  TEMPLATE_FIELD_UNKNOWN: {
    status: 422,
    zh: '模板字段引用了该通知类型没有的数据',
    en: 'The field mapping refers to data this notice kind does not have',
  },
  NOTIFICATION_NOT_RETRYABLE: {
    status: 409,
    zh: '只有失败或已放弃的通知可以重发',
    en: 'Only failed or dead-lettered notices can be sent again',
  },
  WECHAT_NOT_CONFIGURED: {
    status: 503,
    zh: '尚未配置微信公众号',
    en: 'The WeChat Official Account is not configured',
  },
  MENU_INVALID: {
    status: 422,
    zh: '菜单不符合微信的要求',
    en: "The menu does not meet WeChat's limits",
  },
  WECHAT_API_FAILED: {
    status: 502,
    zh: '微信接口调用失败',
    en: 'The WeChat API call failed',
  },
  WECHAT_AUTH_FAILED: {
    status: 400,
    zh: '微信授权失败，请返回重试',
    en: 'WeChat authorization failed; go back and try again',
  },
  PATIENT_INVALID: {
    status: 422,
    zh: '就诊人信息有误，请检查标出的项目',
    en: 'Some patient details are wrong; check the marked fields',
  },
  PATIENT_LIMIT_REACHED: {
    status: 409,
    zh: '已达到可绑定就诊人的上限，请先解绑不再使用的就诊人',
    en: 'You have bound as many patients as allowed; unbind one you no longer need first',
  },
  PATIENT_ALREADY_BOUND: {
    status: 409,
    zh: '该证件号的就诊人已在您的列表中',
    en: 'A patient with this ID number is already in your list',
  },
  BINDING_RATE_LIMITED: {
    status: 429,
    zh: '绑定操作过于频繁，请稍后再试',
    en: 'Too many binding attempts; please try again later',
  },
  CARD_NOT_FOUND: {
    status: 404,
    zh: '未找到与姓名相符的就诊卡，请核对卡号',
    en: 'No outpatient card with this number matches the name; check the card number',
  },
  CODE_TAKEN: { status: 409, zh: '编码已被使用', en: 'This code is already in use' },
  DEPARTMENT_LEVEL: {
    status: 422,
    zh: '科室最多两级：上级科室必须是一级科室',
    en: 'Departments have two levels: the parent must be a top-level department',
  },
  DEPARTMENT_IN_USE: {
    status: 409,
    zh: '该科室下还有科室或医生，不能删除',
    en: 'This department still has departments or doctors under it',
  },
  ARTICLE_NOT_PUBLISHED: {
    status: 409,
    zh: '只有已发布的文章可以推送',
    en: 'Only published articles can be sent to followers',
  },
  ARTICLE_ALREADY_PUSHED: {
    status: 409,
    zh: '这篇文章已经推送过',
    en: 'This article has already been sent to followers',
  },
  IMPORT_INVALID: {
    status: 422,
    zh: '导入文件有误，未导入任何数据；请按明细修改后重试',
    en: 'The file has problems and nothing was imported; fix the listed rows and try again',
  },
  SCHEDULE_NOT_BOOKABLE: {
    status: 409,
    zh: '该号源暂不可预约（未到放号时间、已停诊或已结束）',
    en: 'This schedule cannot be booked now (not yet released, stopped or over)',
  },
  SLOT_TAKEN: {
    status: 409,
    zh: '号源已被约满，请选择其他时段或医生',
    en: 'No free slot is left here; choose another time or doctor',
  },
  PATIENT_NOT_VERIFIED: {
    status: 422,
    zh: '请先完成就诊人实名绑定',
    en: 'Bind the patient with their real name and ID first',
  },
  DUPLICATE_APPOINTMENT: {
    status: 409,
    zh: '该就诊人当天已预约此医生，不能重复预约',
    en: 'This patient already has an appointment with this doctor that day',
  },
  DAILY_LIMIT_REACHED: {
    status: 409,
    zh: '该就诊人当天的预约已达上限',
    en: 'This patient has reached the number of appointments allowed per day',
  },
  WEEKLY_LIMIT_REACHED: {
    status: 409,
    zh: '该就诊人本周的预约已达上限',
    en: 'This patient has reached the number of appointments allowed per week',
  },
  BOOKING_SUSPENDED: {
    status: 403,
    zh: '因多次爽约，该就诊人暂停网上预约，请到窗口挂号',
    en: 'After repeated missed visits this patient cannot book online for now; please register at the window',
  },
  APPOINTMENT_STATE: {
    status: 409,
    zh: '预约当前状态不允许此操作',
    en: 'The appointment is not in a state that allows this',
  },
  CANCEL_CUTOFF_PASSED: {
    status: 409,
    zh: '已过网上取消时间，请到医院窗口办理',
    en: 'Online cancellation has closed; please go to the hospital window',
  },
  HOLD_EXPIRED: {
    status: 409,
    zh: '支付时间已过，号源已释放，请重新预约',
    en: 'The time to pay has run out and the slot was released; please book again',
  },
  PAYMENT_UNAVAILABLE: {
    status: 503,
    zh: '微信支付暂不可用，请稍后再试',
    en: 'WeChat Pay is not available right now; please try again later',
  },
  PAYMENT_STATE: {
    status: 409,
    zh: '支付订单当前状态不允许此操作',
    en: 'The payment order is not in a state that allows this',
  },
  REFUND_EXCEEDS_PAID: {
    status: 422,
    zh: '退款金额超过可退金额',
    en: 'The refund is larger than what is left to refund',
  },
  CHECK_IN_TOKEN_INVALID: {
    status: 422,
    zh: '二维码无效或已过期，请患者刷新就诊码',
    en: 'The QR code is invalid or expired; ask the patient to refresh it',
  },
  NOTHING_TO_CHECK_IN: {
    status: 404,
    zh: '该就诊人今天没有可报到的预约',
    en: 'This patient has no appointment to check in today',
  },
  TEMPLATE_TIME_INVALID: {
    status: 422,
    zh: '出诊结束时间须晚于开始时间',
    en: 'The clinic must end after it starts',
  },
  TEMPLATE_CONFLICT: {
    status: 409,
    zh: '该医生在这一天的这个时段已有出诊安排',
    en: 'This doctor already has a clinic on that weekday and period',
  },
  SCHEDULE_STOPPED: {
    status: 409,
    zh: '该出诊已停诊',
    en: 'This clinic has already been stopped',
  },
  RECONCILIATION_FAILED: {
    status: 502,
    zh: '对账失败：无法获取微信支付账单',
    en: 'Reconciliation failed: the WeChat Pay bill could not be fetched',
  },
  // Equipment registry and fault reporting.
  ASSET_NO_TAKEN: {
    status: 409,
    zh: '资产编号已被其他设备使用',
    en: 'Another device already has this asset number',
  },
  CATEGORY_LEVEL: {
    status: 422,
    zh: '设备类别最多三级，且不能放在自己或自己的下级之下',
    en: 'Categories have at most three levels and cannot sit under themselves or their own children',
  },
  CATEGORY_IN_USE: {
    status: 409,
    zh: '该类别下还有下级类别、设备或故障类型，不能删除',
    en: 'This category still has sub-categories, devices or fault types',
  },
  DEVICE_IN_USE: {
    status: 409,
    zh: '该设备已有报修记录，不能删除；请改为报废',
    en: 'This device has tickets and cannot be removed; retire it instead',
  },
  DEVICE_RETIRED: {
    status: 409,
    zh: '该设备已报废，不能报修；如仍在使用请联系设备管理员',
    en: 'This device is retired and cannot be reported; ask the equipment manager if it is still in use',
  },
  LABEL_NOT_FOUND: {
    status: 404,
    zh: '无法识别这个设备标签，请改为手动选择设备报修',
    en: 'This device label is not recognised; choose the device by hand to report',
  },
  LABEL_REVOKED: {
    status: 410,
    zh: '这个设备标签已停用，请手动选择设备报修，并联系信息科更换标签',
    en: 'This device label has been revoked; choose the device by hand and ask IT for a new label',
  },
  LABELS_TOO_MANY: {
    status: 422,
    zh: '一次最多打印 1000 张标签，请缩小范围',
    en: 'At most 1000 labels can be printed at once; narrow the selection',
  },
  PHOTO_TOO_LARGE: {
    status: 413,
    zh: '照片不能超过 2 MB',
    en: 'A photo may be at most 2 MB',
  },
  PHOTO_TYPE: {
    status: 415,
    zh: '只能上传 JPEG、PNG 或 WebP 格式的照片',
    en: 'Only JPEG, PNG or WebP photos can be uploaded',
  },
  PHOTO_LIMIT: {
    status: 409,
    zh: '每次最多上传 9 张照片',
    en: 'At most 9 photos can be added at a time',
  },
  PHOTO_NOT_USABLE: {
    status: 422,
    zh: '照片已失效或不是您上传的，请重新上传',
    en: 'A photo has expired or was not uploaded by you; upload it again',
  },
  REPORTER_CONTACT_REQUIRED: {
    status: 422,
    zh: '首次报修请填写姓名、手机号和所在科室',
    en: 'For a first report, enter your name, mobile number and department',
  },
  FAULT_TYPE_INVALID: {
    status: 422,
    zh: '所选故障类型不可用，请重新选择',
    en: 'The chosen fault type is not available; choose another',
  },
  GROUP_IN_USE: {
    status: 409,
    zh: '该组还有未完成的工单，请先转派后再删除',
    en: 'This group still has open tickets; reassign them before removing it',
  },
  FAULT_TYPE_IN_USE: {
    status: 409,
    zh: '该故障类型已被使用或还有下级，不能删除；可以停用',
    en: 'This fault type is used or has children and cannot be removed; disable it instead',
  },
  TICKET_STATE: {
    status: 409,
    zh: '工单当前状态不允许此操作，请刷新后查看',
    en: 'The ticket is not in a state that allows this; reload it to see where it stands',
  },
  TICKET_ACTION_FORBIDDEN: {
    status: 403,
    zh: '您不能对这张工单执行此操作',
    en: 'You may not do this to this ticket',
  },
  TICKET_FIELD_REQUIRED: {
    status: 422,
    zh: '请填写此操作需要的内容（如原因、处理结果或评分）',
    en: 'This action needs more information (such as a reason, a resolution or a rating)',
  },
  TICKET_MERGE_TARGET: {
    status: 422,
    zh: '只能合并到另一张未完成的工单',
    en: 'A ticket can only be merged into another open ticket',
  },
  ASSIGNEE_INVALID: {
    status: 422,
    zh: '只能指派给启用中的工程师',
    en: 'Tickets can only be assigned to an active engineer',
  },
  STAFF_NOT_BOUND: {
    status: 403,
    zh: '请先在“工作人员绑定”中绑定您的工作账号',
    en: 'Bind your staff account to this WeChat first',
  },
  STAFF_ALREADY_BOUND: {
    status: 409,
    zh: '该微信或该工作账号已绑定，请先解除原有绑定',
    en: 'This WeChat or this staff account is already bound; unbind it first',
  },
  GROUP_MEMBER_INVALID: {
    status: 422,
    zh: '工程师组成员必须是启用中的工程师或设备管理员',
    en: 'Group members must be active engineers or equipment managers',
  },
  DISPATCH_RULE_DUPLICATE: {
    status: 422,
    zh: '同一类别和科室的派单规则只能有一条',
    en: 'There can be only one dispatch rule per category and department',
  },
  SHIFT_INVALID: {
    status: 422,
    zh: '值班须由本组成员担任，结束晚于开始，且不超过 7 天',
    en: 'A shift needs a member of the group, an end after its start, and at most 7 days',
  },
  SLA_INVALID: {
    status: 422,
    zh: '解决时限不能短于受理时限',
    en: 'The time to resolve cannot be shorter than the time to accept',
  },
  STATS_PERIOD_INVALID: {
    status: 422,
    zh: '统计区间须从开始日期到结束日期，且不超过 2 年',
    en: 'The period must run from its start to its end date and span at most 2 years',
  },
  LENDING_NOT_APPLICANT: {
    status: 403,
    zh: '您尚未登记为科室的设备借用申请人，请联系设备科',
    en: 'You are not registered as an applicant of a department; ask the equipment department',
  },
  LENDING_CATEGORY_NOT_LENDABLE: {
    status: 422,
    zh: '该类设备不在调配中心出借范围内',
    en: 'The lending centre does not lend this category',
  },
  LOAN_STATE: {
    status: 409,
    zh: '借用单当前状态不允许此操作',
    en: 'This loan is not in a state that allows this',
  },
  LOAN_QUANTITY_REACHED: {
    status: 409,
    zh: '该借用单的设备已全部交付',
    en: 'Every device of this loan has been handed over',
  },
  DEVICE_NOT_IN_POOL: {
    status: 422,
    zh: '该设备不属于调配中心，或与申请的类别/设备不符',
    en: 'This device is not in the pool, or not the category or device requested',
  },
  DEVICE_NOT_READY: {
    status: 409,
    zh: '设备未就绪（故障、待消毒、保养或计量过期、召回暂停），不能交付',
    en: 'The device is not ready (faulty, awaiting disinfection, maintenance or calibration overdue, recall hold)',
  },
  DEVICE_ON_LOAN: {
    status: 409,
    zh: '该设备已借出',
    en: 'This device is already on loan',
  },
  DEVICE_NOT_ON_LOAN: {
    status: 409,
    zh: '该设备当前没有借出',
    en: 'This device is not on loan',
  },
  DEVICE_ALREADY_CLEAN: {
    status: 409,
    zh: '该设备无需消毒确认',
    en: 'This device is not awaiting disinfection',
  },
  OVERRIDE_SAME_MANAGER: {
    status: 409,
    zh: '越权放行须由另一位设备管理员批准',
    en: 'An override must be granted by a different manager',
  },
  OVERRIDE_INVALID: {
    status: 409,
    zh: '放行授权无效（未批准、已使用、已过期或不属于此设备）',
    en: 'The override is not usable (not granted, used, expired, or for another device)',
  },
  OVERRIDE_NOT_NEEDED: {
    status: 409,
    zh: '设备已就绪，无需放行',
    en: 'The device is ready; no override is needed',
  },
  INTERNAL_ERROR: {
    status: 500,
    zh: '服务器内部错误，请稍后再试',
    en: 'Internal server error; please try again later',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: '服务暂不可用',
    en: 'The service is temporarily unavailable',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every failed response. */
export interface ErrorEnvelope {
  error: {
    /** Stable machine-readable code, e.g. `APPOINTMENT_SLOT_TAKEN`. */
    code: ErrorCode | (string & {});
    /** Human message in the language the client asked for. */
    message: string;
    /** Field-level problems or other structured context. */
    details?: unknown;
    /** The request id, to quote to support. */
    requestId?: string;
  };
}

export type Locale = 'zh-CN' | 'en';

/** The message of an error code in a locale; unknown codes fall back to the internal error text. */
export function errorMessage(code: string, locale: Locale): string {
  const entry = (errorCatalogue as Record<string, { zh: string; en: string }>)[code];
  const text = entry ?? errorCatalogue.INTERNAL_ERROR;
  return locale === 'en' ? text.en : text.zh;
}

/** Picks zh-CN or en from an Accept-Language header; Simplified Chinese is the default. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
