import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { byKey, requestLoader } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { CreatePartyInput, PartyFilter, UpdatePartyInput } from './dto/party.input.js';
import { PartyConnection, PartyModel } from './party.model.js';
import { PartiesService } from './parties.service.js';

@Resolver(() => PartyModel)
export class PartiesResolver {
  constructor(private readonly parties: PartiesService) {}

  @Requires(Permission.Read)
  @Query(() => PartyConnection, { name: 'parties', description: 'Organisations in the register, by name.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Args('filter', { nullable: true }) filter?: PartyFilter,
  ) {
    const connection = await this.parties.list(principal, filter, page, asOf);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: PartyModel.from(e.node, asOf) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => PartyModel)
  async party(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<PartyModel> {
    return PartyModel.from(await this.parties.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Write)
  @Mutation(() => PartyModel)
  async createParty(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreatePartyInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<PartyModel> {
    return PartyModel.from(await this.parties.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => PartyModel)
  async updateParty(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdatePartyInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<PartyModel> {
    return PartyModel.from(await this.parties.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => PartyModel, { description: 'Delete a party no activity or engagement names any more.' })
  async deleteParty(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<PartyModel> {
    return PartyModel.from(await this.parties.delete(principal, id, { note }));
  }
}

/**
 * The per-request party loader other resolvers use for nested `party` fields: one SQL statement
 * per batch, as of the parent's instant.
 */
export function partyLoader(context: object, principal: Principal, parties: PartiesService, asOf?: Date) {
  return requestLoader<string, PartyModel | null>(context, 'parties', asOf, async (ids) =>
    byKey(ids, await parties.byIds(principal, ids, asOf)).map((p) => (p ? PartyModel.from(p, asOf) : null)),
  );
}
