import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stateless tokens for links in emails (unsubscribe, objection): the subject ids plus an HMAC
 * under the server secret, bound to a purpose so one link's token cannot be replayed as another.
 * Nothing is stored, and a forged or altered token fails verification.
 */
export type LinkPurpose = 'unsubscribe' | 'object';

export function signLink(secret: string, purpose: LinkPurpose, ids: readonly string[]): string {
  const body = Buffer.from(ids.join('.')).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The ids the token was signed for, or undefined when it is malformed, forged or for another purpose. */
export function verifyLink(secret: string, purpose: LinkPurpose, token: string, idCount: number): string[] | undefined {
  if (typeof token !== 'string' || token.length > 512) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const ids = Buffer.from(body, 'base64url').toString('utf8').split('.');
  return ids.length === idCount ? ids : undefined;
}

function mac(secret: string, purpose: LinkPurpose, body: string): string {
  return createHmac('sha256', secret).update(`art30-link:${purpose}:${body}`).digest('base64url');
}
