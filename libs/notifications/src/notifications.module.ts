import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { DeliveriesResolver } from './delivery/deliveries.resolver.js';
import { DeliveriesService } from './delivery/deliveries.service.js';
import { DeliveryProcessor } from './delivery/delivery-processor.js';
import { DeliveryWorker } from './delivery/delivery-worker.js';
import { DueChanges } from './delivery/due-changes.js';
import { EmailChannel } from './delivery/email-channel.js';
import { Mailer } from './delivery/mailer.js';
import { WebhookChannel } from './delivery/webhook-channel.js';
import { FanOutService } from './outbox/fan-out.service.js';
import { SsrfGuard } from './webhooks/ssrf-guard.js';
import { WebhookEndpointsResolver } from './webhooks/webhook-endpoints.resolver.js';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service.js';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [],
  providers: [
    Mailer,
    {
      provide: SsrfGuard,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SsrfGuard(config.webhooks.allowLoopback),
    },
    EmailChannel,
    WebhookChannel,
    FanOutService,
    DeliveryProcessor,
    DueChanges,
    DeliveryWorker,
    DeliveriesService,
    DeliveriesResolver,
    WebhookEndpointsService,
    WebhookEndpointsResolver,
  ],
  exports: [Mailer, DeliveryWorker, FanOutService, WebhookEndpointsService],
})
export class NotificationsModule {}
