import { describe, expect, it } from 'vitest';
import { parseResidentId, residentIdCheckDigit } from './identity';

/** A valid resident ID number from its first 17 digits. */
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a valid number, deriving birth date and sex, and an X check digit in either case', () => {
    expect(parseResidentId('11010519491231002X', '2026-11-25')).toEqual({
      number: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(parseResidentId('11010519491231002x', '2026-11-25')).toMatchObject({
      number: '11010519491231002X',
    });
  });

  it('names the reason of a bad number', () => {
    expect(parseResidentId('110105194912310021', '2026-11-25')).toEqual({
      field: 'idNumber',
      reason: 'id_check_digit',
    });
    expect(parseResidentId(residentId('11010519490231002'), '2026-11-25')).toMatchObject({
      reason: 'id_birth_date',
    });
    expect(parseResidentId(residentId('11010520300101002'), '2026-11-25')).toMatchObject({
      reason: 'id_birth_date',
    });
    expect(parseResidentId('1101051949123100', '2026-11-25')).toMatchObject({
      reason: 'id_format',
    });
    expect(parseResidentId(residentId('01010519491231002'), '2026-11-25')).toMatchObject({
      reason: 'id_region',
    });
  });
});
