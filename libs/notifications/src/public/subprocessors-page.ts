import { byCode, countryName, isEeaCountry, type Lang, TRANSFER_MECHANISMS } from '#gdpr';
import { consentText } from '../subscribers/consent.js';
import { markup, type SafeHtml } from './html.js';
import { page } from './public-layout.js';
import { publicLinks } from './public-links.js';
import type { PublicChange, PublicRegister, PublicSubprocessor } from './public-register.service.js';
import { formatDate, type Texts, textsFor } from './public-texts.js';

export interface PageQuery {
  lang: Lang;
  /** The asOf day as asked (YYYY-MM-DD). */
  asOfDay?: string;
  productId?: string;
}

/** GET /t/<slug>/subprocessors: the list, announced changes, history, a subscribe form and the feeds. */
export function subprocessorsPage(baseUrl: string, register: PublicRegister, query: PageQuery): string {
  const { lang } = query;
  const t = textsFor(lang);
  const org = register.tenant.name;
  const links = publicLinks(baseUrl, register.tenant.slug);
  const feedProduct = register.product?.id;
  const other = t.otherLanguage.code;
  return page(
    {
      lang,
      title: t.title(org),
      organisation: org,
      otherLanguageHref: links.page({ lang: other, product: query.productId, asOf: query.asOfDay }),
      alternates: [
        { type: 'application/atom+xml', href: links.atom(feedProduct), title: t.atomFeed },
        { type: 'application/feed+json', href: links.json(feedProduct), title: t.jsonFeed },
      ],
    },
    markup`<h1>${t.title(org)}</h1>
      <p>${t.intro(org)}</p>
      ${register.asOf ? markup`<p class="notice">${t.asOfNotice(formatDate(register.asOf, lang))} <a href="${links.page({ lang, product: query.productId })}">${t.currentLink}</a></p>` : ''}
      ${productFilter(t, register, query)}
      <section aria-labelledby="current">
        <h2 id="current">${t.current}</h2>
        ${subprocessorTable(t, lang, register.subprocessors)}
      </section>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">${t.upcoming}</h2>
        ${upcomingTable(t, lang, register.upcoming)}
      </section>
      <section aria-labelledby="history">
        <h2 id="history">${t.history}</h2>
        ${historyTable(t, lang, register.history)}
      </section>
      <section aria-labelledby="subscribe">
        <h2 id="subscribe">${t.subscribe}</h2>
        ${subscribeForm(t, lang, register, links.subscribe())}
      </section>
      <section aria-labelledby="feeds">
        <h2 id="feeds">${t.feeds}</h2>
        <ul>
          <li><a href="${links.atom()}" type="application/atom+xml">${t.atomFeed}</a></li>
          <li><a href="${links.json()}" type="application/feed+json">${t.jsonFeed}</a></li>
          ${
            register.product
              ? markup`<li>
                    <a href="${links.atom(register.product.id)}" type="application/atom+xml"
                      >${t.atomFeed} (${t.feedsFor(register.product.name)})</a
                    >
                  </li>
                  <li>
                    <a href="${links.json(register.product.id)}" type="application/feed+json"
                      >${t.jsonFeed} (${t.feedsFor(register.product.name)})</a
                    >
                  </li>`
              : ''
          }
        </ul>
      </section>`,
  );
}

function productFilter(t: Texts, register: PublicRegister, query: PageQuery): SafeHtml | '' {
  if (register.products.length === 0) return '';
  return markup`<form method="get" action="">
    <input type="hidden" name="lang" value="${query.lang}" />
    ${query.asOfDay ? markup`<input type="hidden" name="asOf" value="${query.asOfDay}" />` : ''}
    <label for="product-filter">${t.productFilter}</label>
    <select id="product-filter" name="product">
      <option value="">${t.allProducts}</option>
      ${register.products.map((p) => markup`<option value="${p.id}" ${p.id === register.product?.id ? markup` selected` : ''}>${p.name}</option>`)}
    </select>
    <button type="submit">${t.show}</button>
  </form>`;
}

