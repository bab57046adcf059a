import { Module } from '@nestjs/common';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class NotificationsModule {}
