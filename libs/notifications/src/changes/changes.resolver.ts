import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { AppError, Permission, type Principal, UuidPipe } from '#core';
import { requestLoader } from '#register';
import { ObjectionModel } from '../objections/objection.graphql.js';
import { ObjectionsService } from '../objections/objections.service.js';
import {
  AnnounceSubprocessorAdditionInput,
  AnnounceSubprocessorChangeInput,
  AnnounceSubprocessorRemovalInput,
  AnnounceSubprocessorReplacementInput,
  ChangeFilterArgs,
  DecideSubprocessorChangeInput,
} from './change.inputs.js';
import { ChangeApprovalModel, SubprocessorChangeModel } from './change.models.js';
import { ChangesService } from './changes.service.js';
import type { ChangeStatus } from './subprocessor-change.entity.js';

@Resolver(() => SubprocessorChangeModel)
export class ChangesResolver {
  constructor(
    private readonly changes: ChangesService,
    private readonly objectionsService: ObjectionsService,
  ) {}

  @Requires(Permission.Read)
  @Query(() => [SubprocessorChangeModel], {
    description: 'Announced subprocessor changes, newest first (at most 500).',
  })
  async subprocessorChanges(
    @CurrentPrincipal() principal: Principal,
    @Args() filter: ChangeFilterArgs,
  ): Promise<SubprocessorChangeModel[]> {
    const found = await this.changes.list(principal, {
      ...(filter.status ? { status: filter.status as ChangeStatus } : {}),
      ...(filter.engagementId ? { engagementId: filter.engagementId } : {}),
    });
    return found.map(SubprocessorChangeModel.from);
  }

  @Requires(Permission.Read)
  @Query(() => SubprocessorChangeModel)
  async subprocessorChange(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<SubprocessorChangeModel> {
    return SubprocessorChangeModel.from(await this.changes.get(principal, id));
  }

  @Requires(Permission.Write)
  @Mutation(() => SubprocessorChangeModel, {
    description: 'Announce a new subprocessor: recorded as planned, active once the notice period has passed.',
  })
  async announceSubprocessorAddition(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AnnounceSubprocessorAdditionInput,
  ): Promise<SubprocessorChangeModel> {
    const { engagement, ...options } = input;
    return SubprocessorChangeModel.from(await this.changes.announceAddition(principal, engagement, options));
  }

  @Requires(Permission.Write)
  @Mutation(() => SubprocessorChangeModel, {
    description: 'Announce a material change to an active subprocessor; applied when it takes effect.',
  })
  async announceSubprocessorChange(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AnnounceSubprocessorChangeInput,
  ): Promise<SubprocessorChangeModel> {
    const { changes, ...options } = input;
    return SubprocessorChangeModel.from(await this.changes.announceChange(principal, changes, options));
  }

  @Requires(Permission.Write)
  @Mutation(() => SubprocessorChangeModel, { description: 'Announce a new vendor in place of an active one.' })
  async announceSubprocessorReplacement(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AnnounceSubprocessorReplacementInput,
  ): Promise<SubprocessorChangeModel> {
    const { replacedEngagementId, engagement, ...options } = input;
    return SubprocessorChangeModel.from(
      await this.changes.announceReplacement(principal, replacedEngagementId, engagement, options),
    );
  }

  @Requires(Permission.Write)
  @Mutation(() => SubprocessorChangeModel, { description: 'Announce that an active subprocessor will end.' })
  async announceSubprocessorRemoval(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AnnounceSubprocessorRemovalInput,
  ): Promise<SubprocessorChangeModel> {
    const { engagementId, ...options } = input;
    return SubprocessorChangeModel.from(await this.changes.announceRemoval(principal, engagementId, options));
  }

  @Requires(Permission.Write)
  @Mutation(() => SubprocessorChangeModel, {
    description: 'Call a change off before it takes effect; subscribers are told.',
  })
  async withdrawSubprocessorChange(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('reason') reason: string,
  ): Promise<SubprocessorChangeModel> {
    return SubprocessorChangeModel.from(await this.changes.withdraw(principal, id, checkReason(reason)));
  }

  @Requires(Permission.Subscribe)
  @Mutation(() => SubprocessorChangeModel, {
    description:
      "A controller's decision on a change that needs its specific authorisation (its own customer key, or an admin recording it).",
  })
  async decideSubprocessorChange(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DecideSubprocessorChangeInput,
  ): Promise<SubprocessorChangeModel> {
    return SubprocessorChangeModel.from(
      await this.changes.decide(principal, input.changeId, input.partyId, input.approve, input.note),
    );
  }

  @ResolveField(() => [ChangeApprovalModel], {
    description: 'Controllers on specific authorisation and their decisions.',
  })
  async approvals(
    @CurrentPrincipal() principal: Principal,
    @Parent() change: SubprocessorChangeModel,
    @Context() context: object,
  ): Promise<ChangeApprovalModel[]> {
    // One query for every change of the list, not one per change.
    const loader = requestLoader<string, ChangeApprovalModel[]>(context, 'changeApprovals', undefined, async (ids) =>
      groupByChange(ids, await this.changes.approvals(principal, ids)).map((rows) =>
        rows.map(ChangeApprovalModel.from),
      ),
    );
    return loader.load(change.id);
  }

  @ResolveField(() => [ObjectionModel])
  async objections(
    @CurrentPrincipal() principal: Principal,
    @Parent() change: SubprocessorChangeModel,
    @Context() context: object,
  ): Promise<ObjectionModel[]> {
    const loader = requestLoader<string, ObjectionModel[]>(context, 'changeObjections', undefined, async (ids) =>
      groupByChange(ids, await this.objectionsService.list(principal, ids)).map((rows) =>
        rows.map(ObjectionModel.from),
      ),
    );
    return loader.load(change.id);
  }
}

function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 2000)
    throw AppError.badInput('reason', 'Say why the change is withdrawn (3 to 2,000 characters).');
  return trimmed;
}

/** The rows of each requested change, in the order the loader asked for them. */
function groupByChange<T extends { changeId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.changeId)?.push(row);
  return ids.map((id) => groups.get(id)!);
}
