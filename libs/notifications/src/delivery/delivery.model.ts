import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export enum DeliveryStatusEnum {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  DEAD = 'dead',
  CANCELLED = 'cancelled',
}
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description:
    'PENDING: not yet delivered (retries left). DEAD: failed for good (retry schedule exhausted, refused, or the endpoint answered 410): the dead-letter list. CANCELLED: the subscriber or endpoint left before it was sent.',
});

export enum DeliveryChannelEnum {
  EMAIL = 'email',
  WEBHOOK = 'webhook',
}
registerEnumType(DeliveryChannelEnum, { name: 'DeliveryChannel' });

export enum AttemptOutcomeEnum {
  IN_FLIGHT = 'in_flight',
  DELIVERED = 'delivered',
  RETRY = 'retry',
  GONE = 'gone',
  DEAD = 'dead',
}
registerEnumType(AttemptOutcomeEnum, {
  name: 'AttemptOutcome',
  description: 'IN_FLIGHT: started and never finished (the worker stopped mid-attempt); it was tried again.',
});

@ObjectType('DeliveryAttempt', {
  description: 'One try: when, by which worker, how it ended, status code and latency.',
})
export class DeliveryAttemptModel {
  @Field(() => Int) attempt!: number;
  @Field() worker!: string;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => AttemptOutcomeEnum) outcome!: AttemptOutcomeEnum;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the receiver, or the SMTP reply code.' })
  responseCode!: number | null;
  @Field(() => Int, { nullable: true }) latencyMs!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

@ObjectType('DeliveryEvent', { description: 'The event a delivery carries.' })
export class DeliveryEventModel {
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field() occurredAt!: Date;
  @Field(() => ID) changeId!: string;
}

@ObjectType('Delivery', {
  description: 'One event to one subscriber (email) or webhook endpoint: who was told what, and when.',
})
export class DeliveryModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'The idempotency key receivers see (webhook-id; the email Message-ID carries the id too).' })
  webhookId!: string;
  @Field(() => DeliveryChannelEnum) channel!: DeliveryChannelEnum;
  @Field(() => ID, { description: 'The subscriber or webhook endpoint.' }) targetId!: string;
  @Field(() => String, { nullable: true, description: 'Its email address or URL (absent once deleted).' })
  recipient!: string | null;
  @Field(() => DeliveryStatusEnum) status!: DeliveryStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field() createdAt!: Date;
  @Field() nextAttemptAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => DeliveryEventModel) event!: DeliveryEventModel;
  @Field(() => [DeliveryAttemptModel]) attemptLog!: DeliveryAttemptModel[];
}

@ObjectType('DeliveryPage')
export class DeliveryPage {
  @Field(() => [DeliveryModel]) items!: DeliveryModel[];
  @Field(() => Int, { description: 'How many match the filter, over all pages.' }) totalCount!: number;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last.' })
  nextCursor!: string | null;
}

@ArgsType()
export class DeliveriesArgs {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() changeId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() eventId?: string;
  @Field(() => DeliveryStatusEnum, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryStatusEnum)
  status?: DeliveryStatusEnum;
  @Field(() => DeliveryChannelEnum, { nullable: true })
  @IsOptional()
  @IsEnum(DeliveryChannelEnum)
  channel?: DeliveryChannelEnum;
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 500 (default 100).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  first?: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) after?: string;
}
