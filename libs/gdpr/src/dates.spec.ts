import { addDays, isIsoDate } from './dates.js';

describe('ISO dates', () => {
  it('accepts real calendar days only, also right after a valid day was remembered', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-28 ')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate(20260228)).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