function subprocessorTable(t: Texts, lang: Lang, rows: PublicSubprocessor[]): SafeHtml {
  if (rows.length === 0) return markup`<p>${t.none}</p>`;
  return markup`<table>
    <caption>
      ${t.currentCaption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.name}</th>
        <th scope="col">${t.purpose}</th>
        <th scope="col">${t.locations}</th>
        <th scope="col">${t.mechanism}</th>
        <th scope="col">${t.products}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (s) =>
          markup`<tr>
            <th scope="row">${s.vendorName}</th>
            <td>${s.purpose}</td>
            <td>${locations(t, lang, s.processingLocations, s.accessLocations)}</td>
            <td>${mechanism(t, lang, s.transferMechanism, [...s.processingLocations, ...s.accessLocations])}</td>
            <td>${s.products.length ? s.products.map((p) => p.name).join(', ') : t.allProducts}</td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

function upcomingTable(t: Texts, lang: Lang, rows: PublicChange[]): SafeHtml {
  if (rows.length === 0) return markup`<p>${t.none}</p>`;
  return markup`<table>
    <caption>
      ${t.upcomingCaption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.subprocessor}</th>
        <th scope="col">${t.change}</th>
        <th scope="col">${t.purpose}</th>
        <th scope="col">${t.locations}</th>
        <th scope="col">${t.effective}</th>
        <th scope="col">${t.deadline}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (c) =>
          markup`<tr id="change-${c.id}">
            <th scope="row">${c.subject.vendorName}</th>
            <td>
              ${changeLabel(t, c)}${c.urgentReason ? markup`<br /><strong>${t.urgent}:</strong> ${c.urgentReason}` : ''}
            </td>
            <td>${c.subject.purpose}</td>
            <td>${locations(t, lang, c.subject.processingLocations, c.subject.accessLocations)}</td>
            <td>${time(c.effectiveAt, lang)}</td>
            <td>${time(c.objectionDeadline, lang)}</td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

function historyTable(t: Texts, lang: Lang, rows: PublicChange[]): SafeHtml {
  if (rows.length === 0) return markup`<p>${t.none}</p>`;
  return markup`<table>
    <caption>
      ${t.historyCaption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.announced}</th>
        <th scope="col">${t.subprocessor}</th>
        <th scope="col">${t.change}</th>
        <th scope="col">${t.effective}</th>
        <th scope="col">${t.status}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (c) =>
          markup`<tr>
            <th scope="row">${time(c.announcedAt, lang)}</th>
            <td>${c.subject.vendorName}</td>
            <td>${changeLabel(t, c)}</td>
            <td>${time(c.effectiveAt, lang)}</td>
            <td>${t.statusLabel[c.status]}</td>
          </tr> `,
      )}
    </tbody>
  </table>`;
}

function subscribeForm(t: Texts, lang: Lang, register: PublicRegister, action: string): SafeHtml {
  return markup`<p>${t.subscribeIntro}</p>
    <form method="post" action="${action}">
      <label for="subscribe-email">${t.email}</label>
      <input id="subscribe-email" name="email" type="email" required maxlength="254" autocomplete="email" />
      <fieldset>
        <legend>${t.language}</legend>
        ${(['nl', 'en'] as const).map(
          (code) =>
            markup`<input
                type="radio"
                id="subscribe-lang-${code}"
                name="language"
                value="${code}"
                ${code === lang ? markup` checked` : ''}
              /><label for="subscribe-lang-${code}">${t.languages[code]}</label> `,
        )}
      </fieldset>
      ${
        register.products.length
          ? markup`<fieldset aria-describedby="subscribe-products-hint">
              <legend>${t.productsLegend}</legend>
              <p id="subscribe-products-hint" class="hint">${t.productsHint}</p>
              ${register.products.map(
                (p, i) =>
                  markup`<input
                      type="checkbox"
                      id="subscribe-product-${i}"
                      name="product"
                      value="${p.id}"
                      ${p.id === register.product?.id ? markup` checked` : ''}
                    /><label for="subscribe-product-${i}">${p.name}</label> `,
              )}
            </fieldset>`
          : ''
      }
      <p class="hint">${consentText(lang, register.tenant.name)}</p>
      <button type="submit">${t.subscribeButton}</button>
    </form>`;
}

function changeLabel(t: Texts, c: PublicChange): string {
  const label = t.kind[c.kind];
  return c.kind === 'replaced' && c.subject.replacedVendorName
    ? `${label} (${t.replaces} ${c.subject.replacedVendorName})`
    : label;
}

function locations(t: Texts, lang: Lang, processing: string[], access: string[]): string {
  const names = (codes: string[]) => codes.map((code) => countryName(code, lang)).join(', ');
  const extra = access.filter((code) => !processing.includes(code));
  if (processing.length === 0 && extra.length === 0) return '—';
  return extra.length ? `${names(processing)} (${t.accessFrom} ${names(extra)})` : names(processing);
}

function mechanism(t: Texts, lang: Lang, code: string | null, countries: string[]): string {
  if (code) return byCode(TRANSFER_MECHANISMS, code)?.label[lang] ?? code;
  return countries.length > 0 && countries.every((c) => isEeaCountry(c)) ? t.withinEea : t.noneRecorded;
}

function time(date: Date, lang: Lang): SafeHtml {
  return markup`<time datetime="${date.toISOString()}">${formatDate(date, lang)}</time>`;
}
