import { AppError } from '#core';
import { changeTiming } from './change-timing.js';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('changeTiming', () => {
  it("takes effect after the tenant's notice period, with objections open until then", () => {
    expect(changeTiming(NOW, 30, {})).toEqual({
      noticePeriodDays: 30,
      effectiveAt: new Date('2026-12-22T10:00:00Z'),
      objectionDeadline: new Date('2026-12-22T10:00:00Z'),
    });
  });

  it('lets a change set its own notice period or a later effective date, never an earlier one', () => {
    expect(changeTiming(NOW, 30, { noticePeriodDays: 14 }).effectiveAt).toEqual(new Date('2026-12-06T10:00:00Z'));
    const later = new Date('2027-01-15T00:00:00Z');
    expect(changeTiming(NOW, 30, { effectiveAt: later })).toMatchObject({
      effectiveAt: later,
      objectionDeadline: later,
    });
    const early = () => changeTiming(NOW, 30, { effectiveAt: new Date('2026-12-01T00:00:00Z') });
    expect(early).toThrow(AppError);
    expect(early).toThrow(/2026-12-22/);
  });

  it('makes an urgent change effective at once and keeps objections open for the notice period', () => {
    expect(changeTiming(NOW, 30, { urgentReason: 'Vendor went bankrupt' })).toEqual({
      noticePeriodDays: 30,
      effectiveAt: NOW,
      objectionDeadline: new Date('2026-12-22T10:00:00Z'),
    });
    expect(() => changeTiming(NOW, 30, { urgentReason: 'x', effectiveAt: new Date('2027-01-01') })).toThrow(AppError);
  });
});
