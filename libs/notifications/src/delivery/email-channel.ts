import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { signLink } from '../common/signed-links.js';
import type { EventPayload } from '../outbox/event-payload.js';
import { renderNotice } from './email-notice.js';
import { Mailer } from './mailer.js';
import type { AttemptResult } from './retry-policy.js';

export interface EmailTarget {
  tenantId: string;
  deliveryId: string;
  subscriberId: string;
  email: string;
  language: 'nl' | 'en';
}

/**
 * One notice to one subscriber: rendered in their language, with a one-click unsubscribe
 * (RFC 8058) and a signed objection link, and a Message-ID derived from the delivery id so a
 * retried notice is recognisably the same message. SMTP 5xx is final; anything else is retried.
 */
@Injectable()
export class EmailChannel {
  constructor(
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(target: EmailTarget, payload: EventPayload): Promise<AttemptResult> {
    const base = `${this.config.publicBaseUrl}/t/${encodeURIComponent(payload.tenant.slug)}`;
    const secret = this.config.appSecret;
    const unsubscribe = `${base}/unsubscribe?token=${signLink(secret, 'unsubscribe', [target.tenantId, target.subscriberId])}`;
    const objection = `${base}/object?token=${signLink(secret, 'object', [target.tenantId, payload.change.id, target.subscriberId])}`;
    const notice = renderNotice(payload, target.language, { page: `${base}/subprocessors`, unsubscribe, objection });
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      await this.mailer.send({
        to: target.email,
        subject: notice.subject,
        text: notice.text,
        html: notice.html,
        messageId: `<${target.deliveryId}@${new URL(this.config.publicBaseUrl).hostname}>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-Art30-Delivery-Id': target.deliveryId,
        },
      });
      return { kind: 'delivered', code: 250, latencyMs: latency() };
    } catch (error) {
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      const reason = responseCode ? `SMTP ${responseCode}` : `SMTP ${code ?? 'error'}`;
      if (responseCode && responseCode >= 500)
        return { kind: 'permanent', code: responseCode, error: `${reason}: refused`, latencyMs: latency() };
      return { kind: 'retry', code: responseCode, error: reason, latencyMs: latency() };
    }
  }
}
