import type ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { departments, doctors } from './schema';

/**
 * Excel import of the directory: a sheet 科室 (departments) and a sheet 医生 (doctors), matched by
 * code, added or updated. Every row is checked first; one bad row imports nothing and the report
 * names each problem with its sheet, row and column.
 */
export const DEPARTMENT_COLUMNS = ['编码', '名称', '上级编码', '位置', '简介', '排序'] as const;
export const DOCTOR_COLUMNS = ['工号', '姓名', '科室编码', '职称', '擅长', '简介', '排序'] as const;

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  problem: string;
}

export interface ImportResult {
  departments: { added: number; updated: number };
  doctors: { added: number; updated: number };
}

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** ExcelJS is large and rarely needed: it is loaded on the first import or template. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}

function text(cell: ExcelJS.CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object' && 'richText' in cell)
    return cell.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof cell === 'object' && 'text' in cell) return String(cell.text).trim();
  return String(cell).trim();
}

function rowsOf(
  sheet: ExcelJS.Worksheet | undefined,
  columns: readonly string[],
  problems: ImportProblem[],
) {
  if (!sheet) return [];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.push({
      sheet: sheet.name,
      row: 1,
      column: missing.join('、'),
      problem: 'missing_column',
    });
    return [];
  }
  const rows: { row: number; values: Record<string, string> }[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: Record<string, string> = {};
    for (const column of columns)
      values[column] = text(row.getCell(header.indexOf(column) + 1).value);
    if (Object.values(values).some(Boolean)) rows.push({ row: number, values });
  });
  return rows;
}

function order(value: string, push: (problem: string) => void): number {
  if (!value) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000) push('sort_order');
  return n;
}

/** Reads, checks and applies an import in one transaction. */
export async function importDirectory(
  deps: Deps,
  meta: RequestMeta,
  file: Buffer,
): Promise<ImportResult> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('IMPORT_INVALID', [
      { sheet: '', row: 0, column: '', problem: 'not_xlsx' },
    ]);
  }
  const problems: ImportProblem[] = [];
  const departmentRows = rowsOf(workbook.getWorksheet('科室'), DEPARTMENT_COLUMNS, problems);
  const doctorRows = rowsOf(workbook.getWorksheet('医生'), DOCTOR_COLUMNS, problems);
  if (departmentRows.length + doctorRows.length === 0 && problems.length === 0) {
    problems.push({ sheet: '', row: 0, column: '', problem: 'empty' });
  }

  const existing = await deps.db.select().from(departments);
  const parentOf = new Map(
    existing.map((d) => [
      d.code,
      d.parentId === null ? null : (existing.find((p) => p.id === d.parentId)?.code ?? null),
    ]),
  );
  const seen = new Set<string>();
  for (const { row, values } of departmentRows) {
    const push = (column: string) => (problem: string) =>
      problems.push({ sheet: '科室', row, column, problem });
    const code = values['编码']!;
    if (!CODE.test(code)) push('编码')('code');
    else if (seen.has(code)) push('编码')('duplicate');
    seen.add(code);
    if (!values['名称'] || values['名称'].length > 40) push('名称')('name');
    order(values['排序']!, push('排序'));
    parentOf.set(code, values['上级编码'] || null);
  }
  for (const { row, values } of departmentRows) {
    const parent = values['上级编码'];
    if (!parent) continue;
    if (!parentOf.has(parent))
      problems.push({ sheet: '科室', row, column: '上级编码', problem: 'unknown_department' });
    else if (parentOf.get(parent) !== null)
      problems.push({ sheet: '科室', row, column: '上级编码', problem: 'third_level' });
  }
  const doctorCodes = new Set<string>();
  for (const { row, values } of doctorRows) {
    const push = (column: string) => (problem: string) =>
      problems.push({ sheet: '医生', row, column, problem });
    const code = values['工号']!;
    if (!CODE.test(code)) push('工号')('code');
    else if (doctorCodes.has(code)) push('工号')('duplicate');
    doctorCodes.add(code);
    if (!values['姓名'] || values['姓名'].length > 40) push('姓名')('name');
    if (!values['职称'] || values['职称'].length > 20) push('职称')('title');
    if (!parentOf.has(values['科室编码']!)) push('科室编码')('unknown_department');
    order(values['排序']!, push('排序'));
  }
  if (problems.length > 0) throw new DomainError('IMPORT_INVALID', problems);

  const result: ImportResult = {
    departments: { added: 0, updated: 0 },
    doctors: { added: 0, updated: 0 },
  };
  await deps.db.transaction(async (tx) => {
    // Top-level departments first, so children can find their parent's id.
    const sorted = [...departmentRows].sort(
      (a, b) => Number(Boolean(a.values['上级编码'])) - Number(Boolean(b.values['上级编码'])),
    );
    for (const { values } of sorted) {
      const codes = await tx
        .select({ id: departments.id, code: departments.code })
        .from(departments);
      const idOf = new Map(codes.map((c) => [c.code, c.id]));
      const fields = {
        name: values['名称']!,
        parentId: values['上级编码'] ? idOf.get(values['上级编码'])! : null,
        location: values['位置'] || null,
        introduction: values['简介'] || null,
        sortOrder: Number(values['排序'] || 0),
      };
      const exists = idOf.has(values['编码']!);
      if (exists)
        await tx.update(departments).set(fields).where(eq(departments.code, values['编码']!));
      else await tx.insert(departments).values({ code: values['编码']!, ...fields });
      result.departments[exists ? 'updated' : 'added'] += 1;
    }
    const idOf = new Map(
      (await tx.select({ id: departments.id, code: departments.code }).from(departments)).map(
        (c) => [c.code, c.id],
      ),
    );
    const known = new Set(
      doctorRows.length === 0
        ? []
        : (
            await tx
              .select({ code: doctors.code })
              .from(doctors)
              .where(inArray(doctors.code, [...doctorCodes]))
          ).map((d) => d.code),
    );
    for (const { values } of doctorRows) {
      const fields = {
        name: values['姓名']!,
        departmentId: idOf.get(values['科室编码']!)!,
        title: values['职称']!,
        specialties: values['擅长'] || null,
        introduction: values['简介'] || null,
        sortOrder: Number(values['排序'] || 0),
      };
      const exists = known.has(values['工号']!);
      if (exists) await tx.update(doctors).set(fields).where(eq(doctors.code, values['工号']!));
      else await tx.insert(doctors).values({ code: values['工号']!, ...fields });
      result.doctors[exists ? 'updated' : 'added'] += 1;
    }
    await recordAudit(tx, meta, {
      action: 'directory.import',
      result: 'success',
      details: { ...result },
    });
  });
  return result;
}

/** An empty workbook with both sheets and their headers, for hospitals to fill in. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.addWorksheet('科室').addRow([...DEPARTMENT_COLUMNS]);
  workbook.addWorksheet('医生').addRow([...DOCTOR_COLUMNS]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
