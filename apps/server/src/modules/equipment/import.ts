import type ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import type { Device, DeviceBody, DeviceImportResult, DeviceStatus } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { localDate } from '../../lib/time';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import { CategoryTree, MAX_CATEGORY_LEVEL } from './categories';
import { changeEvents, deviceColumns, recordDeviceEvent } from './devices';
import { equipmentCategories, equipmentDevices } from './schema';

/**
 * Import of the registry from Excel (sheets 设备 and, optionally, 类别) or from a CSV of devices
 * (UTF-8, with or without BOM, or GB18030 as Chinese Excel saves it). Devices are matched by asset
 * number, categories by code; everything is checked first, and one bad row imports nothing: the
 * refusal lists every problem with its sheet, row and column.
 */

export const DEVICE_COLUMNS = [
  '资产编号',
  '名称',
  '类别编码',
  '品牌',
  '型号',
  '序列号',
  '科室编码',
  '位置',
  '购置日期',
  '保修截止',
  '供应商',
  '购置金额(元)',
  '状态',
  '备注',
] as const;
const REQUIRED_DEVICE_COLUMNS = ['资产编号', '名称', '类别编码'];
export const CATEGORY_COLUMNS = ['编码', '名称', '上级编码', '排序'] as const;
export const MAX_IMPORT_ROWS = 5000;

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  problem: string;
}

type Values = Record<string, string | Date | number | undefined>;
interface Row {
  row: number;
  values: Values;
}

const ASSET_NO = /^[A-Za-z0-9._/-]{1,40}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const STATUS: Record<string, DeviceStatus> = {
  '': 'in_use',
  在用: 'in_use',
  in_use: 'in_use',
  闲置: 'idle',
  备用: 'idle',
  idle: 'idle',
  报废: 'retired',
  retired: 'retired',
};
const STATUS_NAME: Record<DeviceStatus, string> = { in_use: '在用', idle: '闲置', retired: '报废' };

async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}

function cellValue(cell: ExcelJS.CellValue): string | Date | number | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date || typeof cell === 'number') return cell;
  if (typeof cell === 'object' && 'richText' in cell)
    return cell.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof cell === 'object' && 'result' in cell)
    return cellValue(cell.result as ExcelJS.CellValue);
  if (typeof cell === 'object' && 'text' in cell) return String(cell.text).trim();
  return String(cell).trim();
}

function text(value: Values[string]): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Rows of a table (header on row 1), or a missing-column problem. */
function tableRows(
  sheet: string,
  header: string[],
  body: { row: number; cells: (string | Date | number | undefined)[] }[],
  required: readonly string[],
  problems: ImportProblem[],
): { rows: Row[]; present: Set<string> } {
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    problems.push({ sheet, row: 1, column: missing.join('、'), problem: 'missing_column' });
    return { rows: [], present: new Set() };
  }
  const rows: Row[] = [];
  for (const { row, cells } of body) {
    const values: Values = {};
    header.forEach((name, i) => {
      if (name) values[name] = cells[i];
    });
    if (Object.values(values).some((v) => text(v) !== '')) rows.push({ row, values });
  }
  return { rows, present: new Set(header.filter(Boolean)) };
}

function sheetTable(ws: ExcelJS.Worksheet) {
  const header = ((ws.getRow(1).values as ExcelJS.CellValue[]) ?? [])
    .slice(1)
    .map((v) => text(cellValue(v)));
  const body: { row: number; cells: (string | Date | number | undefined)[] }[] = [];
  ws.eachRow((row, number) => {
    if (number === 1) return;
    body.push({
      row: number,
      cells: header.map((_, i) => cellValue(row.getCell(i + 1).value)),
    });
  });
  return { header, body };
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GB18030 (Chinese Excel's CSV). */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function parseDate(value: Values[string]): string | null | 'invalid' {
  if (value === undefined || text(value) === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text(value));
  if (!match) return 'invalid';
  const [, y, m, d] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso
    ? 'invalid'
    : iso;
}

function parsePrice(value: Values[string]): number | null | 'invalid' {
  const raw = text(value).replace(/,/g, '');
  if (raw === '') return null;
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(raw)) return 'invalid';
  return Math.round(Number(raw) * 100);
}

interface Parsed {
  categoryRows: Row[];
  deviceRows: Row[];
  present: Set<string>;
  sheet: string;
}

