import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

export enum WebhookEndpointStatusEnum {
  ACTIVE = 'active',
  DISABLED = 'disabled',
}
registerEnumType(WebhookEndpointStatusEnum, {
  name: 'WebhookEndpointStatus',
  description: 'DISABLED: it answered 410 Gone (or was switched off); nothing is sent until it is enabled again.',
});

@ObjectType('WebhookEndpoint', {
  description:
    'An HTTPS endpoint told about subprocessor changes, signed per Standard Webhooks. Its secret is never shown again after creation or rotation.',
})
export class WebhookEndpointModel {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [ID], { description: 'Products whose changes it receives (empty: all).' }) productIds!: string[];
  @Field(() => WebhookEndpointStatusEnum) status!: WebhookEndpointStatusEnum;
  @Field(() => String, { nullable: true }) disabledReason!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'After a rotation: until when the previous secret also signs every request.',
  })
  previousSecretExpiresAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The customer API key that registered it, if one did.' })
  apiKeyId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;

  static from(e: WebhookEndpoint): WebhookEndpointModel {
    return Object.assign(new WebhookEndpointModel(), {
      id: e.id,
      url: e.url,
      description: e.description,
      productIds: e.productIds,
      status: e.status as WebhookEndpointStatusEnum,
      disabledReason: e.disabledReason,
      previousSecretExpiresAt:
        e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt : null,
      apiKeyId: e.apiKeyId,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    });
  }
}

@ObjectType({ description: 'An endpoint and its signing secret. Store the secret now: it cannot be shown again.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpointModel) endpoint!: WebhookEndpointModel;
  @Field({ description: 'The `whsec_` signing secret (Standard Webhooks); verify webhook-signature with it.' })
  secret!: string;
}
