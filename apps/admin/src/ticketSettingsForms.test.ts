import { describe, expect, it } from 'vitest';
import { faultTypeBody, faultTypeToForm, rulesBody } from './ticketSettingsForms';

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
