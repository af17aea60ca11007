import { and, eq, gte, isNull, lt, or, gt, type SQL } from 'drizzle-orm';
import type { Statement, StatementLine } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { localDate, localClock, zonedInstant } from '../../lib/time';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { monthShare } from './billing';
import { lendingLoanDevices, lendingLoans } from './schema';
import { rateOf } from './views';
import { yuanNumber } from '../../lib/money';

/** The instants a hospital-local month (`YYYY-MM`) runs between. */
export function monthPeriod(month: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    start: zonedInstant(`${month}-01`, '00:00', timeZone),
    end: zonedInstant(`${next}-01`, '00:00', timeZone),
  };
}

/**
 * A month's statement: for every device out at some time in the month, the part of its charge the
 * month bills (see billing.ts, monthShare), grouped by the borrowing department. A device still
 * out in the current month is provisional: its line grows until the return.
 */
export async function monthlyStatement(
  deps: Deps,
  month: string,
  departmentId?: string,
): Promise<Statement> {
  const period = monthPeriod(month, deps.config.timeZone);
  const now = deps.clock.now();
  const where: SQL[] = [
    lt(lendingLoanDevices.handedOverAt, period.end),
    or(
      isNull(lendingLoanDevices.returnedAt),
      gt(lendingLoanDevices.returnedAt, period.start),
      gte(lendingLoanDevices.handedOverAt, period.start),
    )!,
  ];
  if (departmentId) where.push(eq(lendingLoans.departmentId, departmentId));
  const rows = await deps.db
    .select({
      item: lendingLoanDevices,
      loanNo: lendingLoans.no,
      departmentId: lendingLoans.departmentId,
      departmentName: departments.name,
      assetNo: equipmentDevices.assetNo,
      deviceName: equipmentDevices.name,
      categoryName: equipmentCategories.name,
    })
    .from(lendingLoanDevices)
    .innerJoin(lendingLoans, eq(lendingLoans.id, lendingLoanDevices.loanId))
    .innerJoin(departments, eq(departments.id, lendingLoans.departmentId))
    .innerJoin(equipmentDevices, eq(equipmentDevices.id, lendingLoanDevices.deviceId))
    .innerJoin(equipmentCategories, eq(equipmentCategories.id, lendingLoans.categoryId))
    .where(and(...where))
    .orderBy(departments.name, lendingLoanDevices.handedOverAt);
  const byDept = new Map<string, Statement['departments'][number]>();
  for (const r of rows) {
    const rate = rateOf(r.item);
    const share = monthShare(r.item, rate, period, now);
    if (!share) continue;
    const line: StatementLine = {
      loanId: r.item.loanId,
      loanNo: r.loanNo,
      deviceId: r.item.deviceId,
      assetNo: r.assetNo,
      deviceName: r.deviceName,
      categoryName: r.categoryName,
      handedOverAt: r.item.handedOverAt.toISOString(),
      returnedAt: r.item.returnedAt?.toISOString() ?? null,
      minutes: share.minutes,
      billingUnit: rate.unit,
      rateFen: rate.rateFen,
      chargeFen: share.chargeFen,
      provisional: r.item.returnedAt === null && now < period.end,
    };
    const dept = byDept.get(r.departmentId) ?? {
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      totalFen: 0,
      lines: [],
    };
    dept.lines.push(line);
    dept.totalFen += line.chargeFen;
    byDept.set(r.departmentId, dept);
  }
  const list = [...byDept.values()];
  return {
    month,
    from: period.start.toISOString(),
    to: period.end.toISOString(),
    totalFen: list.reduce((sum, d) => sum + d.totalFen, 0),
    departments: list,
  };
}

/** The statement as a workbook: a summary sheet per department and a sheet of lines. */
export async function statementWorkbook(statement: Statement, timeZone: string): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const at = (iso: string | null) =>
    iso ? `${localDate(new Date(iso), timeZone)} ${localClock(new Date(iso), timeZone)}` : '';
  const summary = workbook.addWorksheet('汇总');
  summary.columns = [
    { header: '月份', width: 10 },
    { header: '科室', width: 20 },
    { header: '设备台次', width: 10 },
    { header: '金额(元)', width: 14 },
  ];
  for (const d of statement.departments)
    summary.addRow([statement.month, d.departmentName, d.lines.length, yuanNumber(d.totalFen)]);
  summary.addRow([statement.month, '合计', null, yuanNumber(statement.totalFen)]);
  const lines = workbook.addWorksheet('明细');
  lines.columns = [
    { header: '科室', width: 18 },
    { header: '借用单号', width: 18 },
    { header: '资产编号', width: 14 },
    { header: '设备', width: 16 },
    { header: '类别', width: 12 },
    { header: '借出时间', width: 18 },
    { header: '归还时间', width: 18 },
    { header: '本月分钟', width: 10 },
    { header: '计费单位', width: 8 },
    { header: '单价(元)', width: 10 },
    { header: '本月费用(元)', width: 12 },
    { header: '暂估', width: 6 },
  ];
  for (const d of statement.departments)
    for (const l of d.lines)
      lines.addRow([
        d.departmentName,
        l.loanNo,
        l.assetNo,
        l.deviceName,
        l.categoryName,
        at(l.handedOverAt),
        at(l.returnedAt),
        l.minutes,
        l.billingUnit === 'hour' ? '小时' : '天',
        yuanNumber(l.rateFen),
        yuanNumber(l.chargeFen),
        l.provisional ? '是' : '',
      ]);
  for (const sheet of [summary, lines]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
