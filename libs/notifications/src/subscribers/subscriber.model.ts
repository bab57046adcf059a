import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocaleEnum } from '#accounts';
import type { Subscriber } from './subscriber.entity.js';

export enum SubscriberStatusEnum {
  PENDING = 'pending',
  CONFIRMED = 'confirmed',
  UNSUBSCRIBED = 'unsubscribed',
}
registerEnumType(SubscriberStatusEnum, {
  name: 'SubscriberStatus',
  description: 'PENDING until the address confirms (double opt-in); only CONFIRMED subscribers receive notices.',
});

@ObjectType('Subscriber', {
  description: 'An email address told about subprocessor changes, with the record of its consent.',
})
export class SubscriberModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field(() => LocaleEnum) language!: LocaleEnum;
  @Field(() => [ID], { description: 'Products whose changes it receives; empty: every product.' })
  productIds!: string[];
  @Field(() => SubscriberStatusEnum) status!: SubscriberStatusEnum;
  @Field({ description: 'When the last confirmation email was requested.' }) requestedAt!: Date;
  @Field(() => Date, { nullable: true }) confirmedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The version of the consent text confirmed.' })
  consentTextVersion!: string | null;
  @Field(() => String, { nullable: true, description: 'The IP address the confirmation came from.' })
  consentIp!: string | null;
  @Field(() => String, { nullable: true, description: 'The browser the confirmation came from.' })
  consentUserAgent!: string | null;
  @Field(() => Date, { nullable: true }) unsubscribedAt!: Date | null;
  @Field() createdAt!: Date;

  static from(subscriber: Subscriber): SubscriberModel {
    const model = new SubscriberModel();
    // Field by field: the entity holds the confirmation token hash, which never leaves.
    Object.assign(model, {
      id: subscriber.id,
      email: subscriber.email,
      language: subscriber.language,
      productIds: subscriber.productIds,
      status: subscriber.status,
      requestedAt: subscriber.requestedAt,
      confirmedAt: subscriber.confirmedAt,
      consentTextVersion: subscriber.consentTextVersion,
      consentIp: subscriber.consentIp,
      consentUserAgent: subscriber.consentUserAgent,
      unsubscribedAt: subscriber.unsubscribedAt,
      createdAt: subscriber.createdAt,
    });
    return model;
  }
}

@ObjectType({ description: 'A page of subscribers, by email address.' })
export class SubscriberPage {
  @Field(() => [SubscriberModel]) nodes!: SubscriberModel[];
  @Field(() => Int, { description: 'How many match the filter, over all pages.' }) totalCount!: number;
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
}

@ObjectType({
  description: 'The same answer for every address: whether it was new, pending or subscribed is not told.',
})
export class SubscribeResult {
  @Field() accepted!: boolean;
  @Field() message!: string;
}