async function readFile(file: Buffer, problems: ImportProblem[]): Promise<Parsed> {
  const isZip = file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!isZip) {
    const rows = parseCsv(decodeCsv(file));
    const header = (rows[0] ?? []).map((h) => h.trim());
    const body = rows.slice(1).map((cells, i) => ({ row: i + 2, cells }));
    const { rows: deviceRows, present } = tableRows(
      'CSV',
      header,
      body,
      REQUIRED_DEVICE_COLUMNS,
      problems,
    );
    return { categoryRows: [], deviceRows, present, sheet: 'CSV' };
  }
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    problems.push({ sheet: '', row: 0, column: '', problem: 'not_xlsx' });
    return { categoryRows: [], deviceRows: [], present: new Set(), sheet: '设备' };
  }
  const categorySheet = workbook.getWorksheet('类别');
  let categoryRows: Row[] = [];
  if (categorySheet) {
    const { header, body } = sheetTable(categorySheet);
    categoryRows = tableRows('类别', header, body, ['编码', '名称'], problems).rows;
  }
  const deviceSheet = workbook.getWorksheet('设备') ?? workbook.worksheets[0];
  if (!deviceSheet || deviceSheet === categorySheet)
    return { categoryRows, deviceRows: [], present: new Set(), sheet: '设备' };
  const { header, body } = sheetTable(deviceSheet);
  const { rows: deviceRows, present } = tableRows(
    deviceSheet.name,
    header,
    body,
    REQUIRED_DEVICE_COLUMNS,
    problems,
  );
  return { categoryRows, deviceRows, present, sheet: deviceSheet.name };
}

