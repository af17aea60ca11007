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

const tones = { notice, attempt, job, schedule, appointment, payment, refund, reconciliation };

export type ToneSet = keyof typeof tones;

/** The tag look of a value; unknown values are neutral. */
export function toneOf(set: ToneSet, value: string): Tone {
  return tones[set][value] ?? { type: 'info', effect: 'plain' };
}

/** Notices an administrator may send again, as the server decides in `retryNotification`. */
export function isRetryable(status: string): boolean {
  return status === 'failed' || status === 'dead';
}
