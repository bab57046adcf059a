import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { ActivityModel } from '../activities/activity.model.js';
import { ProductModel } from '../products/product.model.js';
import { loadProducts } from '../products/products.resolver.js';
import { ProductsService } from '../products/products.service.js';
import { EngagementModel } from './engagement.model.js';
import { engagementLoader } from './engagements.resolver.js';
import { EngagementsService } from './engagements.service.js';

/** An activity's products and engagements, batched, as of the instant the activity was read at. */
@Resolver(() => ActivityModel)
export class ActivityLinksResolver {
  constructor(
    private readonly productsService: ProductsService,
    private readonly engagementsService: EngagementsService,
  ) {}

  @Requires(Permission.Read)
  @ResolveField(() => [ProductModel], { description: 'The products this activity concerns.' })
  products(
    // Not the class: the global input pipe would validate a parent typed as one.
    @Parent() activity: Pick<ActivityModel, 'productIds' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductModel[]> {
    return loadProducts(context, principal, this.productsService, activity.productIds, activity.readAt);
  }

  @Requires(Permission.Read)
  @ResolveField(() => [EngagementModel], { description: 'The subprocessor engagements this activity relies on.' })
  async engagements(
    @Parent() activity: Pick<ActivityModel, 'engagementIds' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EngagementModel[]> {
    const found = await engagementLoader(context, principal, this.engagementsService, activity.readAt).loadMany(
      activity.engagementIds,
    );
    return found.filter((e): e is EngagementModel => e !== null && !(e instanceof Error));
  }
}
