import type { Distribution, RateRow, TicketStats } from '@zhangyi/contracts';
import { STATUS_WORDS } from './notices';
import type { StatTicket } from './stats';
import { localDateTime } from './time';
import { yuanNumber } from '../../lib/money';

const percent = (n: number | null) => (n === null ? '' : `${Math.round(n * 1000) / 10}%`);
const value = (n: number | null) => (n === null ? '' : n);
const yuan = (fen: number | null) => (fen === null ? '' : yuanNumber(fen));

/**
 * Every statistics table as one Excel workbook, one sheet per table (the same numbers the
 * dashboard draws), and the tickets behind them with their durations.
 */
export async function statsWorkbook(
  stats: TicketStats,
  tickets: StatTicket[],
  timeZone: string,
  names: { department: Map<string, string>; group: Map<string, string> },
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = (name: string, header: string[], rows: (string | number)[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow(header);
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((c) => (c.width = 16));
  };
  const dist = (label: string, d: Distribution) => [label, d.count, value(d.median), value(d.p90)];

  sheet(
    '概览',
    ['指标', '数量', '中位数(分钟)', 'P90(分钟)'],
    [
      ['统计区间', `${stats.period.from} 至 ${stats.period.to}`, '', ''],
      ['工单数', stats.totals.tickets, '', ''],
      ['处理中', stats.totals.open, '', ''],
      ['已修复待确认', stats.totals.resolved, '', ''],
      ['已完成', stats.totals.closed, '', ''],
      ['未受理(驳回)', stats.totals.rejected, '', ''],
      ['已合并', stats.totals.merged, '', ''],
      dist('MTTA 受理时间', stats.mtta),
      dist('MTTR 恢复时间', stats.mttr),
      dist('维修时间(受理至修复)', stats.repairTime),
      ['受理及时率', percent(stats.sla.acceptRate), stats.sla.acceptMet, stats.sla.acceptBreached],
      [
        '解决及时率',
        percent(stats.sla.resolveRate),
        stats.sla.resolveMet,
        stats.sla.resolveBreached,
      ],
      ['30 天重复故障率', percent(stats.repeat.rate), stats.repeat.repeats, stats.repeat.failures],
    ],
  );
  const rateSheet = (name: string, rows: RateRow[]) =>
    sheet(
      name,
      ['名称', '设备数', '设备·月', '故障数', '每百设备月故障', 'MTBF(小时)'],
      rows.map((r) => [
        r.label,
        r.devices,
        r.deviceMonths,
        r.failures,
        value(r.per100DeviceMonths),
        value(r.mtbfHours),
      ]),
    );
  rateSheet('按型号', stats.byModel);
  rateSheet('按类别', stats.byCategory);
  rateSheet('按科室', stats.byDepartment);
  sheet(
    '故障类型',
    ['故障类型', '数量', '占比', '累计占比'],
    stats.pareto.map((p) => [p.name, p.count, `${p.percent}%`, `${p.cumulativePercent}%`]),
  );
  sheet(
    '工程师组',
    ['组', '工单数', 'MTTA 中位数', 'MTTA P90', 'MTTR 中位数', 'MTTR P90', '受理及时率'],
    stats.byGroup.map((g) => [
      g.name,
      g.tickets,
      value(g.mtta.median),
      value(g.mtta.p90),
      value(g.mttr.median),
      value(g.mttr.p90),
      percent(g.acceptRate),
    ]),
  );
  sheet(
    '采购参考',
    [
      '品牌',
      '型号',
      '类别',
      '在用数量',
      '设备·月',
      '故障数',
      '每百设备月故障',
      'MTBF(小时)',
      'MTTR 中位数(分钟)',
      '重复故障率',
      '配件费用(元)',
      '平均购置价(元)',
    ],
    stats.procurement.map((p) => [
      p.brand ?? '',
      p.model ?? '',
      p.categoryName,
      p.fleet,
      p.deviceMonths,
      p.failures,
      value(p.per100DeviceMonths),
      value(p.mtbfHours),
      value(p.mttrMedianMinutes),
      percent(p.repeatRate),
      yuan(p.partsCostFen),
      yuan(p.avgPurchasePriceFen),
    ]),
  );
  sheet(
    '每日趋势',
    ['日期', '报修', '修复'],
    stats.trend.map((d) => [d.date, d.submitted, d.resolved]),
  );
  sheet(
    '工单明细',
    [
      '工单号',
      '报修时间',
      '科室',
      '故障类型',
      '状态',
      '工程师组',
      '受理(分钟)',
      '恢复(分钟)',
      '配件费用(元)',
    ],
    tickets.map((t) => [
      t.no,
      localDateTime(t.createdAt, timeZone),
      names.department.get(t.departmentId) ?? '',
      t.faultName ?? '未分类',
      STATUS_WORDS[t.status],
      t.groupId ? (names.group.get(t.groupId) ?? '') : '',
      t.acceptedAt ? Math.round((t.acceptedAt.getTime() - t.createdAt.getTime()) / 6_000) / 10 : '',
      t.resolvedAt ? Math.round((t.resolvedAt.getTime() - t.createdAt.getTime()) / 6_000) / 10 : '',
      yuan(t.partsCostFen),
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
