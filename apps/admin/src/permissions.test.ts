import { describe, expect, it } from 'vitest';
import { holds } from './permissions';

describe('holds', () => {
  it('lets anyone signed in through where no permission is required', () => {
    expect(holds([], undefined)).toBe(true);
  });

  it('requires the exact permission the server granted', () => {
    const engineer = ['dashboard.read', 'notifications.read', 'jobs.read'];
    expect(holds(engineer, 'notifications.read')).toBe(true);
    expect(holds(engineer, 'notifications.manage')).toBe(false);
    expect(holds(engineer, 'wechat.manage')).toBe(false);
  });
});
