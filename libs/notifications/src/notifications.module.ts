import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { APP_CONFIG, type AppConfig } from '#core';
import { RegisterModule } from '#register';
import { ChangesResolver } from './changes/changes.resolver.js';
import { EngagementNoticesModule } from './changes/engagement-notices.reader.js';
import { ChangesService } from './changes/changes.service.js';
import { DeliveriesResolver } from './delivery/deliveries.resolver.js';
import { DeliveriesService } from './delivery/deliveries.service.js';
import { DeliveryProcessor } from './delivery/delivery-processor.js';
import { DeliveryWorker } from './delivery/delivery-worker.js';
import { CHANGE_ACTIVATOR, DueChanges } from './delivery/due-changes.js';
import { EmailChannel } from './delivery/email-channel.js';
import { Mailer } from './delivery/mailer.js';
import { WebhookChannel } from './delivery/webhook-channel.js';
import { ObjectionsResolver } from './objections/objections.resolver.js';
import { ObjectionsService } from './objections/objections.service.js';
import { FanOutService } from './outbox/fan-out.service.js';
import { PublicPagesController } from './public/public-pages.controller.js';
import { PublicRegisterService } from './public/public-register.service.js';
import { SubscribersResolver } from './subscribers/subscribers.resolver.js';
import { SubscribersService } from './subscribers/subscribers.service.js';
import { SsrfGuard } from './webhooks/ssrf-guard.js';
import { WebhookEndpointsResolver } from './webhooks/webhook-endpoints.resolver.js';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service.js';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [AccountsModule, RegisterModule, EngagementNoticesModule],
  controllers: [PublicPagesController],
  providers: [
    Mailer,
    ChangesService,
    ChangesResolver,
    { provide: CHANGE_ACTIVATOR, useExisting: ChangesService },
    ObjectionsService,
    ObjectionsResolver,
    SubscribersService,
    SubscribersResolver,
    PublicRegisterService,
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
  exports: [
    Mailer,
    ChangesService,
    ObjectionsService,
    SubscribersService,
    DeliveryWorker,
    FanOutService,
    WebhookEndpointsService,
  ],
})
export class NotificationsModule {}
