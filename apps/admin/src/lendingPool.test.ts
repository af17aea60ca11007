import { describe, expect, it } from 'vitest';
import type { LendingCategory, PoolDevice } from '@zhangyi/contracts';
import {
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
