import { Args, Context, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, principalIn, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { byKey, requestLoader } from '../common/loaders.js';
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
  ) {}

  @Requires(Permission.Read)
  @Query(() => ActivityConnection, { name: 'activities', description: 'Processing activities, by name.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Context() context: object,
    @Args('filter', { nullable: true }) filter?: ActivityFilter,
  ) {
    const among = filter?.transferStatus
      ? await this.withTransferStatus(context, principal, filter.transferStatus, asOf)
      : undefined;
    const connection = await this.activities.list(principal, filter, page, asOf, among);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: ActivityModel.from(e.node, asOf) })),
    };
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
  async jointControllers(
    // No parameter decorators: NestJS calls it as a plain GraphQL resolver (its fast path).
    activity: Pick<ActivityModel, 'jointControllerIds' | 'readAt'>,
    _args: unknown,
    context: object,
  ): Promise<PartyModel[]> {
    const loader = partyLoader(context, principalIn(context), this.parties, activity.readAt);
    const parties = await loader.loadMany(activity.jointControllerIds);
    return parties.filter((p): p is PartyModel => p !== null && !(p instanceof Error));
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
