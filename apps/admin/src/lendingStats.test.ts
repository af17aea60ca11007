import { describe, expect, it } from 'vitest';
import type { CategoryStats } from '@zhangyi/contracts';
import { fleetGap, lendingStatsQuery, stockOutEntries, utilisationEntries } from './lendingStats';

function category(name: string, overrides: Partial<CategoryStats> = {}): CategoryStats {
  return {
    categoryId: name,
    name,
    devices: 4,
    utilisation: null,
    stockOutMinutes: 0,
    fleet: {
      arrivalsPerHour: 0,
      meanLoanHours: null,
      offeredLoad: null,
      waitProbability: null,
      recommended: null,
      targetPct: 5,
    },
    ...overrides,
  } as CategoryStats;
}

describe('lendingStatsQuery', () => {
  it('falls back to the last 30 days when the range was emptied', () => {
    expect(
      lendingStatsQuery({ from: '', to: '', categoryId: '', waitTargetPct: null }, '2026-11-26'),
    ).toEqual({ from: '2026-10-28', to: '2026-11-26' });
  });

  it('sends the category and a target between 1 and 50 percent only', () => {
    const filters = { from: '2026-11-01', to: '2026-11-26', categoryId: 'c1', waitTargetPct: 10 };
    expect(lendingStatsQuery(filters, '2026-11-26')).toEqual({
      from: '2026-11-01',
      to: '2026-11-26',
      categoryId: 'c1',
      waitTargetPct: 10,
    });
    expect(lendingStatsQuery({ ...filters, waitTargetPct: 80 }, '2026-11-26')).not.toHaveProperty(
      'waitTargetPct',
    );
  });
});

describe('chart series', () => {
  it('shows utilisation as percent, busiest first, categories without pool time last', () => {
    const rows = [
      category('Pump', { utilisation: 0.2 }),
      category('Monitor', { utilisation: null }),
      category('Ventilator', { utilisation: 0.3845 }),
    ];
    expect(utilisationEntries(rows)).toEqual([
      { label: 'Ventilator', value: 38.5 },
      { label: 'Pump', value: 20 },
      { label: 'Monitor', value: null },
    ]);
  });

  it('shows stock-out minutes as hours and leaves out categories that never ran out', () => {
    const rows = [
      category('Pump', { stockOutMinutes: 30 }),
      category('Monitor'),
      category('Ventilator', { stockOutMinutes: 185 }),
    ];
    expect(stockOutEntries(rows)).toEqual([
      { label: 'Ventilator', value: 3.1 },
      { label: 'Pump', value: 0.5 },
    ]);
  });
});

describe('fleetGap', () => {
  it('says how many devices the recommendation adds or frees', () => {
    const base = category('Ventilator');
    expect(fleetGap({ ...base, fleet: { ...base.fleet, recommended: 6 } })).toBe(2);
    expect(fleetGap({ ...base, fleet: { ...base.fleet, recommended: 3 } })).toBe(-1);
    expect(fleetGap(base)).toBeNull();
  });
});
