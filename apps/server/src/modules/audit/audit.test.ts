import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../test/server';
import { auditLog } from './schema';
import { recordAudit, sealAuditLog, verifyAuditChain } from './service';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const meta = { actor: { type: 'system' as const }, ip: null, requestId: null };

describe('the audit chain', () => {
  it('seals rows in order and verifies them', async () => {
    for (let i = 0; i < 5; i += 1) {
      await recordAudit(server.deps.db, meta, {
        action: 'test.event',
        result: 'success',
        details: { i },
      });
    }
    expect(await sealAuditLog(server.deps.db)).toBe(5);
    await recordAudit(server.deps.db, meta, {
      action: 'test.event',
      result: 'success',
      details: { i: 5 },
    });
    expect(await sealAuditLog(server.deps.db)).toBe(1);
    expect(await sealAuditLog(server.deps.db)).toBe(0);
    expect(await verifyAuditChain(server.deps.db)).toBeNull();
  });

  it('refuses the application any change but the sealing itself', async () => {
    const failure = (statement: ReturnType<typeof sql>) =>
      server.deps.db.execute(statement).then(
        () => 'succeeded',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await failure(sql`update audit_log set result = 'failure'`)).toMatch(/append-only/);
    await recordAudit(server.deps.db, meta, { action: 'test.unsealed', result: 'success' });
    // Sealing may set the hashes of an unsealed row, but not change the row while doing so.
    expect(
      await failure(sql`update audit_log set hash = 'x', result = 'failure' where hash is null`),
    ).toMatch(/append-only/);
    expect(await sealAuditLog(server.deps.db)).toBe(1);
    expect(await failure(sql`delete from audit_log`)).toMatch(/append-only/);
  });

  it('shows which row a database administrator edited behind the triggers', async () => {
    const [victim] = await server.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'test.event'))
      .limit(1)
      .offset(2);
    await server.deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await server.deps.db.execute(
      sql`update audit_log set result = 'failure' where id = ${victim!.id}`,
    );
    await server.deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAuditChain(server.deps.db)).toBe(victim!.id);
  });
});
