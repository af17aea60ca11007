import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TemplateMessage } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { rowsOf } from '../../lib/sql';
import { backoffMs, classifySendError } from './classify';
import { notificationRateWindow, notifications, notificationTemplates } from './schema';
import { MissingNoticeDataError, renderNotice } from './templates';

/** Sends one template message and returns WeChat's msgid. */
export type TemplateSender = (message: TemplateMessage) => Promise<string>;

interface ClaimedNotice {
  id: string;
  kind: string;
  recipient_openid: string;
  data: Record<string, string>;
  attempts: number;
  /** Queued for later (a reminder): such notices may be withdrawn while this batch is sent. */
  scheduled: boolean;
}

interface Outcome {
  id: string;
  status: 'pending' | 'sent' | 'skipped' | 'failed' | 'dead';
  nextAttemptAt: Date | null;
  error: string | null;
  wechatMsgId: string | null;
  /** Throttled attempts do not count against the maximum. */
  countsAsAttempt: boolean;
  attempt: { outcome: string; errcode: number | null; message: string | null; durationMs: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outbox dispatcher. Every instance runs one; they share the work by claiming due rows with
 * `for update skip locked` and a lease. A dispatcher that dies mid-batch leaves its rows `sending`
 * until the lease ends, then another claims them again: a notice is never lost, and can only be
 * sent twice if the process died between WeChat's answer and recording it.
 */
export class Dispatcher {
  #stopped = true;
  #loop: Promise<void> | undefined;
  readonly #wakers = new Set<() => void>();
  readonly #unrecorded: { outcome: Outcome; resolve: () => void; reject: (e: unknown) => void }[] =
    [];
  #recording: Promise<void> | undefined;
  /** When the shared budget of this second is spent, the next second to try in. */
  #budgetResetAt = 0;

  constructor(
    private readonly deps: Deps,
    private readonly send: TemplateSender | undefined,
  ) {}

  /** Starts dispatching in the background until `stop()`. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    // Several batches in flight keep WeChat busy while another batch is being recorded.
    const loops = Array.from({ length: this.deps.config.notifications.parallelBatches }, () =>
      this.#run(),
    );
    this.#loop = Promise.all(loops).then(() => undefined);
  }

  /** Stops after the batch in flight is recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const wake of this.#wakers) wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.deps.log.error({ err: error }, 'notification dispatch failed');
      }
      if (handled === 0 && !this.#stopped) {
        const untilBudget = this.#budgetResetAt - Date.now();
        const pause = untilBudget > 0 ? untilBudget : this.deps.config.notifications.pollIntervalMs;
        let wake = () => {};
        await Promise.race([sleep(pause), new Promise<void>((r) => this.#wakers.add((wake = r)))]);
        this.#wakers.delete(wake);
      }
    }
  }

  /** Claims one batch of due notices, sends them and records the outcomes; returns the batch size. */
  async runOnce(): Promise<number> {
    const { batchSize } = this.deps.config.notifications;
    const budget = await this.#reserveBudget(batchSize);
    if (budget === 0) {
      this.#budgetResetAt = (Math.floor(Date.now() / 1000) + 1) * 1000;
      return 0;
    }
    const claimed = await this.#claim(budget);
    if (claimed.length === 0) return 0;
    const templates = new Map(
      (await this.deps.db.select().from(notificationTemplates)).map((row) => [row.kind, row]),
    );
    const queue = [...claimed];
    const unrecorded = new Set(claimed.map((n) => n.id));
    // A slow batch keeps its claim: the lease is renewed while notices of it are unrecorded, so
    // no other dispatcher (or loop) takes over work that is still under way.
    const leaseMs = this.deps.config.notifications.leaseSeconds * 1000;
    const heartbeat = setInterval(
      () => void this.#renewLeases([...unrecorded]),
      Math.max(200, leaseMs / 3),
    );
    try {
      const workers = Array.from(
        { length: Math.min(this.deps.config.notifications.concurrency, queue.length) },
        async () => {
          for (let notice = queue.shift(); notice; notice = queue.shift()) {
            await this.#recordSoon(await this.#deliver(notice, templates.get(notice.kind)));
            unrecorded.delete(notice.id);
          }
        },
      );
      await Promise.all(workers);
    } finally {
      clearInterval(heartbeat);
    }
    return claimed.length;
  }

  async #renewLeases(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const leaseUntil = new Date(
      this.deps.clock.now().getTime() + this.deps.config.notifications.leaseSeconds * 1000,
    );
    try {
      await this.deps.db
        .update(notifications)
        .set({ leaseUntil })
        .where(
          and(
            inArray(notifications.id, ids),
            eq(notifications.status, 'sending'),
            eq(notifications.claimedBy, this.deps.config.instanceId),
          ),
        );
    } catch (error) {
      this.deps.log.warn({ err: error }, 'could not renew notification leases');
    }
  }

