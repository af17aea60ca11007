import type { LendingStats } from '@zhangyi/contracts';
import { yuanNumber } from '../../lib/money';

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** The statistics as a workbook, one sheet per table of the console's views. */
export async function statsWorkbook(stats: LendingStats): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 4) }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
  };
  const t = stats.totals;
  sheet(
    '总览',
    ['指标', '数值'],
    [
      ['申请数', t.requests],
      ['批准', t.approved],
      ['驳回', t.rejected],
      ['取消', t.cancelled],
      ['紧急先借后批', t.emergencies],
      ['驳回率(%)', pct(t.denialRate)],
      ['审批时长中位数(分钟)', t.approvalLatency.median],
      ['审批时长P90(分钟)', t.approvalLatency.p90],
      ['缺货分钟', t.stockOutMinutes],
      ['收入(元)', yuanNumber(t.revenueFen)],
      ['利用率(%)', pct(t.utilisation)],
    ],
  );
  sheet(
    '类别',
    [
      '类别',
      '设备数',
      '利用率(%)',
      '申请',
      '驳回',
      '驳回率(%)',
      '缺货分钟',
      '审批中位数(分钟)',
      '审批P90(分钟)',
      '紧急',
      '收入(元)',
      '到达率(台/小时)',
      '平均借用(小时)',
      '负荷(Erlang)',
      '当前等待概率(%)',
      '建议台数',
      '目标等待概率(%)',
    ],
    stats.categories.map((c) => [
      c.name,
      c.devices,
      pct(c.utilisation),
      c.requests,
      c.rejected,
      pct(c.denialRate),
      c.stockOutMinutes,
      c.approvalLatency.median,
      c.approvalLatency.p90,
      c.emergencies,
      yuanNumber(c.revenueFen),
      c.fleet.arrivalsPerHour,
      c.fleet.meanLoanHours,
      c.fleet.offeredLoad,
      pct(c.fleet.waitProbability),
      c.fleet.recommended,
      c.fleet.targetPct,
    ]),
  );
  sheet(
    '设备',
    [
      '资产编号',
      '设备',
      '类别',
      '借出分钟',
      '在库分钟',
      '利用率(%)',
      '借用次数',
      '收入(元)',
      '购置金额(元)',
      '收入/成本(%)',
    ],
    stats.devices.map((d) => [
      d.assetNo,
      d.name,
      d.categoryName,
      d.loanMinutes,
      d.poolMinutes,
      pct(d.utilisation),
      d.loans,
      yuanNumber(d.revenueFen),
      d.purchasePriceFen === null ? null : yuanNumber(d.purchasePriceFen),
      pct(d.revenueToCost),
    ]),
  );
  sheet(
    '科室',
    ['科室', '借用单', '借用小时', '损坏归还', '每千小时损坏', '费用(元)'],
    stats.departments.map((d) => [
      d.departmentName,
      d.loans,
      d.loanHours,
      d.damagedReturns,
      d.damagePer1000Hours,
      yuanNumber(d.chargeFen),
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
