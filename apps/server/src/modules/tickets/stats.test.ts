import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '@zhangyi/contracts';
import {
  computeStats,
  distribution,
  exposureMinutes,
  MINUTES_PER_DEVICE_MONTH,
  percentile,
  type StatDevice,
  type StatTicket,
} from './stats';
import { startOfLocalDay } from './time';

const TZ = 'Asia/Shanghai';
const day = (date: string) => startOfLocalDay(date, TZ);
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(day(date).getTime() + (h * 60 + m) * 60_000);
};
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

function device(id: string, overrides: Partial<StatDevice> = {}): StatDevice {
  return {
    id,
    brand: 'HP',
    model: 'M404',
    categoryId: 'printer',
    departmentId: 'ward',
    inServiceFrom: day('2025-01-01'),
    retiredAt: null,
    purchasePriceFen: null,
    ...overrides,
  };
}

function ticket(
  id: string,
  deviceId: string,
  created: Date,
  opts: {
    status: TicketStatus;
    accept?: number;
    resolve?: number;
    fault?: string | null;
    parts?: number;
    department?: string;
    category?: string;
  },
): StatTicket {
  return {
    id,
    no: id,
    createdAt: created,
    status: opts.status,
    departmentId: opts.department ?? 'ward',
    categoryId: opts.category ?? 'printer',
    deviceId,
    faultTypeId: opts.fault ?? null,
    faultName: opts.fault ?? null,
    groupId: 'g1',
    acceptDueAt: plus(created, 30),
    resolveDueAt: plus(created, 480),
    acceptedAt: opts.accept === undefined ? null : plus(created, opts.accept),
    resolvedAt: opts.resolve === undefined ? null : plus(created, opts.resolve),
    partsCostFen: opts.parts ?? 0,
  };
}

describe('percentiles', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentile([40, 5, 10], 0.5)).toBe(10);
    expect(percentile([5, 10, 40], 0.9)).toBeCloseTo(34);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
    expect(distribution([1, 2, 3, 4])).toEqual({ count: 4, median: 2.5, p90: 3.7 });
  });

  it('counts exposure only while a device is in service within the period', () => {
    const start = day('2026-01-01');
    const end = day('2026-01-31');
    expect(exposureMinutes(device('a'), start, end)).toBe(30 * 1440);
    expect(exposureMinutes(device('b', { inServiceFrom: day('2026-01-16') }), start, end)).toBe(
      15 * 1440,
    );
    expect(exposureMinutes(device('c', { retiredAt: day('2026-01-11') }), start, end)).toBe(
      10 * 1440,
    );
    expect(exposureMinutes(device('d', { inServiceFrom: day('2026-02-01') }), start, end)).toBe(0);
  });
});

