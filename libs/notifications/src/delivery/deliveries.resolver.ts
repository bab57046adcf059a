import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { DeliveriesService } from './deliveries.service.js';
import { DeliveriesArgs, DeliveryModel, DeliveryPage } from './delivery.model.js';

@Resolver(() => DeliveryModel)
export class DeliveriesResolver {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Requires(Permission.Read)
  @Query(() => DeliveryPage, {
    name: 'deliveries',
    description:
      'Who was told what and when: deliveries of change notices (filter by change, event, status — DEAD is the dead-letter list — or channel) with every attempt.',
  })
  list(@CurrentPrincipal() principal: Principal, @Args() args: DeliveriesArgs): Promise<DeliveryPage> {
    return this.deliveries.page(principal, args);
  }

  @Requires(Permission.Administer)
  @Mutation(() => DeliveryModel, {
    name: 'retryDelivery',
    description:
      'One more attempt, now, for a DEAD delivery (same id, so receivers can de-duplicate); if it fails it is DEAD again. CONFLICT unless it is DEAD and its subscriber or endpoint can still receive it.',
  })
  retry(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<DeliveryModel> {
    return this.deliveries.retry(principal, id);
  }
}
