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
        total: 6,
        active: 6,
        byRole: {
          admin: 1,
          equipment_manager: 1,
          engineer: 1,
          clinician: 1,
          doctor: 1,
          registrar: 1,
        },
      },
      departments: 19,
      doctors: 14,
    });
  });

  it('has a sign-in for every role, and the dashboard is closed to clinicians', async () => {
    for (const username of ['manager', 'engineer', 'nurse', 'doctor', 'registrar']) {
      const session = await signIn(server, username, DEMO_PASSWORD);
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/admin/dashboard',
        headers: session.headers,
      });
      expect(response.statusCode).toBe(
        ['nurse', 'doctor', 'registrar'].includes(username) ? 403 : 200,
      );
    }
  });
});

describe('the directory', () => {
  it('shows a department with its doctors, and a doctor page', async () => {
    const overview = (
      await server.app.inject({ method: 'GET', url: '/api/public/hospital' })
    ).json();
    const cardiology = overview.departments[0].children.find(
      (c: { name: string }) => c.name === '心血管内科',
    );
    const department = (
      await server.app.inject({ method: 'GET', url: `/api/public/departments/${cardiology.id}` })
    ).json();
    expect(department).toMatchObject({
      name: '心血管内科',
      parent: { name: '内科' },
      location: '门诊楼 2 层 A 区',
    });
    expect(department.doctors.map((d: { name: string }) => d.name)).toEqual(['张建国', '孙丽华']);
    const doctor = (
      await server.app.inject({
        method: 'GET',
        url: `/api/public/doctors/${department.doctors[0].id}`,
      })
    ).json();
    expect(doctor).toMatchObject({
      name: '张建国',
      title: '主任医师',
      departmentName: '心血管内科',
    });
  });

  it('lists the doctors of a division across its departments, and finds doctors by specialty', async () => {
    const overview = (
      await server.app.inject({ method: 'GET', url: '/api/public/hospital' })
    ).json();
    const internal = (
      await server.app.inject({
        method: 'GET',
        url: `/api/public/departments/${overview.departments[0].id}`,
      })
    ).json();
    expect(internal.doctors).toHaveLength(6);
    const found = (
      await server.app.inject({
        method: 'GET',
        url: `/api/public/doctors?q=${encodeURIComponent('哮喘')}`,
      })
    ).json();
    expect(found.map((d: { name: string }) => d.name).sort()).toEqual(['何晓', '刘洋']);
  });

  it('answers NOT_FOUND for an unknown doctor and VALIDATION_FAILED for a malformed id', async () => {
    const unknown = await server.app.inject({
      method: 'GET',
      url: '/api/public/doctors/00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const malformed = await server.app.inject({ method: 'GET', url: '/api/public/doctors/42' });
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the hospital page', () => {
  it('shows the introduction and campuses, which the administrator replaces as a whole', async () => {
    const overview = (
      await server.app.inject({ method: 'GET', url: '/api/public/hospital' })
    ).json();
    expect(overview.campuses.map((c: { name: string }) => c.name)).toEqual(['本部院区', '东院区']);
    expect(overview.introduction).toContain('掌医示范医院');
    const admin = await signIn(server, 'admin', DEMO_PASSWORD);
    const body = {
      name: '掌医示范医院',
      shortName: '示范医院',
      phone: '020-12345678',
      address: '广州市示范区健康路 1 号',
      introduction: '三级甲等综合医院（演示）',
      campuses: [
        {
          name: '南院区',
          address: '广州市示范区南华路 2 号',
          phone: null,
          mapUrl: 'https://example.org/map',
        },
      ],
    };
    const saved = await server.app.inject({
      method: 'PUT',
      url: '/api/admin/hospital',
      headers: admin.headers,
      payload: body,
    });
    expect(saved.json()).toMatchObject({
      introduction: '三级甲等综合医院（演示）',
      campuses: [{ name: '南院区', mapUrl: 'https://example.org/map' }],
    });
    const badMap = await server.app.inject({
      method: 'PUT',
      url: '/api/admin/hospital',
      headers: admin.headers,
      payload: {
        ...body,
        campuses: [{ name: 'X', address: 'Y', phone: null, mapUrl: 'javascript:alert(1)' }],
      },
    });
    expect(badMap.statusCode).toBe(400);
    const fields = new Set(badMap.json().error.details.map((d: { field: string }) => d.field));
    expect([...fields]).toEqual(['campuses.0.mapUrl']);
  });
});
