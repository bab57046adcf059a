import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { Lang } from '#gdpr';
import { markup, SafeHtml } from './html.js';
import { textsFor } from './public-texts.js';

const CSS = `
body{font:1rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;background:#fff}
a{color:#0b57d0}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f9a825;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ccc;padding:.5rem 0}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #bbb;padding:.4rem .5rem;text-align:left;vertical-align:top}thead th{background:#f0f0f0}
label{display:block;font-weight:600;margin-top:.75rem}fieldset{margin-top:.75rem;border:1px solid #bbb}
fieldset label{display:inline;font-weight:400;margin:0 1rem 0 .25rem}
input[type=email],input[type=text],textarea,select{font:inherit;padding:.35rem;max-width:100%;width:28rem}
button{font:inherit;margin-top:1rem;padding:.45rem 1rem;background:#0b57d0;color:#fff;border:0;border-radius:4px;cursor:pointer}
.notice{background:#fff8e1;border-left:4px solid #f9a825;padding:.5rem 1rem}.error{background:#fdecea;border-left:4px solid #c62828;padding:.5rem 1rem}
.hint{color:#555;font-size:.9rem}
`;

/** A constant of this file (its hash is in the CSP), not a value to escape. */
const STYLE = new SafeHtml(CSS);

/** Only the one stylesheet above may apply; no script runs, no form posts elsewhere, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageOptions {
  lang: Lang;
  title: string;
  organisation?: string;
  /** The same page in the other language (query string included), when it makes sense. */
  otherLanguageHref?: string;
  /** `<link rel="alternate">` to feeds. */
  alternates?: Array<{ type: string; href: string; title: string }>;
}

export function page(options: PageOptions, body: SafeHtml): string {
  const t = textsFor(options.lang);
  const other = t.otherLanguage;
  return markup`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${options.title}${options.organisation ? ` · ${options.organisation}` : ''}</title>
${(options.alternates ?? []).map(
  (a) => markup`<link rel="alternate" type="${a.type}" href="${a.href}" title="${a.title}">
`,
)}<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header>
<p>${options.organisation ?? 'art30'}</p>
${options.otherLanguageHref ? markup`<nav aria-label="${t.languageNav}"><a href="${options.otherLanguageHref}" hreflang="${other.code}" lang="${other.code}">${other.label}</a></nav>` : ''}
</header>
<main id="main">
${body}
</main>
</body>
</html>
`.value;
}

/** Headers every public HTML answer carries. */
export function sendHtml(res: Response, status: number, body: string, options: { cache?: boolean } = {}): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the forms' POSTs.
      'referrer-policy': 'same-origin',
      // Pages reached through a token are personal: never cached on the way.
      'cache-control': options.cache ? 'public, max-age=60' : 'no-store',
    })
    .send(body);
}
