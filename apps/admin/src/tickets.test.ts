import { describe, expect, it } from 'vitest';
import { actionBody, partsTotalFen, ticketListQuery, type ActionForm } from './tickets';

const emptyForm = (): ActionForm => ({
  note: '',
  assigneeId: '',
  waitReason: '',
  resolution: '',
  mergeIntoId: '',
  parts: [],
});

describe('ticketListQuery', () => {
  it('sends only the filters that were set, the search trimmed', () => {
    expect(
      ticketListQuery({
        status: 'open',
        departmentId: '',
        urgency: '',
        faultTypeId: '',
        categoryId: '',
        from: '2026-11-01',
        to: '',
        q: '  PRN-001 ',
        overdue: false,
      }),
    ).toEqual({ status: 'open', from: '2026-11-01', q: 'PRN-001' });
  });

  it('asks for overdue tickets only when ticked', () => {
    const query = ticketListQuery({
      status: '',
      departmentId: 'd1',
      urgency: '',
      faultTypeId: '',
      categoryId: '',
      from: '',
      to: '',
      q: '',
      overdue: true,
    });
    expect(query).toEqual({ departmentId: 'd1', overdue: true });
  });

  it('sends the urgency, fault type and device category when chosen', () => {
    const query = ticketListQuery({
      status: '',
      departmentId: '',
      urgency: 'critical',
      faultTypeId: 'f1',
      categoryId: 'c1',
      from: '',
      to: '',
      q: '',
      overdue: false,
    });
    expect(query).toEqual({ urgency: 'critical', faultTypeId: 'f1', categoryId: 'c1' });
  });
});

describe('actionBody', () => {
  it('assigns with the chosen engineer and leaves out an empty note', () => {
    expect(actionBody('assign', { ...emptyForm(), assigneeId: 'a1', resolution: 'x' })).toEqual({
      action: 'assign',
      assigneeId: 'a1',
    });
  });

  it('rejects with the reason as the note', () => {
    expect(actionBody('reject', { ...emptyForm(), note: ' 非本科室设备 ' })).toEqual({
      action: 'reject',
      note: '非本科室设备',
    });
  });

  it('resolves with the parts used, costs in fen, unnamed rows dropped', () => {
    const body = actionBody('resolve', {
      ...emptyForm(),
      resolution: '更换硒鼓',
      parts: [
        { name: '硒鼓', quantity: 2, unitCost: '1.13' },
        { name: '', quantity: 1, unitCost: '9' },
        { name: '螺丝', quantity: 4, unitCost: '' },
      ],
    });
    expect(body).toEqual({
      action: 'resolve',
      resolution: '更换硒鼓',
      parts: [
        { name: '硒鼓', quantity: 2, unitCostFen: 113 },
        { name: '螺丝', quantity: 4, unitCostFen: 0 },
      ],
    });
  });

  it('refuses a part cost that is not an amount', () => {
    const form = { ...emptyForm(), parts: [{ name: '硒鼓', quantity: 1, unitCost: '1.005' }] };
    expect(actionBody('note', form)).toBeNull();
  });

  it('merges into the chosen ticket', () => {
    expect(actionBody('merge', { ...emptyForm(), mergeIntoId: 't2' })).toEqual({
      action: 'merge',
      mergeIntoId: 't2',
    });
  });
});

describe('partsTotalFen', () => {
  it('adds quantity times unit cost', () => {
    expect(
      partsTotalFen([
        { quantity: 2, unitCostFen: 113 },
        { quantity: 1, unitCostFen: 5000 },
      ]),
    ).toBe(5226);
  });
});