/** Reads, checks and applies an import in one transaction: all rows or none. */
export async function importDevices(
  deps: Deps,
  meta: RequestMeta,
  file: Buffer,
): Promise<DeviceImportResult> {
  const problems: ImportProblem[] = [];
  const { categoryRows, deviceRows, present, sheet } = await readFile(file, problems);
  if (problems.length) throw new DomainError('IMPORT_INVALID', problems);
  if (categoryRows.length + deviceRows.length === 0)
    throw new DomainError('IMPORT_INVALID', [{ sheet: '', row: 0, column: '', problem: 'empty' }]);
  if (categoryRows.length + deviceRows.length > MAX_IMPORT_ROWS)
    throw new DomainError('IMPORT_INVALID', [
      { sheet: '', row: 0, column: '', problem: 'too_many_rows' },
    ]);

  // Categories: the stored tree with the file's rows laid over it.
  const stored = await deps.db.select().from(equipmentCategories);
  const parentCodeOf = new Map<string, string | null>(
    stored.map((c) => [
      c.code,
      c.parentId ? (stored.find((p) => p.id === c.parentId)?.code ?? null) : null,
    ]),
  );
  const seenCategories = new Set<string>();
  for (const { row, values } of categoryRows) {
    const push = (column: string, problem: string) =>
      problems.push({ sheet: '类别', row, column, problem });
    const code = text(values['编码']);
    if (!CODE.test(code)) push('编码', 'code');
    else if (seenCategories.has(code)) push('编码', 'duplicate');
    seenCategories.add(code);
    const name = text(values['名称']);
    if (!name || name.length > 40) push('名称', 'name');
    const order = text(values['排序']);
    if (order && !(/^\d{1,5}$/.test(order) && Number(order) <= 10_000)) push('排序', 'sort_order');
    parentCodeOf.set(code, text(values['上级编码']) || null);
  }
  const levelOf = (code: string): number => {
    let level = 0;
    for (let c: string | null | undefined = code; c && level <= MAX_CATEGORY_LEVEL + 1; level++)
      c = parentCodeOf.get(c);
    return level;
  };
  for (const { row, values } of categoryRows) {
    const parent = text(values['上级编码']);
    if (parent && !parentCodeOf.has(parent))
      problems.push({ sheet: '类别', row, column: '上级编码', problem: 'unknown_category' });
    else if (levelOf(text(values['编码'])) > MAX_CATEGORY_LEVEL)
      problems.push({ sheet: '类别', row, column: '上级编码', problem: 'category_level' });
  }

  const departmentRows = await deps.db
    .select({ id: departments.id, code: departments.code })
    .from(departments);
  const departmentOf = new Map(departmentRows.map((d) => [d.code, d.id]));
  const seenAssets = new Set<string>();
  const bodies: {
    row: number;
    assetNo: string;
    categoryCode: string;
    body: Partial<DeviceBody>;
  }[] = [];
  for (const { row, values } of deviceRows) {
    const push = (column: string, problem: string) =>
      problems.push({ sheet, row, column, problem });
    const optional = (column: string, max: number): string | null | undefined => {
      if (!present.has(column)) return undefined;
      const value = text(values[column]);
      if (value.length > max) push(column, 'too_long');
      return value || null;
    };
    const assetNo = text(values['资产编号']);
    if (!ASSET_NO.test(assetNo)) push('资产编号', 'asset_no');
    else if (seenAssets.has(assetNo)) push('资产编号', 'duplicate');
    seenAssets.add(assetNo);
    const name = text(values['名称']);
    if (!name || name.length > 60) push('名称', 'name');
    const categoryCode = text(values['类别编码']);
    if (!parentCodeOf.has(categoryCode)) push('类别编码', 'unknown_category');
    const body: Partial<DeviceBody> = { assetNo, name };
    const brand = optional('品牌', 40);
    if (brand !== undefined) body.brand = brand;
    const model = optional('型号', 60);
    if (model !== undefined) body.model = model;
    const serialNo = optional('序列号', 60);
    if (serialNo !== undefined) body.serialNo = serialNo;
    const location = optional('位置', 100);
    if (location !== undefined) body.location = location;
    const supplier = optional('供应商', 100);
    if (supplier !== undefined) body.supplier = supplier;
    const notes = optional('备注', 1000);
    if (notes !== undefined) body.notes = notes;
    if (present.has('科室编码')) {
      const code = text(values['科室编码']);
      if (code && !departmentOf.has(code)) push('科室编码', 'unknown_department');
      body.departmentId = code ? (departmentOf.get(code) ?? null) : null;
    }
    for (const [column, key] of [
      ['购置日期', 'purchaseDate'],
      ['保修截止', 'warrantyEnd'],
    ] as const) {
      if (!present.has(column)) continue;
      const date = parseDate(values[column]);
      if (date === 'invalid') push(column, 'date');
      else body[key] = date;
    }
    if (present.has('购置金额(元)')) {
      const price = parsePrice(values['购置金额(元)']);
      if (price === 'invalid') push('购置金额(元)', 'price');
      else body.purchasePriceFen = price;
    }
    if (present.has('状态')) {
      const status = STATUS[text(values['状态'])];
      if (!status) push('状态', 'status');
      else body.status = status;
    }
    bodies.push({ row, assetNo, categoryCode, body });
  }
  if (problems.length) throw new DomainError('IMPORT_INVALID', problems);

  const result: DeviceImportResult = {
    categories: { added: 0, updated: 0 },
    devices: { added: 0, updated: 0 },
  };
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  await deps.db.transaction(async (tx) => {
    const sorted = [...categoryRows].sort(
      (a, b) => levelOf(text(a.values['编码'])) - levelOf(text(b.values['编码'])),
    );
    for (const { values } of sorted) {
      const ids = new Map(
        (
          await tx
            .select({ id: equipmentCategories.id, code: equipmentCategories.code })
            .from(equipmentCategories)
        ).map((c) => [c.code, c.id]),
      );
      const code = text(values['编码']);
      const parent = text(values['上级编码']);
      const fields = {
        name: text(values['名称']),
        parentId: parent ? ids.get(parent)! : null,
        sortOrder: Number(text(values['排序']) || 0),
      };
      if (ids.has(code)) {
        await tx.update(equipmentCategories).set(fields).where(eq(equipmentCategories.code, code));
        result.categories.updated += 1;
      } else {
        await tx.insert(equipmentCategories).values({ code, ...fields });
        result.categories.added += 1;
      }
    }
    const tree = new CategoryTree(await tx.select().from(equipmentCategories));
    // A moved category must not end up too deep with its children.
    for (const row of tree.rows)
      if (tree.level(row.id) + tree.height(row.id) > MAX_CATEGORY_LEVEL)
        throw new DomainError('IMPORT_INVALID', [
          { sheet: '类别', row: 0, column: '上级编码', problem: 'category_level' },
        ]);
    const categoryId = new Map(tree.rows.map((c) => [c.code, c.id]));
    const existing = new Map(
      bodies.length === 0
        ? []
        : (
            await tx
              .select()
              .from(equipmentDevices)
              .where(
                inArray(
                  equipmentDevices.assetNo,
                  bodies.map((b) => b.assetNo),
                ),
              )
          ).map((d) => [d.assetNo, d]),
    );
    for (const { assetNo, categoryCode, body } of bodies) {
      const current = existing.get(assetNo);
      const full: DeviceBody = {
        assetNo,
        name: body.name!,
        categoryId: categoryId.get(categoryCode)!,
        brand: body.brand !== undefined ? body.brand : (current?.brand ?? null),
        model: body.model !== undefined ? body.model : (current?.model ?? null),
        serialNo: body.serialNo !== undefined ? body.serialNo : (current?.serialNo ?? null),
        departmentId:
          body.departmentId !== undefined ? body.departmentId : (current?.departmentId ?? null),
        location: body.location !== undefined ? body.location : (current?.location ?? null),
        purchaseDate:
          body.purchaseDate !== undefined ? body.purchaseDate : (current?.purchaseDate ?? null),
        warrantyEnd:
          body.warrantyEnd !== undefined ? body.warrantyEnd : (current?.warrantyEnd ?? null),
        supplier: body.supplier !== undefined ? body.supplier : (current?.supplier ?? null),
        purchasePriceFen:
          body.purchasePriceFen !== undefined
            ? body.purchasePriceFen
            : (current?.purchasePriceFen ?? null),
        status: body.status ?? (current?.status as DeviceStatus | undefined) ?? 'in_use',
        notes: body.notes !== undefined ? body.notes : (current?.notes ?? null),
      };
      if (current) {
        await tx
          .update(equipmentDevices)
          .set(deviceColumns(full, now, today, current))
          .where(eq(equipmentDevices.id, current.id));
        for (const event of changeEvents(current, full))
          await recordDeviceEvent(tx, current.id, event.type, now, meta, {
            ...event.details,
            imported: true,
          });
        result.devices.updated += 1;
      } else {
        const [row] = await tx
          .insert(equipmentDevices)
          .values({ ...deviceColumns(full, now, today), createdAt: now })
          .returning({ id: equipmentDevices.id });
        await recordDeviceEvent(tx, row!.id, 'imported', now, meta, { assetNo });
        result.devices.added += 1;
      }
    }
    await recordAudit(tx, meta, {
      action: 'device.import',
      result: 'success',
      details: { ...result },
    });
  });
  return result;
}

