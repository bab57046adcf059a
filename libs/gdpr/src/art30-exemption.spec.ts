import { art30Exemption, type Art30ExemptionInput } from './index.js';

const SMALL_OCCASIONAL: Art30ExemptionInput = {
  staffCount: 12,
  likelyRisk: false,
  occasional: true,
  special: false,
  criminal: false,
};

describe('art30Exemption (Art. 30(5))', () => {
  it('exempts small organisations for occasional, low-risk processing without special or criminal data', () => {
    expect(art30Exemption(SMALL_OCCASIONAL)).toEqual({ exempt: true, triggers: [] });
  });

  it.each([
    [{ staffCount: 250 }, 'STAFF_AT_OR_ABOVE_THRESHOLD'],
    [{ staffCount: null }, 'STAFF_UNKNOWN'],
    [{ likelyRisk: true }, 'LIKELY_RISK'],
    [{ likelyRisk: null }, 'LIKELY_RISK'],
    [{ occasional: false }, 'NOT_OCCASIONAL'],
    [{ occasional: undefined }, 'NOT_OCCASIONAL'],
    [{ special: true }, 'SPECIAL_CATEGORIES'],
    [{ criminal: true }, 'CRIMINAL_DATA'],
  ] as const)('any one condition keeps the record required: %o', (patch, trigger) => {
    expect(art30Exemption({ ...SMALL_OCCASIONAL, ...patch })).toEqual({ exempt: false, triggers: [trigger] });
  });

  it('takes the staff threshold as a parameter (default 250)', () => {
    expect(art30Exemption({ ...SMALL_OCCASIONAL, staffCount: 249 }).exempt).toBe(true);
    expect(art30Exemption({ ...SMALL_OCCASIONAL, staffCount: 600 }, 750).exempt).toBe(true);
    expect(art30Exemption({ ...SMALL_OCCASIONAL, staffCount: 12 }, 10).exempt).toBe(false);
  });
});
