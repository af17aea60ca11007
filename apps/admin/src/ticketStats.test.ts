import { describe, expect, it } from 'vitest';
import type { RateRow, TicketStats } from '@zhangyi/contracts';
import {
  defaultStatsPeriod,
  formatMinutes,
  formatRate,
  paretoSeries,
  ticketStatsQuery,
  topRates,
} from './ticketStats';

const rate = (key: string, per100: number | null, failures: number): RateRow => ({
  key,
  label: key,
  devices: 1,
  deviceMonths: 1,
  failures,
  per100DeviceMonths: per100,
  mtbfHours: null,
});

describe('ticket statistics filters', () => {
  it('opens on the last 30 days including today, across a month end', () => {
    expect(defaultStatsPeriod('2026-03-10')).toEqual({ from: '2026-02-09', to: '2026-03-10' });
  });

  it('leaves out the department and category nobody chose', () => {
    const base = { from: '2026-01-01', to: '2026-01-31', departmentId: '', categoryId: '' };
    expect(ticketStatsQuery(base)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(ticketStatsQuery({ ...base, departmentId: 'd1' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      departmentId: 'd1',
    });
  });
});

describe('formatting', () => {
  it('shows minutes with one decimal and a dash without data', () => {
    expect(formatMinutes(12)).toBe('12');
    expect(formatMinutes(12.345)).toBe('12.3');
    expect(formatMinutes(null)).toBe('—');
  });

  it('shows 0–1 rates as percentages', () => {
    expect(formatRate(0.925)).toBe('92.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('paretoSeries', () => {
  it('orders fault types by count and accumulates their share', () => {
    const series = paretoSeries([
      { name: '卡纸', count: 2 },
      { name: '无法开机', count: 5 },
      { name: '网络不通', count: 3 },
    ]);
    expect(series.names).toEqual(['无法开机', '网络不通', '卡纸']);
    expect(series.counts).toEqual([5, 3, 2]);
    expect(series.cumulative).toEqual([50, 80, 100]);
  });

  it('ends at exactly 100 when thirds do not add up', () => {
    const series = paretoSeries([
      { name: 'a', count: 1 },
      { name: 'b', count: 1 },
      { name: 'c', count: 1 },
    ]);
    expect(series.names).toEqual(['a', 'b', 'c']);
    expect(series.cumulative).toEqual([33.3, 66.7, 100]);
  });

  it('draws nothing for a period without failures', () => {
    expect(paretoSeries([])).toEqual({ names: [], counts: [], cumulative: [] });
  });
});

describe('topRates', () => {
  it('puts the highest failure rate first and rows without exposure last', () => {
    const stats = {
      byModel: [rate('a', 1.5, 1), rate('b', null, 4), rate('c', 9, 2), rate('d', 1.5, 3)],
    } as TicketStats;
    expect(topRates(stats, 'model').map((row) => row.key)).toEqual(['c', 'd', 'a', 'b']);
    expect(topRates(stats, 'model', 2).map((row) => row.key)).toEqual(['c', 'd']);
  });
});