/** An empty workbook with both sheets, their headers and one example row each. */
export async function deviceImportTemplate(): Promise<Buffer> {
  const workbook = await newWorkbook();
  const categories = workbook.addWorksheet('类别');
  categories.addRow([...CATEGORY_COLUMNS]);
  categories.addRow(['IT', '信息设备', '', 1]);
  categories.addRow(['IT-PC', '台式电脑', 'IT', 1]);
  const devices = workbook.addWorksheet('设备');
  devices.addRow([...DEVICE_COLUMNS]);
  devices.addRow([
    'XX-2026-0001',
    '门诊医生工作站',
    'IT-PC',
    '联想',
    'ThinkCentre M920t',
    'SN12345678',
    '',
    '门诊楼 2 层 3 诊室',
    '2024-05-01',
    '2027-04-30',
    '某某科技有限公司',
    '4599.00',
    '在用',
    '',
  ]);
  for (const sheet of [categories, devices]) sheet.getRow(1).font = { bold: true };
  devices.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Devices as an Excel workbook: the import columns (re-importable), then what the system adds. */
export async function exportDevicesWorkbook(
  list: Device[],
  departmentCodes: Map<string, string>,
  categoryCodes: Map<string, string>,
): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('设备');
  sheet.addRow([...DEVICE_COLUMNS, '类别', '科室', '保修中', '标签链接', '在修工单']);
  sheet.getRow(1).font = { bold: true };
  for (const d of list) {
    sheet.addRow([
      d.assetNo,
      d.name,
      categoryCodes.get(d.categoryId) ?? '',
      d.brand ?? '',
      d.model ?? '',
      d.serialNo ?? '',
      d.departmentId ? (departmentCodes.get(d.departmentId) ?? '') : '',
      d.location ?? '',
      d.purchaseDate ?? '',
      d.warrantyEnd ?? '',
      d.supplier ?? '',
      d.purchasePriceFen === null ? '' : (d.purchasePriceFen / 100).toFixed(2),
      STATUS_NAME[d.status],
      d.notes ?? '',
      d.categoryPath,
      d.departmentName ?? '',
      d.underWarranty ? '是' : '否',
      d.label.url ?? '',
      d.openTicket?.no ?? '',
    ]);
  }
  sheet.columns.forEach((column) => (column.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
