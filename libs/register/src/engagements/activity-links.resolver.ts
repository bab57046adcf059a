import { ResolveField, Resolver } from '@nestjs/graphql';
import { principalIn, Requires } from '#accounts';
import { Permission } from '#core';
import { ActivityModel } from '../activities/activity.model.js';
import { loadPresent } from '../common/loaders.js';
import { ProductModel } from '../products/product.model.js';
import { loadProducts } from '../products/products.resolver.js';
import { ProductsService } from '../products/products.service.js';
import { EngagementModel } from './engagement.model.js';
import { engagementLoader } from './engagements.resolver.js';
import { EngagementsService } from './engagements.service.js';

/**
 * An activity's products and engagements, batched, as of the instant the activity was read at.
 * No parameter decorators: NestJS calls these as plain GraphQL resolvers (its fast path).
 */
@Resolver(() => ActivityModel)
export class ActivityLinksResolver {
  constructor(
    private readonly productsService: ProductsService,
    private readonly engagementsService: EngagementsService,
  ) {}

  @Requires(Permission.Read)
  @ResolveField(() => [ProductModel], { description: 'The products this activity concerns.' })
  products(
    activity: Pick<ActivityModel, 'productIds' | 'readAt'>,
    _args: unknown,
    context: object,
  ): Promise<ProductModel[]> {
    return loadProducts(context, principalIn(context), this.productsService, activity.productIds, activity.readAt);
  }

  @Requires(Permission.Read)
  @ResolveField(() => [EngagementModel], { description: 'The subprocessor engagements this activity relies on.' })
  engagements(
    activity: Pick<ActivityModel, 'engagementIds' | 'readAt'>,
    _args: unknown,
    context: object,
  ): EngagementModel[] | Promise<EngagementModel[]> {
    const loader = engagementLoader(context, principalIn(context), this.engagementsService, activity.readAt);
    return loadPresent(loader, activity.engagementIds);
  }
}
