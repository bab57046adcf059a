import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ReadAt } from '../common/as-of.js';
import { Connection } from '../common/pagination.js';
import type { Product } from './product.entity.js';

@ObjectType('Product', { description: 'A product or service of the organisation (e.g. Cradeq Core).' })
export class ProductModel implements ReadAt {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true, description: 'Your own key for imports (unique per tenant).' })
  externalKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  readAt?: Date;

  static from(product: Product, readAt?: Date): ProductModel {
    return Object.assign(new ProductModel(), product, { readAt });
  }
}

export const ProductConnection = Connection(ProductModel, 'Product');
