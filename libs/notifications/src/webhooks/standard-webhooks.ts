import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * `${id}.${timestamp}.${body}`, HMAC-SHA256 under the secret's base64-decoded key, sent as
 * `v1,<base64>`; several signatures (a rotation overlap) are separated by spaces.
 */
export const SECRET_PREFIX = 'whsec_';

/** A fresh endpoint secret: 32 random bytes (the spec asks for 24 to 64), base64, `whsec_` prefix. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers for one request, signed with every secret given (current first). */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => sign(secret, id, timestamp, body)).join(' '),
  };
}

/** The webhook-id of a delivery: stable across retries, so receivers can drop duplicates. */
export function webhookIdOf(deliveryId: string): string {
  return `msg_${deliveryId}`;
}
