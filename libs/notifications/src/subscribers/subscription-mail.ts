import type { Lang } from '#gdpr';
import type { OutgoingMail } from '../delivery/mailer.js';
import { escapeHtml } from '../public/html.js';

interface Organisation {
  name: string;
}

/** The double opt-in email: one link that leads to the confirmation page. */
export function confirmationMail(
  to: string,
  lang: Lang,
  org: Organisation,
  confirmUrl: string,
  hours: number,
): OutgoingMail {
  const t =
    lang === 'nl'
      ? {
          subject: `Bevestig je aanmelding voor wijzigingen in de subverwerkers van ${org.name}`,
          intro: `Je (of iemand met jouw e-mailadres) vroeg om bericht over wijzigingen in de subverwerkers van ${org.name}.`,
          action: 'Bevestig je aanmelding via deze link:',
          expiry: `De link werkt ${hours} uur. Heb je dit niet gevraagd? Negeer dan dit bericht; je krijgt dan niets meer.`,
        }
      : {
          subject: `Confirm your subscription to subprocessor changes at ${org.name}`,
          intro: `You (or someone using your email address) asked to be told about changes to the subprocessors of ${org.name}.`,
          action: 'Confirm your subscription with this link:',
          expiry: `The link works for ${hours} hours. Did not ask for this? Ignore this message and you will hear nothing more.`,
        };
  return {
    to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}\n${confirmUrl}\n\n${t.expiry}\n`,
    html: htmlBody(lang, [t.intro, t.action], confirmUrl, t.expiry),
  };
}

/**
 * Sent instead of a new confirmation when the address is already confirmed: the person at the
 * address learns that, the one who typed it in does not (the form's answer is the same).
 */
export function alreadySubscribedMail(
  to: string,
  lang: Lang,
  org: Organisation,
  pageUrl: string,
  unsubscribeUrl: string,
): OutgoingMail {
  const t =
    lang === 'nl'
      ? {
          subject: `Je bent al aangemeld voor wijzigingen in de subverwerkers van ${org.name}`,
          intro: `Iemand vroeg opnieuw om bericht over wijzigingen in de subverwerkers van ${org.name} voor dit adres. Je bent al aangemeld; er is niets veranderd.`,
          action: 'Wil je je taal of producten wijzigen, meld je dan af en opnieuw aan. Afmelden:',
          page: `Het overzicht van subverwerkers: ${pageUrl}`,
        }
      : {
          subject: `You are already subscribed to subprocessor changes at ${org.name}`,
          intro: `Someone asked again for this address to be told about changes to the subprocessors of ${org.name}. You are already subscribed; nothing has changed.`,
          action: 'To change your language or products, unsubscribe and subscribe again. Unsubscribe:',
          page: `The list of subprocessors: ${pageUrl}`,
        };
  return {
    to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}\n${unsubscribeUrl}\n\n${t.page}\n`,
    html: htmlBody(lang, [t.intro, t.action], unsubscribeUrl, t.page),
  };
}

function htmlBody(lang: Lang, paragraphs: string[], url: string, closing: string): string {
  const p = paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><body>
${p}
<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p>${escapeHtml(closing)}</p>
</body></html>
`;
}
