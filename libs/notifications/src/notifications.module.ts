import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { RegisterModule } from '#register';
import { Mailer } from './delivery/mailer.js';
import { PublicPagesController } from './public/public-pages.controller.js';
import { PublicRegisterService } from './public/public-register.service.js';
import { SubscribersResolver } from './subscribers/subscribers.resolver.js';
import { SubscribersService } from './subscribers/subscribers.service.js';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [AccountsModule, RegisterModule],
  controllers: [PublicPagesController],
  providers: [Mailer, SubscribersService, SubscribersResolver, PublicRegisterService],
  exports: [Mailer, SubscribersService],
})
export class NotificationsModule {}

/** Resolvers, for building the schema without a database (apps/api/src/schema/print-schema.ts). */
export const NOTIFICATIONS_RESOLVERS = [SubscribersResolver];
