import type { EventPayload } from '../outbox/event-payload.js';

type Subject = EventPayload['change']['subject'];

/** A change event as the outbox stores it, for the notice specs; the subject's fields can be varied. */
export function noticePayload(
  type: EventPayload['type'] = 'subprocessor_change.announced',
  subject: Partial<Subject> = {},
): EventPayload {
  const locations = subject.processingLocations ?? ['IE', 'US'];
  return {
    schemaVersion: 1,
    type,
    id: 'e1',
    occurredAt: '2026-11-22T10:00:00.000Z',
    tenant: { slug: 'cradeq', name: 'Cradeq' },
    change: {
      id: 'c1',
      kind: 'changed',
      status: 'announced',
      announcedAt: '2026-11-22T10:00:00.000Z',
      effectiveAt: '2026-12-22T10:00:00.000Z',
      objectionDeadline: '2026-12-15T10:00:00.000Z',
      noticePeriodDays: 30,
      urgentReason: null,
      note: null,
      engagementId: 'g1',
      replacedEngagementId: null,
      productIds: [],
      subject: {
        vendorName: 'Mailwave <Inc>',
        vendorCountry: 'US',
        purpose: 'Transactional email',
        accessLocations: [],
        transferMechanism: 'SCC_MODULE_3',
        dataCategoryCodes: ['DC_EMAIL'],
        productNames: ['Cradeq LMS'],
        ...subject,
        processingLocations: locations,
      },
      diff: [{ field: 'processingLocations', before: ['IE'], after: locations }],
    },
    links: { subprocessorPage: 'x', feed: 'y' },
  };
}