  /** Takes up to `wanted` sends from the account's shared per-second budget. */
  async #reserveBudget(wanted: number): Promise<number> {
    const rate = this.deps.config.notifications.ratePerSecond;
    if (rate === 0) return wanted;
    const second = Math.floor(this.deps.clock.now().getTime() / 1000) * 1000;
    return this.deps.db.transaction(async (tx) => {
      await tx
        .insert(notificationRateWindow)
        .values({ id: 1, windowStart: new Date(second), used: 0 })
        .onConflictDoNothing();
      const [window] = await tx
        .select()
        .from(notificationRateWindow)
        .where(eq(notificationRateWindow.id, 1))
        .for('update');
      const current = window!.windowStart.getTime() >= second;
      const used = current ? window!.used : 0;
      const granted = Math.max(0, Math.min(wanted, rate - used));
      await tx
        .update(notificationRateWindow)
        .set({
          windowStart: new Date(current ? window!.windowStart.getTime() : second),
          used: used + granted,
        })
        .where(eq(notificationRateWindow.id, 1));
      return granted;
    });
  }

  async #claim(limit: number): Promise<ClaimedNotice[]> {
    const now = this.deps.clock.now();
    const leaseUntil = new Date(
      now.getTime() + this.deps.config.notifications.leaseSeconds * 1000,
    ).toISOString();
    const result = await this.deps.db.execute(sql`
      update notifications n
      set status = 'sending', lease_until = ${leaseUntil}::timestamptz, claimed_by = ${this.deps.config.instanceId},
          attempts = n.attempts + 1, updated_at = ${now.toISOString()}::timestamptz
      from (
        select id from notifications
        where (status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz)
           or (status = 'sending' and lease_until < ${now.toISOString()}::timestamptz)
        order by next_attempt_at
        limit ${limit}
        for update skip locked
      ) due
      where n.id = due.id
      returning n.id, n.kind, n.recipient_openid, n.data, n.attempts,
        n.next_attempt_at > n.created_at as scheduled`);
    return rowsOf<ClaimedNotice>(result);
  }

  async #deliver(
    notice: ClaimedNotice,
    template: typeof notificationTemplates.$inferSelect | undefined,
  ): Promise<Outcome> {
    const started = Date.now();
    const base = { id: notice.id, nextAttemptAt: null, wechatMsgId: null, countsAsAttempt: true };
    const skip = (reason: string): Outcome => ({
      ...base,
      status: 'skipped',
      error: reason,
      attempt: { outcome: 'skipped', errcode: null, message: reason, durationMs: 0 },
    });
    if (!this.send) return skip('WeChat is not configured');
    if (!template) return skip(`no template configured for ${notice.kind}`);
    if (!template.enabled) return skip(`the template of ${notice.kind} is disabled`);

    let message: TemplateMessage;
    try {
      const rendered = renderNotice(template, notice.data, this.deps.config.publicUrl);
      message = {
        toUser: notice.recipient_openid,
        templateId: rendered.templateId,
        data: rendered.data,
        clientMsgId: notice.id,
      };
      if (rendered.url) message.url = rendered.url;
    } catch (error) {
      if (!(error instanceof MissingNoticeDataError)) throw error;
      return {
        ...base,
        status: 'failed',
        error: error.message,
        attempt: { outcome: 'permanent', errcode: null, message: error.message, durationMs: 0 },
      };
    }

    // A reminder withdrawn since the claim (its appointment cancelled) is not sent: the batch takes
    // up to a second, the check a moment. One withdrawn while WeChat takes it still goes out.
    if (notice.scheduled && !(await this.#stillClaimed(notice.id))) {
      return { ...skip('superseded'), countsAsAttempt: false };
    }

    try {
      const msgId = await this.send(message);
      return {
        ...base,
        status: 'sent',
        error: null,
        wechatMsgId: msgId,
        attempt: { outcome: 'sent', errcode: 0, message: null, durationMs: Date.now() - started },
      };
    } catch (error) {
      const failure = classifySendError(error);
      const durationMs = Date.now() - started;
      const attempt = {
        outcome: failure.kind,
        errcode: failure.errcode,
        message: failure.message,
        durationMs,
      };
      const now = this.deps.clock.now().getTime();
      const { maxAttempts, throttleDelaySeconds } = this.deps.config.notifications;
      if (failure.kind === 'permanent')
        return { ...base, status: 'failed', error: failure.message, attempt };
      if (failure.kind === 'throttled') {
        return {
          ...base,
          status: 'pending',
          nextAttemptAt: new Date(now + throttleDelaySeconds * 1000),
          error: failure.message,
          countsAsAttempt: false,
          attempt,
        };
      }
      if (notice.attempts >= maxAttempts)
        return { ...base, status: 'dead', error: failure.message, attempt };
      return {
        ...base,
        status: 'pending',
        nextAttemptAt: new Date(now + backoffMs(notice.attempts)),
        error: failure.message,
        attempt,
      };
    }
  }

  async #stillClaimed(id: string): Promise<boolean> {
    const [row] = await this.deps.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.id, id),
          eq(notifications.status, 'sending'),
          eq(notifications.claimedBy, this.deps.config.instanceId),
        ),
      );
    return row !== undefined;
  }

  /**
   * Records an outcome as soon as possible, group-committing those that arrive while a write is
   * under way: the window in which a crash can make a notice be sent twice is one write long.
   */
  #recordSoon(outcome: Outcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#unrecorded.push({ outcome, resolve, reject });
      if (!this.#recording) this.#recording = this.#drainUnrecorded();
    });
  }

  async #drainUnrecorded(): Promise<void> {
    while (this.#unrecorded.length > 0) {
      const group = this.#unrecorded.splice(0);
      try {
        await this.#record(group.map((g) => g.outcome));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.#recording = undefined;
  }

  /** Records outcomes in two statements, only for rows this dispatcher still holds. */
  async #record(outcomes: Outcome[]): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const values: SQL[] = outcomes.map(
      (
        o,
      ) => sql`(${o.id}::uuid, ${o.status}, ${o.nextAttemptAt?.toISOString() ?? null}::timestamptz,
        ${o.error}, ${o.wechatMsgId}, ${o.countsAsAttempt ? 0 : -1}::int)`,
    );
    await this.deps.db.transaction(async (tx) => {
      await tx.execute(sql`
        update notifications n set
          status = v.status,
          next_attempt_at = coalesce(v.next_attempt_at, n.next_attempt_at),
          last_error = v.error,
          wechat_msg_id = coalesce(v.msg_id, n.wechat_msg_id),
          sent_at = case when v.status = 'sent' then ${now}::timestamptz else n.sent_at end,
          attempts = n.attempts + v.adjust,
          lease_until = null,
          updated_at = ${now}::timestamptz
        from (values ${sql.join(values, sql`, `)}) as v(id, status, next_attempt_at, error, msg_id, adjust)
        where n.id = v.id and n.status = 'sending' and n.claimed_by = ${this.deps.config.instanceId}`);
      const attempts: SQL[] = outcomes.map(
        (
          o,
        ) => sql`(${o.id}::uuid, ${now}::timestamptz, ${o.attempt.outcome}, ${o.attempt.errcode}::int,
          ${o.attempt.message}, ${o.attempt.durationMs}::int)`,
      );
      await tx.execute(sql`
        insert into notification_attempts (notification_id, at, outcome, errcode, message, duration_ms)
        values ${sql.join(attempts, sql`, `)}`);
    });
  }
}
