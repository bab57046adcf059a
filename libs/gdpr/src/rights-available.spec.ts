import { rightsAvailable } from './index.js';

describe('rightsAvailable (reference §2 rule 9)', () => {
  it('consent: portability and withdrawal, no objection', () => {
    const rights = rightsAvailable({ legalBasis: 'ART6_1_A' });
    expect(rights).toEqual(expect.arrayContaining(['RIGHT_PORTABILITY', 'RIGHT_WITHDRAW_CONSENT', 'RIGHT_ERASURE']));
    expect(rights).not.toContain('RIGHT_OBJECT');
  });

  it('contract: portability only when processing is automated', () => {
    expect(rightsAvailable({ legalBasis: 'ART6_1_B' })).toContain('RIGHT_PORTABILITY');
    expect(rightsAvailable({ legalBasis: 'ART6_1_B', automatedProcessing: false })).not.toContain('RIGHT_PORTABILITY');
  });

  it('public task and legitimate interests: objection (Art. 21(1)), no portability', () => {
    for (const legalBasis of ['ART6_1_E', 'ART6_1_F'] as const) {
      const rights = rightsAvailable({ legalBasis });
      expect(rights).toContain('RIGHT_OBJECT');
      expect(rights).not.toContain('RIGHT_PORTABILITY');
    }
  });

  it('legal obligation and public task: no erasure (Art. 17(3)(b))', () => {
    expect(rightsAvailable({ legalBasis: 'ART6_1_C' })).toEqual([
      'RIGHT_ACCESS',
      'RIGHT_RECTIFICATION',
      'RIGHT_RESTRICTION',
    ]);
    expect(rightsAvailable({ legalBasis: 'ART6_1_E' })).not.toContain('RIGHT_ERASURE');
    expect(rightsAvailable({ legalBasis: 'ART6_1_D' })).toContain('RIGHT_ERASURE');
  });

  it('direct marketing and automated decisions add their rights whatever the basis', () => {
    const rights = rightsAvailable({ legalBasis: 'ART6_1_B', directMarketing: true, automatedDecision: true });
    expect(rights).toEqual(expect.arrayContaining(['RIGHT_OBJECT_DIRECT_MARKETING', 'RIGHT_HUMAN_INTERVENTION']));
  });
});
