import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { CSV_TYPE, XLSX_TYPE } from '@zhangyi/contracts';
import {
  createStaff,
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../test/server';
import { departments } from '../directory/schema';
import { labelFont, resetLabelFont } from './label-pdf';
import { equipmentDeviceEvents, equipmentDevices } from './schema';

let server: TestServer;
let manager: SignedIn;
let engineer: SignedIn;
let clinician: SignedIn;
let ward: string;
let itRoom: string;

const as = (who: SignedIn) => (options: InjectOptions) =>
  server.app.inject({ ...options, headers: { ...who.headers, ...options.headers } });

function deviceBody(overrides: Record<string, unknown> = {}) {
  return {
    assetNo: 'IT-0001',
    name: '门诊医生工作站',
    categoryId: '',
    brand: '联想',
    model: 'M920t',
    serialNo: 'SN0001',
    departmentId: ward,
    location: '2 层 3 诊室',
    purchaseDate: '2024-05-01',
    warrantyEnd: '2099-04-30',
    supplier: null,
    purchasePriceFen: 459_900,
    status: 'in_use',
    notes: null,
    ...overrides,
  };
}

async function category(code: string, name: string, parentId: string | null = null) {
  const response = await as(manager)({
    method: 'POST',
    url: '/api/admin/equipment/categories',
    payload: { code, name, parentId, sortOrder: 0 },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { id: string; level: number; path: string };
}

/** The number of pages of a PDF (page objects, not the page tree). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

async function workbook(sheets: Record<string, (string | number | Date)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  server = await startTestServer();
  await createStaff(server, 'eqmanager', ['equipment_manager']);
  await createStaff(server, 'eqengineer', ['engineer']);
  await createStaff(server, 'eqclinician', ['clinician']);
  manager = await signIn(server, 'eqmanager');
  engineer = await signIn(server, 'eqengineer');
  clinician = await signIn(server, 'eqclinician');
  const rows = await server.deps.db
    .insert(departments)
    .values([
      { code: 'WARD1', name: '心内科病区' },
      { code: 'IT', name: '信息科' },
    ])
    .returning();
  ward = rows[0]!.id;
  itRoom = rows[1]!.id;
});
afterAll(() => server.close());

describe('categories', () => {
  it('nests three levels, refuses a fourth, a loop and a taken code', async () => {
    const it1 = await category('C-IT', '信息设备');
    const pc = await category('C-PC', '计算机', it1.id);
    const desktop = await category('C-DESK', '台式机', pc.id);
    expect(desktop).toMatchObject({ level: 3, path: '信息设备 / 计算机 / 台式机' });
    const fourth = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/categories',
      payload: { code: 'C-4', name: '四级', parentId: desktop.id, sortOrder: 0 },
    });
    expect(fourth.json().error.code).toBe('CATEGORY_LEVEL');
    const loop = await as(manager)({
      method: 'PUT',
      url: `/api/admin/equipment/categories/${it1.id}`,
      payload: { code: 'C-IT', name: '信息设备', parentId: desktop.id, sortOrder: 0 },
    });
    expect(loop.json().error.code).toBe('CATEGORY_LEVEL');
    const taken = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/categories',
      payload: { code: 'C-PC', name: '重复', parentId: null, sortOrder: 0 },
    });
    expect(taken.json().error.code).toBe('CODE_TAKEN');
    const inUse = await as(manager)({
      method: 'DELETE',
      url: `/api/admin/equipment/categories/${pc.id}`,
    });
    expect(inUse.json().error.code).toBe('CATEGORY_IN_USE');
  });

  it('lets engineers read the registry but not change it, and clinicians neither', async () => {
    expect(
      (await as(engineer)({ method: 'GET', url: '/api/admin/equipment/categories' })).statusCode,
    ).toBe(200);
    const options = await as(manager)({ method: 'GET', url: '/api/admin/equipment/departments' });
    expect(
      options
        .json()
        .map((d: { code: string }) => d.code)
        .sort(),
    ).toEqual(['IT', 'WARD1']);
    const write = await as(engineer)({
      method: 'POST',
      url: '/api/admin/equipment/categories',
      payload: { code: 'X', name: 'X', parentId: null, sortOrder: 0 },
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await as(clinician)({ method: 'GET', url: '/api/admin/equipment/devices' })).statusCode,
    ).toBe(403);
  });
});

describe('devices', () => {
  it('registers, finds, moves and retires a device, keeping its history', async () => {
    const cat = await category('C-PRN', '打印机');
    const created = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/devices',
      payload: deviceBody({
        assetNo: 'PRN-001',
        name: '激光打印机',
        categoryId: cat.id,
        brand: 'HP',
        model: 'M404',
      }),
    });
    expect(created.statusCode, created.body).toBe(200);
    const device = created.json();
    expect(device).toMatchObject({
      assetNo: 'PRN-001',
      categoryPath: '打印机',
      departmentName: '心内科病区',
      underWarranty: true,
      label: { status: 'none' },
      openTicket: null,
    });
    const dup = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/devices',
      payload: deviceBody({ assetNo: 'PRN-001', categoryId: cat.id }),
    });
    expect(dup.json().error.code).toBe('ASSET_NO_TAKEN');

    const found = await as(engineer)({ method: 'GET', url: '/api/admin/equipment/devices?q=m404' });
    expect(found.json().items.map((d: { assetNo: string }) => d.assetNo)).toEqual(['PRN-001']);

    const moved = await as(manager)({
      method: 'PUT',
      url: `/api/admin/equipment/devices/${device.id}`,
      payload: deviceBody({
        assetNo: 'PRN-001',
        name: '激光打印机',
        categoryId: cat.id,
        brand: 'HP',
        model: 'M404',
        departmentId: itRoom,
        status: 'retired',
      }),
    });
    expect(moved.json()).toMatchObject({ departmentName: '信息科', status: 'retired' });
    expect(moved.json().retiredAt).not.toBeNull();
    const detail = (
      await as(engineer)({ method: 'GET', url: `/api/admin/equipment/devices/${device.id}` })
    ).json();
    expect(detail.history.map((e: { type: string }) => e.type).sort()).toEqual([
      'moved',
      'registered',
      'retired',
    ]);
    expect(detail.history.find((e: { type: string }) => e.type === 'registered').actorName).toBe(
      'eqmanager',
    );

    const retiredFilter = await as(engineer)({
      method: 'GET',
      url: '/api/admin/equipment/devices?status=retired',
    });
    expect(retiredFilter.json().total).toBe(1);
    expect(
      (await as(manager)({ method: 'DELETE', url: `/api/admin/equipment/devices/${device.id}` }))
        .statusCode,
    ).toBe(204);
  });
});

describe('labels', () => {
  it('prints a valid PDF with one page per label, or 24 labels per A4 page, keeping tokens on reprint', async () => {
    const cat = await category('C-LBL', '标签测试');
    const ids: string[] = [];
    for (let i = 1; i <= 26; i++) {
      const r = await as(manager)({
        method: 'POST',
        url: '/api/admin/equipment/devices',
        payload: deviceBody({
          assetNo: `LBL-${String(i).padStart(3, '0')}`,
          categoryId: cat.id,
          name: `Workstation ${i}`,
        }),
      });
      ids.push(r.json().id);
    }
    await as(manager)({
      method: 'PUT',
      url: '/api/admin/equipment/settings',
      payload: { repairHotline: '8888', labelTitle: '信息科' },
    });
    const small = await as(manager)({
      method: 'GET',
      url: `/api/admin/equipment/labels.pdf?size=40x30&ids=${ids.slice(0, 3).join(',')}`,
    });
    expect(small.statusCode, small.body).toBe(200);
    expect(small.headers['content-type']).toBe('application/pdf');
    expect(small.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(small.rawPayload.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pageCount(small.rawPayload)).toBe(3);

    const sheet = await as(manager)({
      method: 'GET',
      url: `/api/admin/equipment/labels.pdf?size=a4&categoryId=${cat.id}`,
    });
    expect(pageCount(sheet.rawPayload)).toBe(2); // 26 labels, 24 per sheet

    // Reprinting keeps each device's token.
    const first = (
      await as(manager)({ method: 'GET', url: `/api/admin/equipment/devices/${ids[0]}` })
    ).json();
    await as(manager)({
      method: 'GET',
      url: `/api/admin/equipment/labels.pdf?size=50x30&ids=${ids[0]}`,
    });
    const again = (
      await as(manager)({ method: 'GET', url: `/api/admin/equipment/devices/${ids[0]}` })
    ).json();
    expect(first.device.label.status).toBe('active');
    expect(again.device.label.url).toBe(first.device.label.url);
    expect(again.labels).toHaveLength(1);
    expect(first.device.label.url).toMatch(/^http:\/\/localhost:3000\/r\/[0-9A-Za-z]{22}$/);
  });

  it('draws labels without a CJK font when none can be found, and says so', async () => {
    const previous = process.env.LABEL_FONT_PATH;
    process.env.LABEL_FONT_PATH = '/nonexistent/font.ttf';
    resetLabelFont();
    try {
      const list = (
        await as(manager)({ method: 'GET', url: '/api/admin/equipment/devices?q=LBL-001' })
      ).json();
      const response = await as(manager)({
        method: 'GET',
        url: `/api/admin/equipment/labels.pdf?size=50x30&ids=${list.items[0].id}`,
      });
      expect(response.headers['x-label-font']).toBe('none');
      expect(pageCount(response.rawPayload)).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.LABEL_FONT_PATH;
      else process.env.LABEL_FONT_PATH = previous;
      resetLabelFont();
    }
    // With a CJK font installed (Debian fonts-wqy-microhei or fonts-noto-cjk), it is embedded.
    if (labelFont()) {
      const list = (
        await as(manager)({ method: 'GET', url: '/api/admin/equipment/devices?q=LBL-001' })
      ).json();
      const response = await as(manager)({
        method: 'GET',
        url: `/api/admin/equipment/labels.pdf?size=50x30&ids=${list.items[0].id}`,
      });
      expect(response.headers['x-label-font']).toBe('cjk');
      // TrueType outlines embed as FontFile2, CFF ones (Noto CJK) as FontFile3.
      expect(response.rawPayload.toString('latin1')).toMatch(/\/FontFile[23]\b/);
    }
  });

  it('sends a scan to the report page through OAuth, and a revoked label to a page that says so', async () => {
    const list = (
      await as(manager)({ method: 'GET', url: '/api/admin/equipment/devices?q=LBL-002' })
    ).json();
    const id = list.items[0].id;
    const preview = (
      await as(manager)({ method: 'GET', url: `/api/admin/equipment/devices/${id}/label` })
    ).json();
    expect(preview.svg).toContain('<svg');
    const token = preview.url.split('/r/')[1];
    const scan = await server.app.inject({ method: 'GET', url: `/r/${token}` });
    expect(scan.statusCode).toBe(302);
    expect(scan.headers.location).toBe(
      `/wechat/oauth/start?next=${encodeURIComponent(`/h5/repair/label/${token}`)}`,
    );

    const revoke = await as(manager)({
      method: 'POST',
      url: `/api/admin/equipment/devices/${id}/label/revoke`,
      payload: { reason: '标签污损' },
    });
    expect(revoke.statusCode).toBe(204);
    const revoked = await server.app.inject({ method: 'GET', url: `/r/${token}` });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.body).toContain('标签已停用');
    expect(revoked.body).toContain('8888');
    const unknown = await server.app.inject({ method: 'GET', url: '/r/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.statusCode).toBe(404);

    // The next print issues a new token; the old one stays revoked.
    const reissued = (
      await as(manager)({ method: 'GET', url: `/api/admin/equipment/devices/${id}/label` })
    ).json();
    expect(reissued.url).not.toBe(preview.url);
    expect((await server.app.inject({ method: 'GET', url: `/r/${token}` })).statusCode).toBe(410);
    const events = await server.deps.db
      .select({ type: equipmentDeviceEvents.type })
      .from(equipmentDeviceEvents)
      .where(eq(equipmentDeviceEvents.deviceId, id));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['label_issued', 'label_revoked']),
    );
  });
});

describe('import and export', () => {
  const header = [
    '资产编号',
    '名称',
    '类别编码',
    '品牌',
    '型号',
    '科室编码',
    '购置日期',
    '购置金额(元)',
    '状态',
  ];

  it('imports categories and devices, and updates by asset number on a second import', async () => {
    const file = await workbook({
      类别: [
        ['编码', '名称', '上级编码', '排序'],
        ['NET', '网络设备', '', 1],
        ['NET-SW', '交换机', 'NET', 1],
      ],
      设备: [
        header,
        ['SW-001', '核心交换机', 'NET-SW', '华为', 'S5735', 'IT', '2023-01-15', '12000.50', '在用'],
        [
          'SW-002',
          '楼层交换机',
          'NET-SW',
          '华为',
          'S5720',
          'WARD1',
          new Date(Date.UTC(2022, 5, 1)),
          '',
          '',
        ],
      ],
    });
    const response = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/import',
      headers: { 'content-type': XLSX_TYPE },
      payload: file,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      categories: { added: 2, updated: 0 },
      devices: { added: 2, updated: 0 },
    });
    const [sw2] = await server.deps.db
      .select()
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, 'SW-002'));
    expect(sw2).toMatchObject({
      purchaseDate: '2022-06-01',
      inServiceFrom: '2022-06-01',
      status: 'in_use',
    });
    const [sw1] = await server.deps.db
      .select()
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, 'SW-001'));
    expect(sw1!.purchasePriceFen).toBe(1_200_050);

    const again = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/import',
      headers: { 'content-type': XLSX_TYPE },
      payload: await workbook({
        设备: [
          ['资产编号', '名称', '类别编码', '状态'],
          ['SW-001', '核心交换机A', 'NET-SW', '报废'],
        ],
      }),
    });
    expect(again.json().devices).toEqual({ added: 0, updated: 1 });
    const [updated] = await server.deps.db
      .select()
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, 'SW-001'));
    // Columns absent from the file keep their values.
    expect(updated).toMatchObject({
      name: '核心交换机A',
      status: 'retired',
      brand: '华为',
      purchasePriceFen: 1_200_050,
    });
    expect(updated!.retiredAt).not.toBeNull();
  });

  it('refuses a file with bad rows as a whole, naming each problem by row and column', async () => {
    const before = (await server.deps.db.select().from(equipmentDevices)).length;
    const response = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/import',
      headers: { 'content-type': XLSX_TYPE },
      payload: await workbook({
        设备: [
          header,
          ['OK-001', '正常设备', 'NET-SW', '', '', 'IT', '2024-01-01', '100', '在用'],
          ['OK-001', '重复', 'NET-SW', '', '', '', '', '', ''],
          ['BAD 01', '', 'NOPE', '', '', 'NOWHERE', '2024-02-30', '-5', '丢失'],
        ],
      }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('IMPORT_INVALID');
    const problems = response.json().error.details as {
      row: number;
      column: string;
      problem: string;
    }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        { sheet: '设备', row: 3, column: '资产编号', problem: 'duplicate' },
        { sheet: '设备', row: 4, column: '资产编号', problem: 'asset_no' },
        { sheet: '设备', row: 4, column: '名称', problem: 'name' },
        { sheet: '设备', row: 4, column: '类别编码', problem: 'unknown_category' },
        { sheet: '设备', row: 4, column: '科室编码', problem: 'unknown_department' },
        { sheet: '设备', row: 4, column: '购置日期', problem: 'date' },
        { sheet: '设备', row: 4, column: '购置金额(元)', problem: 'price' },
        { sheet: '设备', row: 4, column: '状态', problem: 'status' },
      ]),
    );
    // Nothing half-imported: the good row is not there either.
    expect((await server.deps.db.select().from(equipmentDevices)).length).toBe(before);
  });

  it('imports CSV saved by Chinese Excel (GB18030) or as UTF-8, and exports what it imported', async () => {
    // 资产编号,名称,类别编码,型号 / GSB-001,交换机,NET-SW,S5720 in GB18030, as Excel saves CSV in China.
    const gb18030 = Buffer.from(
      'D7CAB2FAB1E0BAC52CC3FBB3C62CC0E0B1F0B1E0C2EB2CD0CDBAC50D0A4753422D3030312CBDBBBBBBBBFA2C4E45542D53572C53353732300D0A',
      'hex',
    );
    const gbImport = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/import',
      headers: { 'content-type': CSV_TYPE },
      payload: gb18030,
    });
    expect(gbImport.statusCode, gbImport.body).toBe(200);
    const [gb] = await server.deps.db
      .select()
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, 'GSB-001'));
    expect(gb).toMatchObject({ name: '交换机', model: 'S5720' });

    const csv = '资产编号,名称,类别编码,型号\r\nCSV-001,"楼层交换机,备用",NET-SW,S5720\r\n';
    const response = await as(manager)({
      method: 'POST',
      url: '/api/admin/equipment/import',
      headers: { 'content-type': CSV_TYPE },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
    });
    expect(response.statusCode, response.body).toBe(200);
    const [row] = await server.deps.db
      .select()
      .from(equipmentDevices)
      .where(eq(equipmentDevices.assetNo, 'CSV-001'));
    expect(row!.name).toBe('楼层交换机,备用');

    const exported = await as(engineer)({
      method: 'GET',
      url: '/api/admin/equipment/devices.xlsx?q=CSV-001',
    });
    expect(exported.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('设备')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('CSV-001');
    expect(sheet.getRow(2).getCell(3).value).toBe('NET-SW');
  });
});
