import { Args, Context, ID, Info, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentPrincipal, principalIn, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { byKey, loadPresent, requestLoader } from '../common/loaders.js';
import { selects } from '../common/lookahead.js';
import { engagementLoader } from '../engagements/engagements.resolver.js';
import { EngagementsService } from '../engagements/engagements.service.js';
import { PageArgs } from '../common/pagination.js';
import { PartyModel } from '../parties/party.model.js';
import { partyLoader } from '../parties/parties.resolver.js';
import { PartiesService } from '../parties/parties.service.js';
import { RegisterHealthService } from '../health/register-health.service.js';
import { ActivitiesService } from './activities.service.js';
import { ActivityConnection, ActivityModel } from './activity.model.js';
import { ActivityFilter, CreateActivityInput, UpdateActivityInput } from './dto/activity.input.js';

@Resolver(() => ActivityModel)
export class ActivitiesResolver {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly parties: PartiesService,
    private readonly health: RegisterHealthService,
    private readonly engagements: EngagementsService,
  ) {}

  @Requires(Permission.Read)
  @Query(() => ActivityConnection, { name: 'activities', description: 'Processing activities, by name.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Context() context: object,
    @Info() info: GraphQLResolveInfo,
    @Args('filter', { nullable: true }) filter?: ActivityFilter,
  ) {
    const among = filter?.transferStatus
      ? await this.withTransferStatus(context, principal, filter.transferStatus, asOf)
      : undefined;
    const connection = await this.activities.list(principal, filter, page, asOf, among);
    const edges = connection.edges.map((e) => ({ cursor: e.cursor, node: ActivityModel.from(e.node, asOf) }));
    await this.prefetchLinks(
      context,
      principal,
      edges.map((e) => e.node),
      (...path) => selects(info, ['edges', 'node', ...path]),
      asOf,
    );
    return { ...connection, edges };
  }

  /**
   * Loads the parties and engagements a page's nested fields will ask for before the page is
   * returned, in two statements (engagements, then every party: controllers', recipients',
   * transfers', joint controllers and the engagements' vendors). The nested resolvers then answer
   * from the loaders without a promise each (loadNow), and graphql-js completes the page's ~500
   * nested objects synchronously: measurably cheaper than a promise per object.
   */
  private async prefetchLinks(
    context: object,
    principal: Principal,
    nodes: ActivityModel[],
    asks: (...path: string[]) => boolean,
    asOf?: Date,
  ): Promise<void> {
    const partyIds = new Set<string>();
    if (asks('controllers', 'party')) for (const n of nodes) for (const c of n.controllers) partyIds.add(c.partyId);
    if (asks('recipients', 'party'))
      for (const n of nodes) for (const r of n.recipients) if (r.partyId) partyIds.add(r.partyId);
    if (asks('transfers', 'party'))
      for (const n of nodes) for (const t of n.transfers) if (t.partyId) partyIds.add(t.partyId);
    if (asks('jointControllers')) for (const n of nodes) for (const id of n.jointControllerIds) partyIds.add(id);
    if (asks('engagements')) {
      const loader = engagementLoader(context, principal, this.engagements, asOf);
      const found = await loadPresent(loader, [...new Set(nodes.flatMap((n) => n.engagementIds))]);
      if (asks('engagements', 'vendor')) for (const e of found) partyIds.add(e.vendorId);
    }
    if (partyIds.size > 0) await partyLoader(context, principal, this.parties, asOf).loadMany([...partyIds]);
  }

  /** Transfer status is computed, not stored: evaluate the request's register snapshot once. */
  private async withTransferStatus(
    context: object,
    principal: Principal,
    status: string,
    asOf?: Date,
  ): Promise<string[]> {
    const health = await this.health.forRequest(context, principal, asOf);
    return health.snapshot.activities
      .map((a) => a.facts.id)
      .filter((id) => health.activity(id)?.transferStatus === status);
  }

  @Requires(Permission.Read)
  @Query(() => ActivityModel)
  async activity(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<ActivityModel> {
    return ActivityModel.from(await this.activities.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Write)
  @Mutation(() => ActivityModel)
  async createActivity(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateActivityInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ActivityModel> {
    return ActivityModel.from(await this.activities.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => ActivityModel)
  async updateActivity(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateActivityInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ActivityModel> {
    return ActivityModel.from(await this.activities.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => ActivityModel, { description: 'Delete an activity; its history stays.' })
  async deleteActivity(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ActivityModel> {
    return ActivityModel.from(await this.activities.delete(principal, id, { note }));
  }

  @Requires(Permission.Read)
  @ResolveField(() => [PartyModel], { description: 'Art. 30(1)(a): the joint controllers.' })
  jointControllers(
    // No parameter decorators: NestJS calls it as a plain GraphQL resolver (its fast path).
    activity: Pick<ActivityModel, 'jointControllerIds' | 'readAt'>,
    _args: unknown,
    context: object,
  ): PartyModel[] | Promise<PartyModel[]> {
    const loader = partyLoader(context, principalIn(context), this.parties, activity.readAt);
    return loadPresent(loader, activity.jointControllerIds);
  }
}

/** A String argument skips the input pipe: its size is checked here. */

/**
 * The per-request activity loader other resolvers use for nested `activity`/`activities`
 * fields: one SQL statement per batch, as of the parent's instant.
 */
export function activityLoader(context: object, principal: Principal, activities: ActivitiesService, asOf?: Date) {
  return requestLoader<string, ActivityModel | null>(context, 'activities', asOf, async (ids) =>
    byKey(ids, await activities.byIds(principal, ids, asOf)).map((a) => (a ? ActivityModel.from(a, asOf) : null)),
  );
}
