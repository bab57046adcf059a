import { ResolveField, Resolver } from '@nestjs/graphql';
import { principalIn, Requires } from '#accounts';
import { Permission } from '#core';
import { loadNow } from '../common/loaders.js';
import { PartyModel } from '../parties/party.model.js';
import { partyLoader } from '../parties/parties.resolver.js';
import { PartiesService } from '../parties/parties.service.js';
import { ActivityControllerModel, ActivityRecipientModel, ActivityTransferModel } from './activity-values.model.js';

// The `party` of an activity's controllers, recipients and transfers: through the per-request
// party loader (one statement per batch whatever the number of activities), as of the instant
// the activity was read at. Resolved hundreds of times per page, so written without parameter
// decorators: NestJS then calls them as plain GraphQL resolvers (parent, args, context); and they
// answer without a promise when the page prefetched the party (loadNow).

@Resolver(() => ActivityControllerModel)
export class ActivityControllerResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  party(
    link: Pick<ActivityControllerModel, 'partyId' | 'readAt'>,
    _args: unknown,
    context: object,
  ): PartyModel | null | Promise<PartyModel | null> {
    return loadNow(partyLoader(context, principalIn(context), this.parties, link.readAt), link.partyId);
  }
}

@Resolver(() => ActivityRecipientModel)
export class ActivityRecipientResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  party(
    recipient: Pick<ActivityRecipientModel, 'partyId' | 'readAt'>,
    _args: unknown,
    context: object,
  ): PartyModel | null | Promise<PartyModel | null> {
    if (!recipient.partyId) return null;
    return loadNow(partyLoader(context, principalIn(context), this.parties, recipient.readAt), recipient.partyId);
  }
}

@Resolver(() => ActivityTransferModel)
export class ActivityTransferResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { nullable: true })
  party(
    transfer: Pick<ActivityTransferModel, 'partyId' | 'readAt'>,
    _args: unknown,
    context: object,
  ): PartyModel | null | Promise<PartyModel | null> {
    if (!transfer.partyId) return null;
    return loadNow(partyLoader(context, principalIn(context), this.parties, transfer.readAt), transfer.partyId);
  }
}
