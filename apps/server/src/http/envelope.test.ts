import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { auditLog } from '../modules/audit/schema';
import { staffAccounts } from '../modules/accounts/schema';
import {
  createStaff,
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../test/server';

let server: TestServer;
let admin: SignedIn;

beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT_BYTES: '2048' });
  await createStaff(server, 'admin', ['admin']);
  admin = await signIn(server, 'admin');
});
afterAll(() => server.close());

/** Row counts of the tables a bad request could have touched. */
async function snapshot() {
  const [accounts] = await server.deps.db.select({ n: count() }).from(staffAccounts);
  const [audits] = await server.deps.db.select({ n: count() }).from(auditLog);
  return { accounts: accounts!.n, audits: audits!.n };
}

const validAccount = {
  username: 'newstaff',
  displayName: '新同事',
  password: 'Strong#Password99',
  roles: ['engineer'],
};

describe('the error envelope', () => {
  it('answers an unknown route with ROUTE_NOT_FOUND in Chinese by default', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    const body = response.json();
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(body.error.message).toBe('接口不存在');
    expect(body.error.requestId).toBe(response.headers['x-request-id']);
  });

  it('speaks English when Accept-Language prefers it', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' },
    });
    expect(response.json().error.message).toBe('No such endpoint');
  });

  it('refuses malformed JSON and changes nothing', async () => {
    const before = await snapshot();
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: '{"username": "x",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('MALFORMED_JSON');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an oversized body with 413 and changes nothing', async () => {
    const before = await snapshot();
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: { ...validAccount, displayName: 'x'.repeat(4000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('BODY_TOO_LARGE');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a schema violation with field-level details and changes nothing', async () => {
    const before = await snapshot();
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: { ...validAccount, roles: ['surgeon'], username: 'Bad Name' },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    const fields = (error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toContain('username');
    expect(fields.some((f) => f.startsWith('roles'))).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown field instead of silently dropping it', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: { ...validAccount, isSuperuser: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toContainEqual(
      expect.objectContaining({ field: 'isSuperuser' }),
    );
  });

  it('refuses a body whose type is a string where a number is expected in the body', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 123, password: 'x' },
    });
    expect(response.statusCode).toBe(400);
  });

  it('refuses an unsupported content type with 415', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { ...admin.headers, 'content-type': 'application/x-yaml' },
      payload: 'username: x',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an unauthenticated request with 401 and changes nothing', async () => {
    const before = await snapshot();
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      payload: validAccount,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a state change without the CSRF token and changes nothing', async () => {
    const before = await snapshot();
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { cookie: admin.cookie },
      payload: validAccount,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a cross-site request even with the right token', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: { ...admin.headers, origin: 'https://evil.example' },
      payload: validAccount,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('keeps the client request id when it looks like one, and makes one otherwise', async () => {
    const kept = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc12345-trace' },
    });
    expect(kept.headers['x-request-id']).toBe('abc12345-trace');
    const made = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('plumbing', () => {
  it('sends security headers and no-store on API answers', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/public/hospital' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('reports health and readiness with migrations applied', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
      status: 'ok',
    });
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('publishes an OpenAPI document generated from the route schemas, browsable at /api/docs', async () => {
    const spec = (await server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/admin/accounts'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/auth/login']).toBeDefined();
    const ui = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
