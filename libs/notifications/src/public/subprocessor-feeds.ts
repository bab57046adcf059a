import { Feed } from 'feed';
import { EVENT_SCHEMA_VERSION } from '../outbox/event-payload.js';
import { escapeHtml } from './html.js';
import { publicLinks } from './public-links.js';
import type { PublicChange, PublicRegister } from './public-register.service.js';
import { formatDate, textsFor } from './public-texts.js';
import type { Lang } from '#gdpr';

/**
 * The Atom feed and JSON Feed of announced changes (per tenant, or per product with ?product=).
 * The JSON Feed also carries, under `_art30`, the current subprocessors and each change's
 * structured subject and diff, so it is the machine-readable form of the public page.
 *
 * Atom entry titles and summaries and JSON Feed `content_html` are HTML: every value is escaped
 * before it goes in, so a vendor called `<script>` is text in every feed reader.
 */
export function subprocessorFeed(
  baseUrl: string,
  register: PublicRegister,
  lang: Lang,
  format: 'atom' | 'json',
): string {
  // Atom entry titles are HTML (CDATA, type="html"); JSON Feed titles are plain text.
  const entryTitle = (text: string) => (format === 'atom' ? escapeHtml(text) : text);
  const t = textsFor(lang);
  const links = publicLinks(baseUrl, register.tenant.slug);
  const productId = register.product?.id;
  const org = register.tenant.name;
  const title = register.product ? `${t.feedTitle(org)} (${register.product.name})` : t.feedTitle(org);
  const pageUrl = links.page({ lang, product: productId });
  const feed = new Feed({
    id: pageUrl,
    title,
    link: pageUrl,
    language: lang,
    generator: 'art30',
    updated: register.history.reduce((latest, c) => (c.updatedAt > latest ? c.updatedAt : latest), new Date(0)),
    feedLinks: { atom: links.atom(productId), json: links.json(productId) },
  });
  feed.addExtension({
    name: '_art30',
    objects: {
      schemaVersion: EVENT_SCHEMA_VERSION,
      tenant: { slug: register.tenant.slug, name: org },
      product: register.product ?? null,
      subprocessors: register.subprocessors,
    },
  });
  for (const change of register.history) {
    const summary = changeSummary(change, lang);
    feed.addItem({
      id: `urn:uuid:${change.id}`,
      title: entryTitle(`${t.kind[change.kind]}: ${change.subject.vendorName}`),
      link: `${pageUrl}#change-${change.id}`,
      date: change.updatedAt,
      published: change.announcedAt,
      description: escapeHtml(summary),
      extensions: [
        {
          name: '_art30',
          objects: {
            changeId: change.id,
            kind: change.kind,
            status: change.status,
            announcedAt: change.announcedAt.toISOString(),
            effectiveAt: change.effectiveAt.toISOString(),
            objectionDeadline: change.objectionDeadline.toISOString(),
            urgentReason: change.urgentReason,
            productIds: change.productIds,
            subject: change.subject,
            diff: change.diff,
          },
        },
      ],
    });
  }
  return format === 'atom' ? feed.atom1() : feed.json1();
}

function changeSummary(change: PublicChange, lang: Lang): string {
  const t = textsFor(lang);
  const parts = [
    `${t.kind[change.kind]}: ${change.subject.vendorName}`,
    change.subject.replacedVendorName ? `(${t.replaces} ${change.subject.replacedVendorName})` : '',
    `— ${change.subject.purpose}.`,
    `${t.effective}: ${formatDate(change.effectiveAt, lang)}.`,
    `${t.deadline}: ${formatDate(change.objectionDeadline, lang)}.`,
    `${t.status}: ${t.statusLabel[change.status]}.`,
    change.urgentReason ? `${t.urgent}: ${change.urgentReason}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