describe('statistics of a known month', () => {
  const devices = [
    device('A1', { purchasePriceFen: 100_000 }),
    device('A2'),
    device('B1', {
      brand: 'Lenovo',
      model: 'M920',
      categoryId: 'pc',
      departmentId: 'icu',
      inServiceFrom: day('2026-01-16'),
    }),
    device('C1', {
      brand: 'Lenovo',
      model: 'M920',
      categoryId: 'pc',
      departmentId: 'icu',
      retiredAt: day('2026-01-11'),
    }),
  ];
  const pc = { department: 'icu', category: 'pc' };
  const tickets = [
    // 31 days before T3 on the same device: outside the repeat window, and outside the period.
    ticket('T0', 'A2', at('2025-12-20', '09:00'), {
      status: 'closed',
      accept: 5,
      resolve: 20,
      fault: '缺墨',
    }),
    ticket('T1', 'A1', at('2026-01-02', '10:00'), {
      status: 'closed',
      accept: 10,
      resolve: 60,
      fault: '卡纸',
    }),
    // Ten days after T1 on the same device: a repeat; late to accept (40 > 30) and resolve (600 > 480).
    ticket('T2', 'A1', at('2026-01-12', '10:00'), {
      status: 'closed',
      accept: 40,
      resolve: 600,
      fault: '卡纸',
      parts: 0,
    }),
    ticket('T3', 'A2', at('2026-01-20', '10:00'), {
      status: 'resolved',
      accept: 5,
      resolve: 30,
      fault: '缺墨',
      parts: 3000,
    }),
    ticket('T4', 'B1', at('2026-01-25', '10:00'), { status: 'rejected', ...pc }),
    ticket('T5', 'B1', at('2026-01-26', '10:00'), { status: 'merged', accept: 1, ...pc }),
    // Still waiting for an engineer long after both deadlines.
    ticket('T6', 'C1', at('2026-01-05', '10:00'), { status: 'submitted', ...pc }),
  ];
  const stats = computeStats({
    from: '2026-01-01',
    to: '2026-01-30',
    start: day('2026-01-01'),
    end: day('2026-01-31'),
    now: day('2026-02-10'),
    timeZone: TZ,
    tickets,
    devices,
    names: {
      category: new Map([
        ['printer', '打印机'],
        ['pc', '计算机'],
      ]),
      department: new Map([
        ['ward', '心内科'],
        ['icu', '重症医学科'],
      ]),
      group: new Map([['g1', '桌面组']]),
    },
  });

  it('counts the tickets of the period by status', () => {
    expect(stats.period).toEqual({ from: '2026-01-01', to: '2026-01-30', days: 30 });
    expect(stats.totals).toEqual({
      tickets: 6,
      open: 1,
      resolved: 1,
      closed: 2,
      rejected: 1,
      merged: 1,
    });
  });

  it('gives MTTA, MTTR and repair time as median and P90 minutes', () => {
    // Accepted in the period: 10, 40, 5 (and the merged one after 1).
    expect(stats.mtta).toEqual({ count: 4, median: 7.5, p90: 31 });
    // Restored: 60, 600, 30.
    expect(stats.mttr).toEqual({ count: 3, median: 60, p90: 492 });
    expect(stats.repairTime).toEqual({ count: 3, median: 50, p90: 458 });
  });

  it('scores SLA compliance, counting open tickets past their deadline as breached', () => {
    expect(stats.sla).toEqual({
      acceptMet: 2,
      acceptBreached: 2,
      acceptRate: 0.5,
      resolveMet: 2,
      resolveBreached: 2,
      resolveRate: 0.5,
    });
  });

  it('finds repeat failures within 30 days, not beyond', () => {
    expect(stats.repeat).toEqual({ repeats: 1, failures: 4, rate: 0.25 });
  });

  it('normalises failures by device-months and gives MTBF per model', () => {
    const hp = stats.byModel.find((r) => r.key === 'HP|M404')!;
    expect(hp.devices).toBe(2);
    expect(hp.failures).toBe(3);
    expect(hp.deviceMonths).toBeCloseTo((2 * 30 * 1440) / MINUTES_PER_DEVICE_MONTH, 2);
    expect(hp.per100DeviceMonths).toBeCloseTo(152.19, 1);
    expect(hp.mtbfHours).toBe(480);
    const lenovo = stats.byModel.find((r) => r.key === 'Lenovo|M920')!;
    // B1 from the 16th (15 days), C1 until the 11th (10 days); one failure (T6).
    expect(lenovo).toMatchObject({ label: 'Lenovo M920', devices: 2, failures: 1, mtbfHours: 600 });
    expect(lenovo.per100DeviceMonths).toBeCloseTo(121.75, 1);
    expect(stats.byCategory.map((r) => [r.label, r.failures])).toEqual([
      ['打印机', 3],
      ['计算机', 1],
    ]);
    expect(stats.byDepartment.find((r) => r.label === '重症医学科')!.failures).toBe(1);
  });

  it('ranks fault types for the Pareto chart', () => {
    expect(stats.pareto[0]).toEqual({
      faultTypeId: '卡纸',
      name: '卡纸',
      count: 2,
      percent: 50,
      cumulativePercent: 50,
    });
    expect(stats.pareto.at(-1)!.cumulativePercent).toBe(100);
    expect(stats.pareto.reduce((sum, p) => sum + p.count, 0)).toBe(4);
  });

  it('draws the daily trend and the procurement sheet', () => {
    expect(stats.trend).toHaveLength(30);
    expect(stats.trend[1]).toEqual({ date: '2026-01-02', submitted: 1, resolved: 1 });
    expect(stats.trend.reduce((sum, d) => sum + d.submitted, 0)).toBe(6);
    const hp = stats.procurement.find((p) => p.model === 'M404')!;
    expect(hp).toMatchObject({
      brand: 'HP',
      categoryName: '打印机',
      fleet: 2,
      failures: 3,
      mttrMedianMinutes: 60,
      repeatRate: 0.33,
      partsCostFen: 3000,
      avgPurchasePriceFen: 100_000,
    });
    // C1 was retired within the period: not in the fleet at its end.
    expect(stats.procurement.find((p) => p.model === 'M920')!.fleet).toBe(1);
    expect(stats.byGroup).toEqual([
      expect.objectContaining({ name: '桌面组', tickets: 6, acceptRate: 0.5 }),
    ]);
  });
});
