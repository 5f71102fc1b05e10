import { describe, expect, it } from 'vitest';
import { isValidMobile, isValidResidentIdNumber, maskIdNumber, maskPhone } from '../../../server/domain/identity.ts';
import { addWorkingDays, isWorkingDay } from '../../../server/domain/working-days.ts';

describe('identity fields', () => {
  it('accepts resident ID numbers with a correct check digit only', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false);
    expect(isValidResidentIdNumber('11010519491231002')).toBe(false);
  });

  it('masks all but region and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('23812345678')).toBe(false);
  });
});

describe('working days', () => {
  it('skips weekends: three working days from a Friday lands on Wednesday', () => {
    const friday = new Date('2026-11-27T02:00:00.000Z');
    expect(addWorkingDays(friday, 3).toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it('skips configured holidays and counts make-up working weekends (China Standard Time dates)', () => {
    const calendar = { holidays: new Set(['2026-12-01']), workingWeekends: new Set(['2026-11-29']) };
    expect(isWorkingDay(new Date('2026-11-29T02:00:00.000Z'), calendar)).toBe(true);
    expect(addWorkingDays(new Date('2026-11-27T02:00:00.000Z'), 3, calendar).toISOString()).toBe('2026-12-02T02:00:00.000Z');
    // 23:30 UTC on Friday is already Saturday in Beijing.
    expect(isWorkingDay(new Date('2026-11-27T23:30:00.000Z'))).toBe(false);
  });
});
