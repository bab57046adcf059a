import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders, webhookIdOf } from './standard-webhooks.js';

// The independent reference library verifies what art30 signs.
describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ schemaVersion: 1, type: 'subprocessor_change.announced', id: 'e1' });
  const id = webhookIdOf('0b6f1c2e-1d7a-4b53-9c0e-0f7d1b1f0a01');

  it('is accepted by the standardwebhooks verifier', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders([secret], id, body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is refused for a tampered body, another secret, or a timestamp older than five minutes', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], id, body);
    expect(() => new Webhook(secret).verify(body.replace('e1', 'e2'), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    const old = webhookHeaders([secret], id, body, new Date(Date.now() - 6 * 60_000));
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/timestamp/i);
  });

  it('during a rotation signs with both secrets, so receivers on either verify', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([current, previous], id, body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});
