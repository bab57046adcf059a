import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { PartyModel } from '../parties/party.model.js';
import { partyLoader } from '../parties/parties.resolver.js';
import { PartiesService } from '../parties/parties.service.js';
import { ActivityControllerModel, ActivityRecipientModel, ActivityTransferModel } from './activity-values.model.js';

// The `party` of an activity's controllers, recipients and transfers: through the per-request
// party loader (one statement per batch whatever the number of activities), as of the instant
// the activity was read at. Parents are typed structurally (Pick<…>), not as the model class,
// which the global input pipe would try to validate.

@Resolver(() => ActivityControllerModel)
export class ActivityControllerResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  party(
    @Parent() link: Pick<ActivityControllerModel, 'partyId' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartyModel | null> {
    return partyLoader(context, principal, this.parties, link.readAt).load(link.partyId);
  }
}

@Resolver(() => ActivityRecipientModel)
export class ActivityRecipientResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  async party(
    @Parent() recipient: Pick<ActivityRecipientModel, 'partyId' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartyModel | null> {
    if (!recipient.partyId) return null;
    return partyLoader(context, principal, this.parties, recipient.readAt).load(recipient.partyId);
  }
}

@Resolver(() => ActivityTransferModel)
export class ActivityTransferResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  async party(
    @Parent() transfer: Pick<ActivityTransferModel, 'partyId' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartyModel | null> {
    if (!transfer.partyId) return null;
    return partyLoader(context, principal, this.parties, transfer.readAt).load(transfer.partyId);
  }
}
