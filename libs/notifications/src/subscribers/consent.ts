import type { Lang } from '#gdpr';

/**
 * The consent a subscriber gives by confirming, shown on the subscribe form and the confirmation
 * page. Change the text, bump the version: the version stored with each confirmation is the proof
 * of what the person agreed to (Art. 7(1)).
 */
export const CONSENT_TEXT_VERSION = '2026-11-v1';

const CONSENT_TEXT: Record<Lang, string> = {
  nl:
    'Ik wil per e-mail bericht krijgen over voorgenomen wijzigingen in de subverwerkers van {org}, ' +
    'zodat ik op tijd bezwaar kan maken. Mijn e-mailadres, taal en productkeuze worden alleen daarvoor ' +
    'bewaard, met het moment, IP-adres en de browser waarmee ik bevestig. Afmelden kan met één klik in elke e-mail.',
  en:
    'I want to be told by email about intended changes to the subprocessors of {org}, so that I can ' +
    'object in time. My email address, language and product choice are kept for that alone, with the time, ' +
    'IP address and browser I confirm from. Every email has a one-click unsubscribe link.',
};

export function consentText(lang: Lang, organisation: string): string {
  return CONSENT_TEXT[lang].replace('{org}', organisation);
}
