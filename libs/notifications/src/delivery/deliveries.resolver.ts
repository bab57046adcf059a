import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
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
}
