import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkResidentId,
  isMobileNumber,
  localToday,
  residentIdCheckDigit,
} from './identity';

const TODAY = '2026-11-26';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check digit of the standard example and of an X number', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('11010519800312003')).toBe('2');
  });

  it('accepts a valid number and derives birth date and sex', () => {
    expect(checkResidentId('110105198003120032', TODAY)).toEqual({
      ok: true,
      number: '110105198003120032',
      birthDate: '1980-03-12',
      sex: 'male',
    });
  });

  it('accepts a lower-case x and normalises it', () => {
    expect(checkResidentId('11010519491231002x', TODAY)).toEqual({
      ok: true,
      number: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('refuses a wrong check digit', () => {
    expect(checkResidentId('110105198003120033', TODAY)).toEqual({
      ok: false,
      problem: 'check_digit',
    });
  });

  it('refuses a birth date that does not exist or lies in the future', () => {
    const feb30 = '11010519800230001';
    expect(checkResidentId(feb30 + residentIdCheckDigit(feb30), TODAY)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
    const future = '11010520300101001';
    expect(checkResidentId(future + residentIdCheckDigit(future), TODAY)).toEqual({
      ok: false,
      problem: 'birth_date',
    });
  });

  it('refuses incomplete numbers, letters and a zero region code', () => {
    for (const bad of ['11010519800312003', '1101051980031200AB', '010105198003120032']) {
      expect(checkResidentId(bad, TODAY)).toEqual({ ok: false, problem: 'format' });
    }
  });
});

describe('ages and dates', () => {
  it('counts a birthday only once it has come', () => {
    expect(ageOn('2012-11-27', TODAY)).toBe(13);
    expect(ageOn('2012-11-26', TODAY)).toBe(14);
  });

  it("formats the phone's local date", () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('recognises mainland mobile numbers', () => {
    expect(isMobileNumber('13800138000')).toBe(true);
    expect(isMobileNumber('138 0013 8000')).toBe(true);
    expect(isMobileNumber('12800138000')).toBe(false);
    expect(isMobileNumber('1380013800')).toBe(false);
  });
});
