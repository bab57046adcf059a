import { renderNotice } from './email-notice.js';
import { noticePayload } from './notice-payload.fixture.js';

const payload = noticePayload;
const links = {
  page: 'https://art30.test/t/cradeq/subprocessors',
  unsubscribe: 'https://u.test/?token=a&b',
  objection: 'https://o.test/?token=o',
};

describe('email notice', () => {
  it('says in English what changes, when, until when to object, and where', () => {
    const n = renderNotice(payload(), 'en', links);
    expect(n.subject).toBe('Cradeq announces a subprocessor change: Mailwave <Inc>');
    expect(n.text).toContain('The engagement of subprocessor Mailwave <Inc> changes.');
    expect(n.text).toContain('Processing locations: was Ireland, becomes Ireland, United States');
    expect(n.text).toContain('Transfer mechanism: Standard contractual clauses Module 3');
    expect(n.text).toContain('Personal data: Email address');
    expect(n.text).toContain('Takes effect on: 22 December 2026');
    expect(n.text).toContain('You can object until: 15 December 2026');
    expect(n.text).toContain(links.objection);
    expect(n.text).toContain(links.page);
    expect(n.text).toContain(links.unsubscribe);
    // HTML escapes what came from the register.
    expect(n.html).toContain('Mailwave &#60;Inc&#62;');
    expect(n.html).not.toContain('<Inc>');
    expect(n.html).toContain('href="https://u.test/?token=a&#38;b"');
  });

  it('speaks Dutch to Dutch subscribers', () => {
    const n = renderNotice(payload(), 'nl', links);
    expect(n.subject).toBe('Cradeq kondigt een wijziging van subverwerkers aan: Mailwave <Inc>');
    expect(n.text).toContain('Verwerkingslocaties: was Ierland, wordt Ierland, Verenigde Staten');
    expect(n.text).toContain('Gaat in op: 22 december 2026');
    expect(n.text).toContain('Bezwaar maken kan tot: 15 december 2026');
    expect(n.html).toContain('<html lang="nl">');
  });

  it('offers no objection for a withdrawn change', () => {
    const n = renderNotice(payload('subprocessor_change.withdrawn'), 'en', links);
    expect(n.subject).toContain('withdraws');
    expect(n.text).not.toContain(links.objection);
    expect(n.text).not.toContain('You can object until');
  });
});
