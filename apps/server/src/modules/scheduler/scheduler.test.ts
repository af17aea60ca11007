import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { signIn, createStaff, startTestServer, type TestServer } from '../../test/server';
import { Scheduler, type Job } from './scheduler';
import { jobRuns } from './schema';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the scheduler', () => {
  it('runs each tick of a job once even when several instances tick at the same moment', async () => {
    const runs: string[] = [];
    const job = (instance: string): Job => ({
      name: 'test.every-minute',
      schedule: '* * * * *',
      description: 'counts its runs',
      catchUpMinutes: 3,
      run: async (tick) => {
        runs.push(`${instance}@${tick.toISOString()}`);
        await new Promise((r) => setTimeout(r, 20));
        return { ok: true };
      },
    });
    const instances = ['a', 'b', 'c'].map(
      (id) =>
        new Scheduler({ ...server.deps, config: { ...server.deps.config, instanceId: id } }, [
          job(id),
        ]),
    );
    await Promise.all(instances.map((s) => s.tick()));
    const ticks = runs.map((r) => r.split('@')[1]);
    expect(ticks.length).toBe(3); // the last three minutes, each once
    expect(new Set(ticks).size).toBe(3);
    server.clock.advance(60_000);
    await Promise.all(instances.map((s) => s.tick()));
    expect(runs.length).toBe(4);
    const rows = await server.deps.db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, 'test.every-minute'));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.outcome === 'succeeded' && r.finishedAt !== null)).toBe(true);
  });

  it('records a failed run with its error and carries on with the next tick', async () => {
    let calls = 0;
    const scheduler = new Scheduler(server.deps, [
      {
        name: 'test.flaky',
        schedule: '* * * * *',
        description: 'fails once',
        catchUpMinutes: 1,
        run: async () => {
          calls += 1;
          if (calls === 1) throw new Error('HIS did not answer');
        },
      },
    ]);
    await scheduler.tick();
    server.clock.advance(60_000);
    await scheduler.tick();
    const rows = await server.deps.db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, 'test.flaky'))
      .orderBy(jobRuns.tick);
    expect(rows.map((r) => [r.outcome, r.error])).toEqual([
      ['failed', 'HIS did not answer'],
      ['succeeded', null],
    ]);
  });

  it('lists the jobs with their last run and next tick for the admin', async () => {
    await server.scheduler.tick();
    await createStaff(server, 'ops', ['admin']);
    const session = await signIn(server, 'ops');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/admin/jobs',
      headers: session.headers,
    });
    expect(response.statusCode).toBe(200);
    const jobs = response.json() as { name: string; nextTick: string; schedule: string }[];
    // The foundation's jobs first, then each module's (tickets, booking, payments…).
    expect(jobs.map((j) => j.name).slice(0, 3)).toEqual([
      'notifications.prune',
      'audit.seal',
      'wechat.dedupe-prune',
    ]);
    expect(jobs.map((j) => j.name)).toEqual(
      expect.arrayContaining(['tickets.escalate', 'tickets.auto-close', 'tickets.photo-prune']),
    );
    expect(new Date(jobs[0]!.nextTick).getTime()).toBeGreaterThan(server.clock.now().getTime());
    const runs = await server.app.inject({
      method: 'GET',
      url: '/api/admin/jobs/wechat.dedupe-prune/runs',
      headers: session.headers,
    });
    expect(runs.statusCode).toBe(200);
  });
});
