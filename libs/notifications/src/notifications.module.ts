import { Module } from '@nestjs/common';
import { RegisterModule } from '#register';
import { ChangesResolver } from './changes/changes.resolver.js';
import { ChangesService } from './changes/changes.service.js';
import { Mailer } from './delivery/mailer.js';
import { ObjectionsResolver } from './objections/objections.resolver.js';
import { ObjectionsService } from './objections/objections.service.js';

/**
 * Subprocessor changes that notify (Art. 28(2)): announcements with notice periods, approvals
 * and objections (changes/, objections/), subscribers and webhook endpoints (subscribers/,
 * webhooks/), the outbox and its delivery (outbox/, delivery/), the public page and feeds (public/).
 */
@Module({
  imports: [RegisterModule],
  providers: [Mailer, ChangesService, ChangesResolver, ObjectionsService, ObjectionsResolver],
  exports: [Mailer, ChangesService, ObjectionsService],
})
export class NotificationsModule {}
