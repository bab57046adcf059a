import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EventPayload } from '../outbox/event-payload.js';
import { renderNotice } from './email-notice.js';
import { type NoticeCopy, NoticeMessage } from './notice-message.js';
import { noticePayload } from './notice-payload.fixture.js';

const payload = (
  vendorName = 'Mailwave <Inc> & Söhne $& $1',
  type: EventPayload['type'] = 'subprocessor_change.announced',
): EventPayload =>
  noticePayload(type, {
    vendorName,
    vendorCountry: 'SI',
    purpose: 'Transactional email for every learner of every course, with a purpose long enough to wrap',
    processingLocations: ['IE', 'US', 'SI'],
  });

const page = 'https://art30.test/t/cradeq/subprocessors';
const from = 'art30 Notices <no-reply@art30.test>';
const copy = (n: number): NoticeCopy => ({
  to: `subscriber-${n}@example.test`,
  messageId: `<delivery-${n}@art30.test>`,
  deliveryId: `delivery-${n}`,
  unsubscribe: `https://art30.test/t/cradeq/unsubscribe?token=u${n}.sig-${n}_x`,
  objection: `https://art30.test/t/cradeq/object?token=o${n}.sig-${n}_y`,
  date: new Date('2026-11-22T10:00:00Z'),
});

describe('notice message (rendered once, filled per subscriber)', () => {
  it('fills in exactly what renderNotice renders, for any register text and links', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.constantFrom<'en' | 'nl'>('en', 'nl'),
        fc.constantFrom<EventPayload['type']>('subprocessor_change.announced', 'subprocessor_change.withdrawn'),
        fc.webUrl(),
        fc.webUrl(),
        (vendor, lang, type, unsubscribe, objection) => {
          const p = payload(vendor, type);
          const expected = renderNotice(p, lang, { page, unsubscribe, objection });
          expect(new NoticeMessage(p, lang, page, from).notice({ unsubscribe, objection })).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('encodes headers and bodies as nodemailer does, every body line within 76 characters', async () => {
    for (const [lang, to] of [
      ['en', 'subscriber@bücher.example'],
      ['nl', 'subscriber+fan-out@example.test'],
      ['en', 'Ünïcøde Person <person@example.test>'],
    ] as const) {
      const c = { ...copy(1), to };
      const message = new NoticeMessage(payload(), lang, page, from);
      const ours = parseStrictly(message.mime(c));
      const notice = renderNotice(payload(), lang, { page, unsubscribe: c.unsubscribe, objection: c.objection });
      const reference = parseStrictly(
        (
          await new MailComposer({
            from,
            to: c.to,
            subject: notice.subject,
            text: notice.text,
            html: notice.html,
            messageId: c.messageId,
            date: c.date,
            headers: {
              'List-Unsubscribe': `<${c.unsubscribe}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              'X-Art30-Delivery-Id': c.deliveryId,
            },
          })
            .compile()
            .build()
        )
          .toString()
          .replace(/\r?\n/g, '\r\n'), // the transport, not the composer, makes line ends CRLF
      );
      for (const name of [
        'from',
        'to',
        'subject',
        'message-id',
        'date',
        'mime-version',
        'list-unsubscribe',
        'list-unsubscribe-post',
        'x-art30-delivery-id',
      ])
        expect([name, ours.headers[name]]).toEqual([name, reference.headers[name]]);
      if (to.includes('bücher')) expect(ours.headers.to).toBe('subscriber@xn--bcher-kva.example');
      expect(ours.text).toBe(notice.text.replace(/\n/g, '\r\n'));
      expect(ours.html).toBe(notice.html.replace(/\n/g, '\r\n'));
      expect(ours).toEqual({ ...reference, headers: ours.headers });
    }
  });

  it('gives two subscribers their own To, Message-ID and links, and nothing else differs', () => {
    const message = new NoticeMessage(payload(), 'en', page, from);
    const [a, b] = [parseStrictly(message.mime(copy(1))), parseStrictly(message.mime(copy(2)))];
    for (const [mail, n] of [
      [a, 1],
      [b, 2],
    ] as const) {
      expect(mail.headers.to).toBe(`subscriber-${n}@example.test`);
      expect(mail.headers['message-id']).toBe(`<delivery-${n}@art30.test>`);
      expect(mail.headers['x-art30-delivery-id']).toBe(`delivery-${n}`);
      expect(mail.headers['list-unsubscribe']).toBe(`<${copy(n).unsubscribe}>`);
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain(`Unsubscribe: ${copy(n).unsubscribe}\r\n`);
      expect(mail.text).toContain(`\r\n${copy(n).objection}\r\n`);
      expect(mail.html).toContain(`href="${copy(n).objection}"`);
      expect(mail.html).toContain(`href="${copy(n).unsubscribe}"`);
    }
    const own = (text: string, n: number) =>
      text.replaceAll(copy(n).unsubscribe, 'U').replaceAll(copy(n).objection, 'O');
    expect(own(a.text, 1)).toBe(own(b.text, 2));
    expect(own(a.html, 1)).toBe(own(b.html, 2));
    expect(a.text).not.toContain(copy(2).unsubscribe);
    expect(b.html).not.toContain(copy(1).objection);
  });

  it('leaves the objection link out of a withdrawn change', () => {
    const mail = parseStrictly(
      new NoticeMessage(payload(undefined, 'subprocessor_change.withdrawn'), 'nl', page, from).mime(copy(1)),
    );
    expect(mail.text).not.toContain('object?token');
    expect(mail.html).not.toContain('object?token');
    expect(mail.text).toContain(copy(1).unsubscribe);
  });
});

/**
 * A strict reader for the test: CRLF only, header lines unfolded but not decoded, a
 * multipart/alternative body of a text and an HTML part (7bit, quoted-printable or base64).
 */
function parseStrictly(raw: string): { headers: Record<string, string>; text: string; html: string } {
  expect(raw).not.toMatch(/[^\r]\n|\r[^\n]/);
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  expect(headers['content-type']).toBeDefined();
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type']!)![1]!;
  const parts = `\r\n${raw.slice(split + 4)}`.split(`\r\n--${boundary}`);
  expect(parts.pop()).toBe('--\r\n');
  const bodies: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const end = part.indexOf('\r\n\r\n');
    const partHeaders = part.slice(2, end).toLowerCase();
    const encoded = part.slice(end + 4);
    if (partHeaders.includes('quoted-printable'))
      for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    const decoded = partHeaders.includes('quoted-printable')
      ? Buffer.from(
          encoded
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : partHeaders.includes('base64')
        ? Buffer.from(encoded, 'base64').toString('utf8')
        : encoded;
    bodies[partHeaders.includes('text/html') ? 'html' : 'text'] = decoded;
  }
  return { headers, text: bodies.text!, html: bodies.html! };
}
