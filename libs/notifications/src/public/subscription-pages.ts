import type { Lang } from '#gdpr';
import { consentText } from '../subscribers/consent.js';
import { markup, type SafeHtml } from './html.js';
import { page } from './public-layout.js';
import { formatDate, textsFor } from './public-texts.js';

interface Org {
  name: string;
  pageUrl: string;
}

/** A page that says one thing (done, check your inbox, this link does not work) and links back. */
export function messagePage(lang: Lang, org: Org | undefined, title: string, text: string, kind?: 'error'): string {
  const t = textsFor(lang);
  return page(
    { lang, title, organisation: org?.name },
    markup`<h1>${title}</h1>
<p${kind === 'error' ? markup` class="error" role="alert"` : ''}>${text}</p>
${org ? markup`<p><a href="${org.pageUrl}">${t.back}</a></p>` : ''}`,
  );
}

/** GET /confirm: a button, so a mail scanner that follows links confirms nothing. */
export function confirmPage(lang: Lang, org: Org, email: string, action: string): string {
  const t = textsFor(lang);
  return page(
    { lang, title: t.confirmTitle, organisation: org.name },
    markup`<h1>${t.confirmTitle}</h1>
      <p>${t.confirmText(email)}</p>
      <p>${consentText(lang, org.name)}</p>
      <form method="post" action="${action}">
        <button type="submit">${t.confirmButton}</button>
      </form>`,
  );
}

/** GET /unsubscribe: never unsubscribes by itself; the button (or an RFC 8058 POST) does. */
export function unsubscribePage(lang: Lang, org: Org, email: string, action: string): string {
  const t = textsFor(lang);
  return page(
    { lang, title: t.unsubscribeTitle, organisation: org.name },
    markup`<h1>${t.unsubscribeTitle}</h1>
      <p>${t.unsubscribeText(email)}</p>
      <form method="post" action="${action}">
        <button type="submit">${t.unsubscribeButton}</button>
      </form>`,
  );
}

export interface ObjectionSubject {
  vendorName: string;
  purpose: string;
  effectiveAt: Date;
  objectionDeadline: Date;
  open: boolean;
  withdrawn: boolean;
  subscriberLanguage: Lang;
}

/** GET /object: the change, and while the deadline has not passed, the objection form. */
export function objectionPage(
  lang: Lang,
  org: Org,
  change: ObjectionSubject,
  action: string,
  error?: string,
  values: Partial<Record<'name' | 'email' | 'organisation' | 'reason', string>> = {},
): string {
  const t = textsFor(lang);
  const deadline = formatDate(change.objectionDeadline, lang);
  let body: SafeHtml;
  if (change.withdrawn) body = markup`<p>${t.objectWithdrawn}</p>`;
  else if (!change.open) body = markup`<p>${t.objectClosed(deadline)}</p>`;
  else
    body = markup`<p>${t.objectIntro(change.vendorName, deadline)}</p>
      ${error ? markup`<p class="error" role="alert" id="objection-error">${error}</p>` : ''}
      <form method="post" action="${action}" ${error ? markup` aria-describedby="objection-error"` : ''}>
        <label for="objection-name">${t.yourName} (${t.required})</label>
        <input
          id="objection-name"
          name="name"
          type="text"
          required
          maxlength="200"
          autocomplete="name"
          value="${values.name ?? ''}"
        />
        <label for="objection-email">${t.email} (${t.optional})</label>
        <input
          id="objection-email"
          name="email"
          type="email"
          maxlength="254"
          autocomplete="email"
          value="${values.email ?? ''}"
        />
        <label for="objection-organisation">${t.organisation} (${t.required})</label>
        <input
          id="objection-organisation"
          name="organisation"
          type="text"
          required
          maxlength="300"
          autocomplete="organization"
          value="${values.organisation ?? ''}"
        />
        <label for="objection-reason">${t.reason} (${t.required})</label>
        <textarea id="objection-reason" name="reason" required maxlength="5000" rows="6">
${values.reason ?? ''}</textarea>
        <button type="submit">${t.objectButton}</button>
      </form>`;
  return page(
    { lang, title: t.objectTitle, organisation: org.name },
    markup`<h1>${t.objectTitle}</h1>
      <dl>
        <dt>${t.subprocessor}</dt>
        <dd>${change.vendorName}</dd>
        <dt>${t.purpose}</dt>
        <dd>${change.purpose}</dd>
        <dt>${t.effective}</dt>
        <dd><time datetime="${change.effectiveAt.toISOString()}">${formatDate(change.effectiveAt, lang)}</time></dd>
        <dt>${t.deadline}</dt>
        <dd><time datetime="${change.objectionDeadline.toISOString()}">${deadline}</time></dd>
      </dl>
      ${body}`,
  );
}
