import { describe, expect, it } from 'vitest';
import type { LoanDetail, Override, PoolDevice } from '@zhangyi/contracts';
import {
  awaitingGrant,
  consoleActions,
  grantedOverride,
  overrideChoices,
  devicesOut,
  devicesToDisinfect,
  handoverChoices,
  loanListQuery,
  type LoanListFilters,
} from './lendingLoans';

const noFilters: LoanListFilters = {
  status: '',
  departmentId: '',
  categoryId: '',
  from: '',
  to: '',
  overdue: false,
  awaitingConfirmation: false,
};

function line(deviceId: string, returnedAt: string | null, disinfectedAt: string | null = null) {
  return {
    deviceId,
    assetNo: `A-${deviceId}`,
    name: 'Monitor',
    handedOverAt: '2026-11-25T08:00:00Z',
    handedOverBy: 'Wang',
    returnedAt,
    returnedBy: returnedAt ? 'Wang' : null,
    returnCondition: returnedAt ? ('ok' as const) : null,
    returnNote: null,
    ticketNo: null,
    disinfectedAt,
    minutes: 60,
    units: 1,
    chargeFen: 3000,
    overridden: false,
  };
}

function loan(overrides: Partial<LoanDetail> = {}): LoanDetail {
  return {
    id: 'l1',
    categoryId: 'c1',
    requestedDevice: null,
    devices: [],
    ...overrides,
  } as LoanDetail;
}

function device(deviceId: string, overrides: Partial<PoolDevice> = {}): PoolDevice {
  return { deviceId, categoryId: 'c1', readiness: 'available', ...overrides } as PoolDevice;
}

describe('loanListQuery', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(loanListQuery(noFilters)).toEqual({});
  });

  it('turns the open choice into the open scope and keeps the other choices', () => {
    expect(
      loanListQuery({
        status: 'open',
        departmentId: 'd1',
        categoryId: 'c1',
        from: '2026-11-01',
        to: '2026-11-30',
        overdue: true,
        awaitingConfirmation: true,
      }),
    ).toEqual({
      scope: 'open',
      departmentId: 'd1',
      categoryId: 'c1',
      from: '2026-11-01',
      to: '2026-11-30',
      overdue: true,
      awaitingConfirmation: true,
    });
  });

  it('sends a single status as the status', () => {
    expect(loanListQuery({ ...noFilters, status: 'requested' })).toEqual({ status: 'requested' });
  });
});

describe('consoleActions', () => {
  it('drops the return request, which is the applicant’s, and orders the rest', () => {
    expect(consoleActions(['cancel', 'request_return', 'approve', 'reject'])).toEqual([
      'approve',
      'reject',
      'cancel',
    ]);
  });
});

describe('device lines', () => {
  const detail = loan({
    devices: [
      line('d1', null),
      line('d2', '2026-11-25T10:00:00Z'),
      line('d3', '2026-11-25T10:00:00Z', '2026-11-25T11:00:00Z'),
    ],
  });

  it('takes back only devices still out', () => {
    expect(devicesOut(detail).map((d) => d.deviceId)).toEqual(['d1']);
  });

  it('disinfects only returned devices not yet clean', () => {
    expect(devicesToDisinfect(detail).map((d) => d.deviceId)).toEqual(['d2']);
  });
});

describe('handoverChoices', () => {
  it('offers ready devices of the category not already on the loan', () => {
    const pool = [
      device('d1'),
      device('d2', { readiness: 'blocked' }),
      device('d3', { categoryId: 'c2' }),
      device('d4'),
    ];
    const detail = loan({ devices: [line('d4', null)] });
    expect(handoverChoices(detail, pool).map((d) => d.deviceId)).toEqual(['d1']);
  });

  it('offers only the device asked for when one was named', () => {
    const detail = loan({ requestedDevice: { id: 'd2', assetNo: 'A-d2' } });
    expect(handoverChoices(detail, [device('d1'), device('d2')]).map((d) => d.deviceId)).toEqual([
      'd2',
    ]);
  });
});

describe('awaitingGrant', () => {
  it('keeps pending overrides, oldest request first', () => {
    const override = (id: string, status: Override['status'], requestedAt: string) =>
      ({ id, status, requestedAt }) as Override;
    const list = [
      override('o1', 'pending', '2026-11-26T03:00:00Z'),
      override('o2', 'granted', '2026-11-26T01:00:00Z'),
      override('o3', 'pending', '2026-11-26T02:00:00Z'),
    ];
    expect(awaitingGrant(list).map((o) => o.id)).toEqual(['o3', 'o1']);
  });
});

describe('overrideChoices', () => {
  it('offers blocked devices whose every blocker an override covers', () => {
    const pool = [
      device('d1', { readiness: 'blocked', blockers: ['pm_overdue', 'awaiting_disinfection'] }),
      device('d2', { readiness: 'blocked', blockers: ['scrapped'] }),
      device('d3', { readiness: 'blocked', blockers: ['faulty', 'retired'] }),
      device('d4', { readiness: 'available', blockers: [] }),
    ];
    expect(overrideChoices(loan(), pool).map((d) => d.deviceId)).toEqual(['d1']);
  });
});

describe('grantedOverride', () => {
  it('finds only a granted override of this loan and device', () => {
    const list = [
      { id: 'o1', status: 'pending', loanId: 'l1', deviceId: 'd1' },
      { id: 'o2', status: 'granted', loanId: 'l2', deviceId: 'd1' },
      { id: 'o3', status: 'granted', loanId: 'l1', deviceId: 'd1' },
    ] as Override[];
    expect(grantedOverride(list, 'l1', 'd1')?.id).toBe('o3');
    expect(grantedOverride(list, 'l1', 'd2')).toBeUndefined();
  });
});
