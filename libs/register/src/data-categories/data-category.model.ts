import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import type { CustomDataCategory } from './data-category.entity.js';

@ObjectType('CustomDataCategory', { description: "The organisation's own personal-data category." })
export class CustomDataCategoryModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field({ description: 'Upper case, e.g. STUDENT_PORTFOLIO; never a shipped code.' }) code!: string;
  @Field() labelNl!: string;
  @Field() labelEn!: string;
  @Field({ description: 'Art. 9(1) special-category data.' }) special!: boolean;
  @Field({ description: 'Art. 10 criminal-conviction data.' }) criminal!: boolean;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(category: CustomDataCategory, readAt?: Date): CustomDataCategoryModel {
    return Object.assign(new CustomDataCategoryModel(), category, { readAt });
  }
}

export const CustomDataCategoryConnection = Connection(CustomDataCategoryModel, 'CustomDataCategory');

@ObjectType('DataCategory', { description: 'A personal-data category: shipped (DC_…) or the organisation’s own.' })
export class DataCategoryModel {
  @Field() code!: string;
  @Field() labelNl!: string;
  @Field() labelEn!: string;
  @Field({ description: 'Art. 9(1) special-category data.' }) special!: boolean;
  @Field({ description: 'Art. 10 criminal-conviction data.' }) criminal!: boolean;
  @Field({ description: "The organisation's own category (see customDataCategories)." }) custom!: boolean;
  @Field(() => String, { nullable: true, description: 'Shipped grouping, e.g. CONTACT; null for own ones.' })
  group!: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the own category; null for shipped ones.' })
  customId!: string | null;
}
