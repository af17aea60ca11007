import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../test/server';
import { DEMO_PASSWORD, seedDemo } from './seed';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEMO_SEED: 'true' });
});
afterAll(() => server.close());

describe('the demo hospital', () => {
  it('is seeded once: a second run changes nothing', async () => {
    expect(await seedDemo(server.deps)).toBe(false);
  });

  it('shows patients a two-level department tree', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/public/hospital' });
    const body = response.json();
    expect(body.name).toBe('掌医示范医院');
    expect(body.departments.length).toBeGreaterThanOrEqual(5);
    expect(body.departments[0].name).toBe('内科');
    expect(body.departments[0].children.map((c: { name: string }) => c.name)).toContain(
      '心血管内科',
    );
    expect(body.doctorCount).toBe(14);
  });

  it('lets the demo administrator sign in and read real counts on the dashboard', async () => {
    const admin = await signIn(server, 'admin', DEMO_PASSWORD);
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/admin/dashboard',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accounts: {
        total: 5,
        active: 5,
        byRole: { admin: 1, equipment_manager: 1, engineer: 1, clinician: 1, doctor: 1 },
      },
      departments: 19,
      doctors: 14,
    });
  });

  it('has a sign-in for every role, and the dashboard is closed to clinicians', async () => {
    for (const username of ['manager', 'engineer', 'nurse', 'doctor']) {
      const session = await signIn(server, username, DEMO_PASSWORD);
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/admin/dashboard',
        headers: session.headers,
      });
      expect(response.statusCode).toBe(username === 'nurse' || username === 'doctor' ? 403 : 200);
    }
  });
});
