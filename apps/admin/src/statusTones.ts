/** How a status looks as an Element Plus tag. */
export interface Tone {
  type: 'primary' | 'success' | 'info' | 'warning' | 'danger';
  effect: 'light' | 'dark' | 'plain';
}

const light = (type: Tone['type']): Tone => ({ type, effect: 'light' });

// Dead is failed with nothing left to try: the same colour, louder.
const notice: Record<string, Tone> = {
  pending: light('info'),
  sending: light('primary'),
  sent: light('success'),
  skipped: light('warning'),
  failed: light('danger'),
  dead: { type: 'danger', effect: 'dark' },
};

const attempt: Record<string, Tone> = {
  sent: light('success'),
  skipped: light('warning'),
  permanent: light('danger'),
  throttled: light('warning'),
  transient: light('info'),
};

const job: Record<string, Tone> = {
  running: light('primary'),
  succeeded: light('success'),
  failed: light('danger'),
};

const schedule: Record<string, Tone> = {
  open: light('success'),
  stopped: light('danger'),
};

// Waiting on the patient is amber; what ended without a visit is grey, a missed visit red.
const appointment: Record<string, Tone> = {
  held: light('warning'),
  confirmed: light('primary'),
  checked_in: light('success'),
  expired: { type: 'info', effect: 'plain' },
  cancelled: light('info'),
  no_show: light('danger'),
};

const payment: Record<string, Tone> = {
  created: { type: 'info', effect: 'plain' },
  paying: light('warning'),
  paid: light('success'),
  partially_refunded: light('warning'),
  refunded: light('info'),
  closed: { type: 'info', effect: 'plain' },
};

// Abnormal needs someone to look (WeChat Pay could not return the money to the card).
const refund: Record<string, Tone> = {
  pending: light('info'),
  processing: light('primary'),
  succeeded: light('success'),
  abnormal: { type: 'danger', effect: 'dark' },
  closed: { type: 'info', effect: 'plain' },
};

const reconciliation: Record<string, Tone> = {
  balanced: light('success'),
  mismatched: light('warning'),
  failed: light('danger'),
};

// Tickets: waiting on someone is amber, being worked on blue, done green, side exits grey.
const ticket: Record<string, Tone> = {
  submitted: light('warning'),
  accepted: light('primary'),
  in_progress: light('primary'),
  waiting: light('warning'),
  resolved: light('success'),
  closed: { type: 'success', effect: 'plain' },
  rejected: light('info'),
  merged: { type: 'info', effect: 'plain' },
};

const urgency: Record<string, Tone> = {
  normal: { type: 'info', effect: 'plain' },
  urgent: light('warning'),
  critical: { type: 'danger', effect: 'dark' },
};

// A loan out with a department is blue; what the centre must act on is amber.
const loan: Record<string, Tone> = {
  requested: light('warning'),
  approved: light('primary'),
  handed_over: light('primary'),
  return_requested: light('warning'),
  returned: light('warning'),
  disinfected: light('success'),
  rejected: light('info'),
  cancelled: { type: 'info', effect: 'plain' },
};

const readiness: Record<string, Tone> = {
  available: light('success'),
  on_loan: light('primary'),
  blocked: light('danger'),
};

const override: Record<string, Tone> = {
  pending: light('warning'),
  granted: light('success'),
  used: { type: 'info', effect: 'plain' },
  expired: light('info'),
};

const tones = {
  notice,
  attempt,
  job,
  schedule,
  appointment,
  payment,
  refund,
  reconciliation,
  ticket,
  urgency,
  loan,
  readiness,
  override,
};

export type ToneSet = keyof typeof tones;

/** The tag look of a value; unknown values are neutral. */
export function toneOf(set: ToneSet, value: string): Tone {
  return tones[set][value] ?? { type: 'info', effect: 'plain' };
}

/** Notices an administrator may send again, as the server decides in `retryNotification`. */
export function isRetryable(status: string): boolean {
  return status === 'failed' || status === 'dead';
}
