import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { SsrfGuard } from '../webhooks/ssrf-guard.js';
import { webhookHeaders, webhookIdOf } from '../webhooks/standard-webhooks.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';
import { type AttemptResult, classifyWebhook } from './retry-policy.js';

export interface WebhookTarget {
  deliveryId: string;
  url: string;
  /** The current secret first, then a rotated-out one still inside its overlap period. */
  secrets: string[];
}

/** One event to one endpoint: the EventPayload JSON, signed per Standard Webhooks, through the SSRF guard. */
@Injectable()
export class WebhookChannel implements OnApplicationShutdown {
  private readonly sender: WebhookSender;

  constructor(guard: SsrfGuard, @Inject(APP_CONFIG) config: AppConfig) {
    this.sender = new WebhookSender(guard, config.webhooks.timeoutMs);
  }

  async send(target: WebhookTarget, body: string): Promise<AttemptResult> {
    const headers = webhookHeaders(target.secrets, webhookIdOf(target.deliveryId), body);
    return classifyWebhook(await this.sender.send(target.url, headers, body));
  }

  onApplicationShutdown(): void {
    this.sender.close();
  }
}
