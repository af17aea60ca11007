import { describe, expect, it } from 'vitest';
import type { EngineerGroup } from './api/tickets';
import {
  faultTypeBody,
  faultTypeToForm,
  groupBody,
  groupToForm,
  rulesBody,
  shiftBody,
} from './ticketSettingsForms';

describe('fault type form', () => {
  it('starts a child under its parent, enabled, normal urgency', () => {
    expect(faultTypeToForm(null, 'p1')).toEqual({
      parentId: 'p1',
      name: '',
      categoryId: '',
      defaultUrgency: 'normal',
      sortOrder: 0,
      enabled: true,
    });
  });

  it('sends a trimmed name with empty choices as null', () => {
    const form = { ...faultTypeToForm(null), name: ' 不开机 ' };
    expect(faultTypeBody(form)).toEqual({
      parentId: null,
      name: '不开机',
      categoryId: null,
      defaultUrgency: 'normal',
      sortOrder: 0,
      enabled: true,
    });
  });

  it('refuses a blank name', () => {
    expect(faultTypeBody({ ...faultTypeToForm(null), name: '  ' })).toBeNull();
  });
});

describe('rulesBody', () => {
  const rules = [
    { categoryId: 'c1', departmentId: null, groupId: 'g1' },
    { categoryId: null, departmentId: 'd1', groupId: 'g2' },
  ];

  it('appends a new rule after the others, with "any" as null', () => {
    const body = rulesBody(rules, -1, { categoryId: '', departmentId: 'd2', groupId: 'g3' });
    expect(body.rules).toHaveLength(3);
    expect(body.rules[2]).toEqual({ categoryId: null, departmentId: 'd2', groupId: 'g3' });
  });

  it('changes a rule in place, keeping the order', () => {
    const body = rulesBody(rules, 0, { categoryId: 'c9', departmentId: '', groupId: 'g1' });
    expect(body.rules.map((r) => r.categoryId)).toEqual(['c9', null]);
  });

  it('leaves a deleted rule out', () => {
    expect(rulesBody(rules, 0, null).rules).toEqual([
      { categoryId: null, departmentId: 'd1', groupId: 'g2' },
    ]);
  });
});

describe('group form', () => {
  it('round-trips members and leads', () => {
    const group = {
      id: 'g1',
      name: '医工一组',
      members: [
        { accountId: 'a1', displayName: '甲', isLead: true, wechatBound: true, onDuty: false },
        { accountId: 'a2', displayName: '乙', isLead: false, wechatBound: true, onDuty: false },
      ],
    } as EngineerGroup;
    expect(groupBody(groupToForm(group))).toEqual({
      name: '医工一组',
      members: [
        { accountId: 'a1', isLead: true },
        { accountId: 'a2', isLead: false },
      ],
    });
  });

  it('drops a lead who is no longer a member and refuses a blank name', () => {
    expect(groupBody({ name: 'G', memberIds: ['a2'], leadIds: ['a1'] })?.members).toEqual([
      { accountId: 'a2', isLead: false },
    ]);
    expect(groupBody({ name: ' ', memberIds: [], leadIds: [] })).toBeNull();
  });
});

describe('shiftBody', () => {
  const form = {
    groupId: 'g1',
    accountId: 'a1',
    startsAt: '2026-11-26T08:00:00+08:00',
    endsAt: '2026-11-26T20:00:00+08:00',
  };

  it('sends the times as UTC instants', () => {
    expect(shiftBody(form)).toEqual({
      groupId: 'g1',
      accountId: 'a1',
      startsAt: '2026-11-26T00:00:00.000Z',
      endsAt: '2026-11-26T12:00:00.000Z',
    });
  });

  it('refuses a shift that does not end after it starts, or without an engineer', () => {
    expect(shiftBody({ ...form, endsAt: form.startsAt })).toBeNull();
    expect(shiftBody({ ...form, accountId: '' })).toBeNull();
  });
});
