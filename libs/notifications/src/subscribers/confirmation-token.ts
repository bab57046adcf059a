import { createHash, randomBytes } from 'node:crypto';

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 48 * 60 * 60 * 1000;
/**
 * At most one confirmation (or reminder) email per address in this interval, however often the
 * address is entered: the subscribe form must not become a way to flood someone's inbox.
 */
export const RESEND_INTERVAL_MS = 10 * 60 * 1000;

/** A new confirmation token: 256 random bits for the link; only its SHA-256 is stored. */
export function newConfirmationToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashConfirmationToken(token) };
}

export function hashConfirmationToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The shape newConfirmationToken produces; anything else is refused before a database lookup. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
