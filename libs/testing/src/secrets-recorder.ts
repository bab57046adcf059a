import { appendFileSync } from 'node:fs';

/**
 * Every secret the tests mint or set (session and invitation tokens, API keys, passwords, and
 * later webhook secrets and confirmation tokens) is appended to this run's secrets file;
 * globalTeardown then fails the run if any of them appears in the app's log, in an error a
 * client received or in plain text in any database table.
 */
const CREDENTIAL = /\ba30[ski]\.[A-Za-z0-9_-]{43}\.([A-Za-z0-9_-]{43})\b/g;
const WEBHOOK_SECRET = /\bwhsec_[A-Za-z0-9+/=_-]{24,}/g;

export function recordSecret(value: string): void {
  const file = process.env.ART30_TEST_SECRETS_FILE;
  if (file && value.length >= 12) appendFileSync(file, `${JSON.stringify(value)}\n`);
}

/** Records the secret part of every credential and webhook secret that appears in `text`. */
export function recordSecretsIn(text: string): void {
  for (const match of text.matchAll(CREDENTIAL)) recordSecret(match[1]!);
  for (const match of text.matchAll(WEBHOOK_SECRET)) recordSecret(match[0]);
}

/** Keeps the errors clients received, for the same scan. */
export function recordErrors(errors: unknown): void {
  const file = process.env.ART30_TEST_ERRORS_FILE;
  if (file && errors) appendFileSync(file, `${JSON.stringify(errors)}\n`);
}
