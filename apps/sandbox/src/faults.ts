// Faults the tests arm to see how the server copes: WeChat errcodes, Pay errors, slow answers.

/** One armed fault; which fields apply depends on the API it is armed for. */
export interface Fault {
  /** Answer this errcode instead of doing the work (Official Account APIs). */
  errcode?: number;
  errmsg?: string;
  /** Wait this long (real milliseconds) before answering. */
  delayMs?: number;
  /** Pay APIs: answer with this HTTP status and error code. */
  httpStatus?: number;
  code?: string;
  message?: string;
  /** refund: leave refunds PROCESSING until completed through the control API. */
  hold?: boolean;
  /** templateSend: accept the message but report this TEMPLATESENDJOBFINISH Status. */
  jobStatus?: string;
  /** bill: answer normally, but serve a file that does not match the announced hash_value. */
  tamper?: boolean;
}

/** Names of the APIs a fault can be armed for. */
export const FAULT_NAMES = [
  'token',
  'stableToken',
  'menuCreate',
  'qrcodeCreate',
  'templateSend',
  'subscribeSend',
  'customSend',
  'ticket',
  'userInfo',
  'mediaUpload',
  'mediaGet',
  'oauthAccessToken',
  'snsUserinfo',
  'payJsapi',
  'payQuery',
  'payClose',
  'refund',
  'refundQuery',
  'certificates',
  'bill',
  /** Pay notifications: each armed attempt is lost on the way (nothing reaches notify_url). */
  'payNotify',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

interface Armed {
  fault: Fault;
  /** How many more calls it hits; Infinity until cleared. */
  remaining: number;
}

/** The armed faults, consumed call by call. */
export class Faults {
  private armed = new Map<FaultName, Armed>();

  /** Arms `fault` for the next `times` calls (all calls when omitted). */
  set(name: FaultName, fault: Fault, times?: number): void {
    this.armed.set(name, { fault, remaining: times ?? Infinity });
  }

  /** Takes the fault armed for one call of `name`, if any. */
  take(name: FaultName): Fault | undefined {
    const armed = this.armed.get(name);
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed.delete(name);
    return armed.fault;
  }

  /** Looks without consuming. */
  peek(name: FaultName): Fault | undefined {
    return this.armed.get(name)?.fault;
  }

  /** Disarms every fault. */
  clear(): void {
    this.armed.clear();
  }

  /** The armed faults, for the control API. */
  list(): Record<string, { fault: Fault; remaining: number | null }> {
    const out: Record<string, { fault: Fault; remaining: number | null }> = {};
    for (const [name, a] of this.armed) {
      out[name] = { fault: a.fault, remaining: Number.isFinite(a.remaining) ? a.remaining : null };
    }
    return out;
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
