import { Module } from '@nestjs/common';
import { Mailer } from './delivery/mailer.js';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [],
  providers: [Mailer],
  exports: [Mailer],
})
export class NotificationsModule {}
