import { describe, expect, it } from 'vitest';
import type { LendingCategory, PoolDevice } from '@zhangyi/contracts';
import type { Device, EquipmentCategory } from './api/equipment';
import {
  addableCategories,
  addableDevices,
  draftCategory,
  upsert,
  categoryBody,
  categoryToForm,
  factsToForm,
  isPastDue,
  poolDeviceBody,
  poolQuery,
} from './lendingPool';

describe('poolQuery', () => {
  it('leaves out empty choices and trims the search', () => {
    expect(poolQuery({ categoryId: '', readiness: '', q: '  ' })).toEqual({});
    expect(poolQuery({ categoryId: 'c1', readiness: 'blocked', q: ' JY-01 ' })).toEqual({
      categoryId: 'c1',
      readiness: 'blocked',
      q: 'JY-01',
    });
  });
});

describe('isPastDue', () => {
  it('counts the due day itself as fine and the day after as missed', () => {
    expect(isPastDue('2026-11-26', '2026-11-26')).toBe(false);
    expect(isPastDue('2026-11-25', '2026-11-26')).toBe(true);
    expect(isPastDue(null, '2026-11-26')).toBe(false);
  });
});

describe('pool facts', () => {
  const device = {
    condition: 'ok',
    pmDueOn: '2026-12-01',
    calibrationDueOn: null,
    recallHold: false,
    recallNote: null,
  } as PoolDevice;

  it('round-trips the facts, with empty dates as null', () => {
    expect(poolDeviceBody(factsToForm(device))).toEqual({
      condition: 'ok',
      pmDueOn: '2026-12-01',
      calibrationDueOn: null,
      recallHold: false,
      recallNote: null,
    });
  });

  it('keeps a recall note only while the device is held', () => {
    const form = { ...factsToForm(device), recallNote: ' batch 7 ' };
    expect(poolDeviceBody(form).recallNote).toBeNull();
    expect(poolDeviceBody({ ...form, recallHold: true }).recallNote).toBe('batch 7');
  });
});

describe('category settings', () => {
  const category = {
    lifeSupport: true,
    billingUnit: 'hour',
    rateFen: 1000,
    minimumFen: 3000,
  } as LendingCategory;

  it('shows fen as yuan and reads yuan back as integer fen', () => {
    const form = categoryToForm(category);
    expect(form).toMatchObject({ rate: '10.00', minimum: '30.00' });
    expect(categoryBody({ ...form, rate: '1.13', minimum: '30' })).toEqual({
      lifeSupport: true,
      billingUnit: 'hour',
      rateFen: 113,
      minimumFen: 3000,
    });
  });

  it('refuses an amount that is not yuan with two decimals or is beyond the bound', () => {
    const form = categoryToForm(category);
    expect(categoryBody({ ...form, rate: '1.005' })).toBeNull();
    expect(categoryBody({ ...form, minimum: '' })).toBeNull();
    expect(categoryBody({ ...form, minimum: '100000.01' })).toBeNull();
  });
});

describe('joining the pool', () => {
  const registry = [
    { id: 'd1', status: 'in_use' },
    { id: 'd2', status: 'idle' },
    { id: 'd3', status: 'retired' },
  ] as Device[];

  it('offers registry devices neither in the pool nor retired', () => {
    const pool = [{ deviceId: 'd1' }] as PoolDevice[];
    expect(addableDevices(registry, pool).map((d) => d.id)).toEqual(['d2']);
  });

  it('offers only categories that are not lendable yet, in tree order', () => {
    const tree = [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }] as EquipmentCategory[];
    const lendable = [{ categoryId: 'c2' }] as LendingCategory[];
    expect(addableCategories(tree, lendable).map((c) => c.id)).toEqual(['c1', 'c3']);
  });

  it('drafts a new lending category free of charge, billed by the hour, not life support', () => {
    const draft = draftCategory({
      id: 'c1',
      name: '输液泵',
      path: '治疗设备 / 输液泵',
    } as EquipmentCategory);
    expect(draft).toEqual({
      categoryId: 'c1',
      name: '输液泵',
      path: '治疗设备 / 输液泵',
      lifeSupport: false,
      billingUnit: 'hour',
      rateFen: 0,
      minimumFen: 0,
      devices: 0,
    });
  });
});

describe('upsert', () => {
  it('replaces a saved item in place and appends a new one', () => {
    const list = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(upsert(list, { id: 'a', v: 2 }, (x) => x.id === 'a')).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
    expect(upsert(list, { id: 'c', v: 1 }, (x) => x.id === 'c')).toHaveLength(3);
  });
});
