import { describe, expect, it } from 'vitest';
import { contactBody, contactProblems } from './contact';

describe('reporter contact form', () => {
  it('accepts a name, a mobile number and a department', () => {
    expect(contactProblems({ name: '陈静', phone: '138 1234 5678', departmentId: 'd' })).toEqual(
      [],
    );
    expect(contactBody({ name: ' 陈静 ', phone: '138-1234-5678', departmentId: 'd' })).toEqual({
      name: '陈静',
      phone: '13812345678',
      departmentId: 'd',
    });
  });

  it('names every missing or wrong field', () => {
    expect(contactProblems({ name: ' ', phone: '1234', departmentId: '' })).toEqual([
      'name',
      'phone',
      'department',
    ]);
  });
});
