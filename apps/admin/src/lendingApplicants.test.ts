import { describe, expect, it } from 'vitest';
import type { LendingApplicant } from './api/lending';
import { settingsBody, sortApplicants } from './lendingApplicants';

function applicant(name: string, departmentName: string): LendingApplicant {
  return {
    accountId: name,
    username: name,
    name,
    departmentId: departmentName,
    departmentName,
    wechatBound: false,
  };
}

describe('sortApplicants', () => {
  it('lists applicants by department, then by name, leaving the input alone', () => {
    const input = [applicant('b', 'ICU'), applicant('a', 'ICU'), applicant('c', 'ED')];
    expect(sortApplicants(input).map((a) => a.name)).toEqual(['c', 'a', 'b']);
    expect(input[0]?.name).toBe('b');
  });
});

describe('settingsBody', () => {
  it('sends whole numbers within the bounds', () => {
    expect(settingsBody({ emergencyConfirmHours: 24, fleetWaitTargetPct: 5 })).toEqual({
      emergencyConfirmHours: 24,
      fleetWaitTargetPct: 5,
    });
  });

  it('refuses an emptied field', () => {
    expect(settingsBody({ emergencyConfirmHours: undefined, fleetWaitTargetPct: 5 })).toBeNull();
  });

  it('refuses a window over a week and a target over half', () => {
    expect(settingsBody({ emergencyConfirmHours: 169, fleetWaitTargetPct: 5 })).toBeNull();
    expect(settingsBody({ emergencyConfirmHours: 24, fleetWaitTargetPct: 51 })).toBeNull();
    expect(settingsBody({ emergencyConfirmHours: 1.5, fleetWaitTargetPct: 5 })).toBeNull();
  });
});
