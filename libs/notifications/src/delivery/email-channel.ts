import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { signLink } from '../common/signed-links.js';
import type { EventPayload } from '../outbox/event-payload.js';
import { Mailer } from './mailer.js';
import { NoticeMessage } from './notice-message.js';
import type { AttemptResult } from './retry-policy.js';

export interface EmailTarget {
  tenantId: string;
  deliveryId: string;
  subscriberId: string;
  email: string;
  language: 'nl' | 'en';
}

/** Rendered notices kept (one per event and language); a fan-out needs one or two at a time. */
const CACHED_NOTICES = 32;

/**
 * One notice to one subscriber: rendered in their language, with a one-click unsubscribe
 * (RFC 8058) and a signed objection link, and a Message-ID derived from the delivery id so a
 * retried notice is recognisably the same message. SMTP 5xx is final; anything else is retried.
 * The notice is rendered and encoded once per event and language (an event's payload never
 * changes); each subscriber's copy only fills in their links and headers.
 */
@Injectable()
export class EmailChannel {
  private readonly notices = new Map<string, NoticeMessage>();
  private readonly messageIdHost: string;

  constructor(
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.messageIdHost = new URL(config.publicBaseUrl).hostname;
  }

  async send(target: EmailTarget, payload: EventPayload): Promise<AttemptResult> {
    const base = `${this.config.publicBaseUrl}/t/${encodeURIComponent(payload.tenant.slug)}`;
    const secret = this.config.appSecret;
    const unsubscribe = `${base}/unsubscribe?token=${signLink(secret, 'unsubscribe', [target.tenantId, target.subscriberId])}`;
    const objection = `${base}/object?token=${signLink(secret, 'object', [target.tenantId, payload.change.id, target.subscriberId])}`;
    const message = this.notice(target.tenantId, payload, target.language, `${base}/subprocessors`).mime({
      to: target.email,
      messageId: `<${target.deliveryId}@${this.messageIdHost}>`,
      deliveryId: target.deliveryId,
      unsubscribe,
      objection,
    });
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      await this.mailer.sendRaw(target.email, message);
      return { kind: 'delivered', code: 250, latencyMs: latency() };
    } catch (error) {
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      const reason = responseCode ? `SMTP ${responseCode}` : `SMTP ${code ?? 'error'}`;
      if (responseCode && responseCode >= 500)
        return { kind: 'permanent', code: responseCode, error: `${reason}: refused`, latencyMs: latency() };
      return { kind: 'retry', code: responseCode, error: reason, latencyMs: latency() };
    }
  }

  private notice(tenantId: string, payload: EventPayload, language: 'nl' | 'en', page: string): NoticeMessage {
    const key = `${tenantId}/${payload.id}/${language}`;
    let notice = this.notices.get(key);
    if (!notice) {
      notice = new NoticeMessage(payload, language, page, this.config.mail.from);
      if (this.notices.size >= CACHED_NOTICES) this.notices.delete(this.notices.keys().next().value!);
      this.notices.set(key, notice);
    }
    return notice;
  }
}
