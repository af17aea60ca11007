import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { nextTick, parseCron, ticksBetween, type CronSchedule } from './cron';
import { jobRuns } from './schema';

/** A job a module schedules; it runs once per tick across all instances. */
export interface Job {
  /** Stable name, e.g. `notifications.prune`. */
  name: string;
  /** Cron expression in the hospital's time zone. */
  schedule: string;
  description: string;
  /** Returns a summary recorded with the run (counts, not personal data). */
  run(tick: Date): Promise<Record<string, unknown> | void>;
  /** After a restart, ticks missed up to this long ago still run (default 10 minutes). */
  catchUpMinutes?: number;
}

interface ScheduledJob extends Job {
  cron: CronSchedule;
  checkedUpTo: Date;
}

const JOB_LOCK_NAMESPACE = 7_240_100;

/**
 * Runs jobs on every instance. For each due tick an instance takes a PostgreSQL advisory lock
 * for the job and tick, then inserts the run row; the unique (job, tick) row makes the tick run
 * once across instances, and the row records the outcome.
 */
export class Scheduler {
  readonly #jobs: ScheduledJob[];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly deps: Deps,
    jobs: Job[],
  ) {
    const now = deps.clock.now();
    this.#jobs = jobs.map((job) => ({
      ...job,
      cron: parseCron(job.schedule),
      checkedUpTo: new Date(now.getTime() - (job.catchUpMinutes ?? 10) * 60_000),
    }));
  }

  /** The registered jobs. */
  get jobs(): readonly Job[] {
    return this.#jobs;
  }

  /** Checks for due ticks every `SCHEDULER_TICK_INTERVAL_MS`. */
  start(): void {
    if (this.#timer) return;
    const loop = () => {
      this.#running = this.tick()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'scheduler tick failed'))
        .finally(() => {
          if (this.#timer)
            this.#timer = setTimeout(loop, this.deps.config.scheduler.tickIntervalMs);
        });
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** Stops checking; waits for a tick in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Runs every job tick due up to now that no instance has run yet. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    for (const job of this.#jobs) {
      for (const tick of ticksBetween(job.cron, this.deps.config.timeZone, job.checkedUpTo, now)) {
        await this.#runOnce(job, tick);
      }
      job.checkedUpTo = now;
    }
  }

  async #runOnce(job: ScheduledJob, tick: Date): Promise<void> {
    const { db, clock, config } = this.deps;
    const runId = await db.transaction(async (tx) => {
      const lock = await tx.execute(
        sql`select pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}, hashtext(${`${job.name}@${tick.toISOString()}`})) as locked`,
      );
      if (!(lock as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked) return undefined;
      const [row] = await tx
        .insert(jobRuns)
        .values({
          job: job.name,
          tick,
          instance: config.instanceId,
          startedAt: clock.now(),
          outcome: 'running',
        })
        .onConflictDoNothing()
        .returning({ id: jobRuns.id });
      return row?.id;
    });
    if (runId === undefined) return;
    try {
      const details = await job.run(tick);
      await db
        .update(jobRuns)
        .set({ outcome: 'succeeded', finishedAt: clock.now(), details: details ?? null })
        .where(eq(jobRuns.id, runId));
    } catch (error) {
      this.deps.log.error({ err: error, job: job.name }, 'job failed');
      await db
        .update(jobRuns)
        .set({
          outcome: 'failed',
          finishedAt: clock.now(),
          error: error instanceof Error ? error.message : String(error),
        })
        .where(eq(jobRuns.id, runId));
    }
  }

  /** Jobs with their last run and next tick, for the admin page. */
  async summaries() {
    const now = this.deps.clock.now();
    return Promise.all(
      this.#jobs.map(async (job) => {
        const [last] = await this.runs(job.name, 1);
        return {
          name: job.name,
          schedule: job.schedule,
          description: job.description,
          lastRun: last
            ? {
                tick: last.tick,
                startedAt: last.startedAt,
                finishedAt: last.finishedAt,
                outcome: last.outcome,
                error: last.error,
                instance: last.instance,
              }
            : null,
          nextTick:
            nextTick(
              job.cron,
              this.deps.config.timeZone,
              new Date(now.getTime() + 1),
            )?.toISOString() ?? null,
        };
      }),
    );
  }

  /** Recent runs of a job, newest first. */
  async runs(name: string, limit = 50) {
    const rows = await this.deps.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, name)))
      .orderBy(desc(jobRuns.tick))
      .limit(limit);
    return rows.map((row) => ({
      tick: row.tick.toISOString(),
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      outcome: row.outcome,
      error: row.error,
      instance: row.instance,
      details: row.details,
    }));
  }
}
