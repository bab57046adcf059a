export * from './notifications.module.js';
export { EngagementNoticesModule } from './changes/engagement-notices.reader.js';
export * from './changes/subprocessor-change.entity.js';
export * from './changes/change-approval.entity.js';
export * from './objections/objection.entity.js';
export * from './subscribers/subscriber.entity.js';
export * from './webhooks/webhook-endpoint.entity.js';
export * from './outbox/outbox-event.entity.js';
export * from './outbox/delivery.entity.js';
export * from './outbox/delivery-attempt.entity.js';
export * from './outbox/event-payload.js';
export * from './common/signed-links.js';
export * from './common/secret-box.js';

import { ChangeApproval } from './changes/change-approval.entity.js';
import { SubprocessorChange } from './changes/subprocessor-change.entity.js';
import { Objection } from './objections/objection.entity.js';
import { DeliveryAttempt } from './outbox/delivery-attempt.entity.js';
import { Delivery } from './outbox/delivery.entity.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
import { Subscriber } from './subscribers/subscriber.entity.js';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity.js';
export const NOTIFICATIONS_ENTITIES = [
  SubprocessorChange,
  ChangeApproval,
  Objection,
  Subscriber,
  WebhookEndpoint,
  OutboxEvent,
  Delivery,
  DeliveryAttempt,
];
export * from './delivery/mailer.js';
export * from './subscribers/subscribers.service.js';
export * from './subscribers/consent.js';
export * from './public/public-links.js';
export * from './changes/changes.service.js';
export * from './objections/objections.service.js';
export * from './outbox/outbox.js';
export * from './outbox/fan-out.service.js';
export * from './delivery/delivery-worker.js';
export * from './delivery/due-changes.js';
export * from './delivery/retry-policy.js';
export * from './webhooks/ssrf-guard.js';
export * from './webhooks/standard-webhooks.js';
export * from './webhooks/webhook-endpoints.service.js';

import { ChangesResolver } from './changes/changes.resolver.js';
import { DeliveriesResolver } from './delivery/deliveries.resolver.js';
import { ObjectionsResolver } from './objections/objections.resolver.js';
import { SubscribersResolver } from './subscribers/subscribers.resolver.js';
import { WebhookEndpointsResolver } from './webhooks/webhook-endpoints.resolver.js';
/** Every resolver of this lib: the schema printer builds schema.gql from these lists. */
export const NOTIFICATIONS_RESOLVERS = [
  ChangesResolver,
  ObjectionsResolver,
  SubscribersResolver,
  WebhookEndpointsResolver,
  DeliveriesResolver,
];
