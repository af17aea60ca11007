import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import ExcelJS from 'exceljs';
import { XLSX_TYPE } from '@zhangyi/contracts';
import { createStaff, signIn, type SignedIn } from '../../test/server';
import { startSandboxedServer, type SandboxedServer } from '../../test/wechat';

let env: SandboxedServer;
let admin: SignedIn;
const inject = (options: InjectOptions) =>
  env.server.app.inject({ ...options, headers: { ...admin.headers, ...options.headers } });

beforeAll(async () => {
  env = await startSandboxedServer({ DEMO_SEED: 'true' }, { listen: true });
  await createStaff(env.server, 'diradmin', ['admin']);
  admin = await signIn(env.server, 'diradmin');
});
afterAll(() => env.close());

describe('department and doctor administration', () => {
  it('adds a department under a division, refuses a third level and a taken code', async () => {
    const list = (await inject({ method: 'GET', url: '/api/admin/departments' })).json();
    const internal = list.find((d: { code: string }) => d.code === 'IM');
    const cardiology = list.find((d: { code: string }) => d.code === 'IM-CARD');
    const body = {
      parentId: internal.id,
      code: 'IM-NEPH',
      name: '肾内科',
      location: '门诊楼 3 层 B 区',
      introduction: null,
      sortOrder: 9,
    };
    const created = await inject({ method: 'POST', url: '/api/admin/departments', payload: body });
    expect(created.json()).toMatchObject({ name: '肾内科', parentId: internal.id, doctorCount: 0 });
    const third = await inject({
      method: 'POST',
      url: '/api/admin/departments',
      payload: { ...body, code: 'X', parentId: cardiology.id },
    });
    expect(third.json().error.code).toBe('DEPARTMENT_LEVEL');
    const taken = await inject({ method: 'POST', url: '/api/admin/departments', payload: body });
    expect(taken.json().error.code).toBe('CODE_TAKEN');
    const inUse = await inject({ method: 'DELETE', url: `/api/admin/departments/${internal.id}` });
    expect(inUse.json().error.code).toBe('DEPARTMENT_IN_USE');
    expect(
      (await inject({ method: 'DELETE', url: `/api/admin/departments/${created.json().id}` }))
        .statusCode,
    ).toBe(204);
  });

  it('adds, finds, changes and removes a doctor', async () => {
    const list = (await inject({ method: 'GET', url: '/api/admin/departments' })).json();
    const eye = list.find((d: { code: string }) => d.code === 'ENT-EYE');
    const body = {
      departmentId: eye.id,
      code: 'D900',
      name: '钱学明',
      title: '主治医师',
      specialties: '近视防控、斜视',
      introduction: null,
      photoUrl: null,
      sortOrder: 50,
    };
    const created = await inject({ method: 'POST', url: '/api/admin/doctors', payload: body });
    expect(created.json()).toMatchObject({ name: '钱学明', departmentName: '眼科' });
    const found = await inject({
      method: 'GET',
      url: `/api/admin/doctors?search=${encodeURIComponent('斜视')}`,
    });
    expect(found.json()).toMatchObject({ total: 1, items: [{ code: 'D900' }] });
    const changed = await inject({
      method: 'PUT',
      url: `/api/admin/doctors/${created.json().id}`,
      payload: { ...body, title: '副主任医师' },
    });
    expect(changed.json().title).toBe('副主任医师');
    const badPhoto = await inject({
      method: 'PUT',
      url: `/api/admin/doctors/${created.json().id}`,
      payload: { ...body, photoUrl: 'javascript:alert(1)' },
    });
    expect(badPhoto.statusCode).toBe(400);
    expect(
      (await inject({ method: 'DELETE', url: `/api/admin/doctors/${created.json().id}` }))
        .statusCode,
    ).toBe(204);
    expect(
      (await inject({ method: 'DELETE', url: `/api/admin/doctors/${created.json().id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('is closed to staff without the admin role', async () => {
    await createStaff(env.server, 'dirnurse', ['clinician']);
    const nurse = await signIn(env.server, 'dirnurse');
    const response = await env.server.app.inject({
      method: 'GET',
      url: '/api/admin/departments',
      headers: nurse.headers,
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets the registration window read the lists to filter by, and change nothing', async () => {
    await createStaff(env.server, 'dirwindow', ['registrar']);
    const window = await signIn(env.server, 'dirwindow');
    const as = (options: InjectOptions) =>
      env.server.app.inject({ ...options, headers: window.headers });
    const departments = await as({ method: 'GET', url: '/api/admin/departments' });
    expect(departments.statusCode).toBe(200);
    expect(departments.json().map((d: { code: string }) => d.code)).toContain('IM-CARD');
    const doctors = await as({ method: 'GET', url: '/api/admin/doctors?pageSize=5' });
    expect(doctors.statusCode).toBe(200);
    expect(doctors.json().items.length).toBeGreaterThan(0);
    const created = await as({
      method: 'POST',
      url: '/api/admin/departments',
      payload: {
        parentId: null,
        code: 'WINDOW',
        name: '窗口',
        location: null,
        introduction: null,
        sortOrder: 0,
      },
    });
    expect(created.statusCode).toBe(403);
    const doctorId = doctors.json().items[0].id;
    const qr = await as({ method: 'POST', url: `/api/admin/doctors/${doctorId}/qrcode` });
    expect(qr.statusCode).toBe(403);
  });
});

describe("a doctor's QR code", () => {
  it('leads followers and new followers to the doctor page, and counts the scans', async () => {
    const { items } = (
      await inject({
        method: 'GET',
        url: `/api/admin/doctors?search=${encodeURIComponent('张建国')}`,
      })
    ).json();
    const doctor = items[0];
    const qr = (
      await inject({ method: 'POST', url: `/api/admin/doctors/${doctor.id}/qrcode` })
    ).json();
    expect(qr.imageUrl).toContain('showqrcode?ticket=');
    expect(qr.scans).toBe(0);
    const again = (
      await inject({ method: 'POST', url: `/api/admin/doctors/${doctor.id}/qrcode` })
    ).json();
    expect(again.url).toBe(qr.url);

    const codes = await env.control<{ ticket: string; scene: string | number }[]>(
      'GET',
      '/qrcodes',
    );
    const ticket = codes.find((c) => String(c.scene) === `doctor:${doctor.id}`)!.ticket;
    const stranger = (await env.control<{ openid: string }>('POST', '/users', {})).openid;
    const follower = await env.follower();
    const byStranger = await env.control<{
      reply: { articles?: { title: string; url: string }[] };
    }>('POST', `/users/${stranger}/scan`, { ticket });
    const byFollower = await env.control<{
      reply: { articles?: { title: string; url: string }[] };
    }>('POST', `/users/${follower}/scan`, { ticket });
    for (const answer of [byStranger, byFollower]) {
      expect(answer.reply.articles?.[0]).toMatchObject({
        title: '张建国 主任医师',
        url: `${env.server.config.publicUrl}/h5/doctors/${doctor.id}`,
      });
    }
    const counted = (
      await inject({ method: 'POST', url: `/api/admin/doctors/${doctor.id}/qrcode` })
    ).json();
    expect(counted).toMatchObject({ scans: 2, newFollowers: 1 });
  });
});

describe('Excel import of the directory', () => {
  async function workbook(departments: string[][], doctors: string[][]): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const d = book.addWorksheet('科室');
    d.addRow(['编码', '名称', '上级编码', '位置', '简介', '排序']);
    for (const row of departments) d.addRow(row);
    const m = book.addWorksheet('医生');
    m.addRow(['工号', '姓名', '科室编码', '职称', '擅长', '简介', '排序']);
    for (const row of doctors) m.addRow(row);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const upload = (file: Buffer) =>
    inject({
      method: 'POST',
      url: '/api/admin/directory/import',
      payload: file,
      headers: { 'content-type': XLSX_TYPE },
    });

  it('imports nothing when one row is wrong, and names every problem with sheet, row and column', async () => {
    const before = (await inject({ method: 'GET', url: '/api/admin/departments' })).json().length;
    const file = await workbook(
      [
        ['RH', '康复医学部', '', '', '', '1'],
        ['RH-PT', '物理治疗科', 'RH', '康复楼 1 层', '', '1'],
        ['RH-X', '', 'IM-CARD', '', '', 'x'],
      ],
      [
        ['D700', '赵康', 'RH-PT', '主治医师', '运动康复', '', '1'],
        ['D701', '钱复', 'NOPE', '', '', '', ''],
      ],
    );
    const response = await upload(file);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('IMPORT_INVALID');
    expect(response.json().error.details).toEqual(
      expect.arrayContaining([
        { sheet: '科室', row: 4, column: '名称', problem: 'name' },
        { sheet: '科室', row: 4, column: '排序', problem: 'sort_order' },
        { sheet: '科室', row: 4, column: '上级编码', problem: 'third_level' },
        { sheet: '医生', row: 3, column: '科室编码', problem: 'unknown_department' },
        { sheet: '医生', row: 3, column: '职称', problem: 'title' },
      ]),
    );
    expect((await inject({ method: 'GET', url: '/api/admin/departments' })).json().length).toBe(
      before,
    );
  });

  it('adds new rows and updates existing ones by code', async () => {
    const file = await workbook(
      [
        ['RH', '康复医学部', '', '', '', '1'],
        ['RH-PT', '物理治疗科', 'RH', '康复楼 1 层', '', '1'],
        ['IM-CARD', '心血管内科', 'IM', '门诊楼 2 层 A 区（新）', '', '0'],
      ],
      [['D700', '赵康', 'RH-PT', '主治医师', '运动康复', '', '1']],
    );
    const response = await upload(file);
    expect(response.json()).toEqual({
      departments: { added: 2, updated: 1 },
      doctors: { added: 1, updated: 0 },
    });
    const departments = (await inject({ method: 'GET', url: '/api/admin/departments' })).json();
    expect(departments.find((d: { code: string }) => d.code === 'IM-CARD').location).toBe(
      '门诊楼 2 层 A 区（新）',
    );
    expect(departments.find((d: { code: string }) => d.code === 'RH-PT').doctorCount).toBe(1);
  });

  it('refuses a file that is not a workbook, and offers the template', async () => {
    const response = await upload(Buffer.from('not a spreadsheet'));
    expect(response.json().error).toMatchObject({
      code: 'IMPORT_INVALID',
      details: [{ problem: 'not_xlsx' }],
    });
    const template = await inject({
      method: 'GET',
      url: '/api/admin/directory/import-template.xlsx',
    });
    expect(template.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['科室', '医生']);
  });
});
