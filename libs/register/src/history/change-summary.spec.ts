import { fieldDiff, summarise } from './change-summary.js';

describe('change summaries', () => {
  it('reads a subprocessor party and an engagement as a subprocessor', () => {
    expect(
      summarise({
        entityType: 'parties',
        op: 'insert',
        before: null,
        after: { name: 'Google Workspace', roles: ['subprocessor'] },
      }),
    ).toEqual({ nl: 'Subverwerker Google Workspace toegevoegd', en: 'Subprocessor Google Workspace added' });
    const vendors = new Map([['v1', 'Mailgun']]);
    expect(
      summarise(
        { entityType: 'engagements', op: 'delete', before: { vendor_id: 'v1', purpose: 'x' }, after: null },
        vendors,
      ),
    ).toEqual({ nl: 'Subverwerker Mailgun verwijderd', en: 'Subprocessor Mailgun removed' });
    expect(
      summarise(
        {
          entityType: 'engagements',
          op: 'update',
          before: { vendor_id: 'v1', status: 'active' },
          after: { vendor_id: 'v1', status: 'ended', ended_on: '2026-01-01' },
        },
        vendors,
      ).nl,
    ).toBe('Subverwerker Mailgun beëindigd');
  });

  it('lists the changed fields of an update in words, once each, in form order, ignoring timestamps', () => {
    const before = { name: 'X', retention: [], recipients: [{ id: 'a' }], tom_codes: [], updated_at: '1' };
    const after = {
      name: 'X',
      retention: [{ duration: 'P1Y' }],
      recipients: [{ id: 'b' }],
      tom_codes: ['TOM_ENCRYPTION'],
      security_description: 'TLS',
      updated_at: '2',
    };
    expect(summarise({ entityType: 'activities', op: 'update', before, after })).toEqual({
      nl: 'Activiteit X: ontvangers, bewaartermijn, beveiligingsmaatregelen gewijzigd',
      en: 'Activity X: recipients, retention, security measures changed',
    });
    expect(fieldDiff('activities', before, after).map((d) => d.field)).toEqual([
      'recipients',
      'retention',
      'tomCodes',
      'securityDescription',
    ]);
  });

  it('mentions a rename and compares JSON regardless of key order', () => {
    expect(
      summarise({ entityType: 'products', op: 'update', before: { name: 'Core' }, after: { name: 'Cradeq Core' } }).en,
    ).toBe('Product Cradeq Core (was Core): name changed');
    expect(fieldDiff('parties', { certifications: [{ a: 1, b: 2 }] }, { certifications: [{ b: 2, a: 1 }] })).toEqual(
      [],
    );
  });

  it('names custom data categories by their label in each language', () => {
    expect(
      summarise({
        entityType: 'data_categories',
        op: 'insert',
        before: null,
        after: { code: 'X_GRADES', label_nl: 'Cijfers', label_en: 'Grades' },
      }),
    ).toEqual({ nl: 'Gegevenscategorie Cijfers toegevoegd', en: 'Data category Grades added' });
  });
});
