import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import type { Engagement } from './engagement.entity.js';

export enum EngagementStatusEnum {
  PLANNED = 'planned',
  ACTIVE = 'active',
  ENDED = 'ended',
}
registerEnumType(EngagementStatusEnum, { name: 'EngagementStatus', description: 'Where an engagement stands.' });

@ObjectType('Engagement', {
  description: 'A vendor engaged as (sub)processor: what for, which data, where it is processed and reached from.',
})
export class EngagementModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field(() => ID) vendorId!: string;
  @Field(() => ID, { nullable: true, description: 'The engagement this one is a sub-processor under.' })
  parentEngagementId!: string | null;
  @Field() purpose!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => EngagementStatusEnum) status!: EngagementStatusEnum;
  @Field(() => [ID]) productIds!: string[];
  @Field(() => [String], { description: 'Data-category codes: shipped (DC_…) or the organisation’s own.' })
  dataCategoryCodes!: string[];
  @Field(() => [String], { description: 'Where the data is stored and processed (ISO 3166-1 alpha-2).' })
  processingLocations!: string[];
  @Field(() => [String], { description: 'Where the vendor can reach the data from (support, administration).' })
  accessLocations!: string[];
  @Field(() => String, { nullable: true, description: 'A transferMechanisms code, e.g. SCC_MODULE_3.' })
  transferMechanism!: string | null;
  @Field(() => String, { nullable: true, description: 'The transfer impact assessment.' }) tiaReference!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) tiaReviewDate!: string | null;
  @Field(() => String, { nullable: true }) supplementaryMeasures!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the Art. 28(3) agreement.' })
  dpaSignedOn!: string | null;
  @Field(() => String, { nullable: true }) dpaReference!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) startedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) endedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(engagement: Engagement, readAt?: Date): EngagementModel {
    return Object.assign(new EngagementModel(), engagement, {
      status: engagement.status as EngagementStatusEnum,
      readAt,
    });
  }
}

export const EngagementConnection = Connection(EngagementModel, 'Engagement');
