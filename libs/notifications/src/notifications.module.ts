import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { RegisterModule } from '#register';
import { ChangesResolver } from './changes/changes.resolver.js';
import { ChangesService } from './changes/changes.service.js';
import { Mailer } from './delivery/mailer.js';
import { ObjectionsResolver } from './objections/objections.resolver.js';
import { ObjectionsService } from './objections/objections.service.js';
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
  providers: [
    Mailer,
    ChangesService,
    ChangesResolver,
    ObjectionsService,
    ObjectionsResolver,
    SubscribersService,
    SubscribersResolver,
    PublicRegisterService,
  ],
  exports: [Mailer, ChangesService, ObjectionsService, SubscribersService],
})
export class NotificationsModule {}
