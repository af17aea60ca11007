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

const tones = { notice, attempt, job };

export type ToneSet = keyof typeof tones;

/** The tag look of a value; unknown values are neutral. */
export function toneOf(set: ToneSet, value: string): Tone {
  return tones[set][value] ?? { type: 'info', effect: 'plain' };
}

/** Notices an administrator may send again, as the server decides in `retryNotification`. */
export function isRetryable(status: string): boolean {
  return status === 'failed' || status === 'dead';
}
