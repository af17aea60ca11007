import {
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** One row per job and scheduled tick: the unique index makes each tick run once across instances. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    /** The scheduled time this run is for. */
    tick: timestamp('tick', { withTimezone: true }).notNull(),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** running, succeeded, failed. */
    outcome: text('outcome').notNull(),
    error: text('error'),
    details: jsonb('details'),
  },
  (t) => [
    uniqueIndex('job_runs_job_tick_idx').on(t.job, t.tick),
    index('job_runs_started_idx').on(t.job, t.startedAt),
  ],
);
