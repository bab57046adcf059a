import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { ActivityModel } from '../activities/activity.model.js';
import { AsOfArgs } from '../common/as-of.js';
import { EngagementModel } from '../engagements/engagement.model.js';
import { LocaleArgs } from '../history/history.args.js';
import { LocaleResolver } from '../history/locale.js';
import { ActivityHealthModel, FindingModel, RegisterHealthModel, TransferStatusEnum } from './health.models.js';
import { RegisterHealthService } from './register-health.service.js';

@Resolver()
export class HealthResolver {
  constructor(
    private readonly health: RegisterHealthService,
    private readonly locales: LocaleResolver,
  ) {}

  @Requires(Permission.Read)
  @Query(() => RegisterHealthModel, {
    description: 'Where the register falls short of Art. 30 and related rules, now or as of an instant.',
  })
  async registerHealth(
    @CurrentPrincipal() principal: Principal,
    @Args() { asOf }: AsOfArgs,
    @Args() { locale }: LocaleArgs,
  ): Promise<RegisterHealthModel> {
    const lang = await this.locales.resolve(principal, locale);
    const report = await this.health.evaluate(principal, asOf);
    const { health } = report;
    return {
      asOf: report.readAt,
      day: health.asOf,
      referenceVersion: health.referenceVersion,
      score: health.score,
      counts: { ...health.counts },
      findings: health.findings.map((f) => FindingModel.from(f, lang)),
      activities: health.activities.map((a) => ActivityHealthModel.from(a, report.activities.get(a.activityId)!, lang)),
    };
  }
}

/** Computed fields of an activity, as of the instant it was read at (batched per request). */
@Resolver(() => ActivityModel)
export class ActivityHealthResolver {
  constructor(
    private readonly health: RegisterHealthService,
    private readonly locales: LocaleResolver,
  ) {}

  @Requires(Permission.Read)
  @ResolveField(() => TransferStatusEnum, {
    nullable: true,
    description: 'Worst transfer status over its recipients and engagements, as of the read instant; null: none.',
  })
  async transferStatus(
    @Parent() activity: ActivityModel,
    @CurrentPrincipal() principal: Principal,
    @Context() context: object,
  ): Promise<TransferStatusEnum | null> {
    const health = await this.health.forRequest(context, principal, activity.readAt);
    return (health.activity(activity.id)?.transferStatus ?? null) as TransferStatusEnum | null;
  }

  @Requires(Permission.Read)
  @ResolveField(() => [FindingModel], { description: 'Its register-health findings as of the read instant.' })
  async findings(
    @Parent() activity: ActivityModel,
    @CurrentPrincipal() principal: Principal,
    @Context() context: object,
    @Args() { locale }: LocaleArgs,
  ): Promise<FindingModel[]> {
    const lang = await this.locales.resolve(principal, locale, context);
    const health = await this.health.forRequest(context, principal, activity.readAt);
    return (health.activity(activity.id)?.findings ?? []).map((f) => FindingModel.from(f, lang));
  }
}

@Resolver(() => EngagementModel)
export class EngagementHealthResolver {
  constructor(private readonly health: RegisterHealthService) {}

  @Requires(Permission.Read)
  @ResolveField(() => TransferStatusEnum, {
    nullable: true,
    description: 'Worst transfer status over its processing and access locations, as of the read instant.',
  })
  async transferStatus(
    @Parent() engagement: EngagementModel,
    @CurrentPrincipal() principal: Principal,
    @Context() context: object,
  ): Promise<TransferStatusEnum | null> {
    const health = await this.health.forRequest(context, principal, engagement.readAt);
    return health.engagementTransferStatus(engagement.id) as TransferStatusEnum | null;
  }
}
