import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal } from '#core';
import { PageArgs } from '../common/pagination.js';
import { RegisterChangelog } from './changelog.service.js';
import { ChangelogFilterArgs, EntityHistoryArgs, LocaleArgs } from './history.args.js';
import {
  RegisterChangelogModel,
  RegisterChangeModel,
  RegisterChangeSetModel,
  RegisterHistoryVerificationModel,
} from './history.models.js';
import { HistoryVerifier } from './history-verifier.js';
import { LocaleResolver } from './locale.js';

@Resolver()
export class HistoryResolver {
  constructor(
    private readonly changelog: RegisterChangelog,
    private readonly verifier: HistoryVerifier,
    private readonly locales: LocaleResolver,
  ) {}

  @Requires(Permission.Read)
  @Query(() => RegisterChangelogModel, {
    description: 'What changed in the register, per transaction, newest first: who, when, why, in words and as a diff.',
  })
  async registerChangelog(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() filter: ChangelogFilterArgs,
    @Args() { locale }: LocaleArgs,
  ): Promise<RegisterChangelogModel> {
    const lang = await this.locales.resolve(principal, locale);
    const log = await this.changelog.list(principal, { ...page, ...filter });
    return {
      ...log,
      edges: log.edges.map((e) => ({ cursor: e.cursor, node: RegisterChangeSetModel.from(e.node, lang) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => [RegisterChangeModel], { description: 'Every recorded change of one register object, newest first.' })
  async entityHistory(
    @CurrentPrincipal() principal: Principal,
    @Args() args: EntityHistoryArgs,
    @Args() { locale }: LocaleArgs,
  ): Promise<RegisterChangeModel[]> {
    const lang = await this.locales.resolve(principal, locale);
    const entries = await this.changelog.entityHistory(principal, args.entityType, args.entityId, args.first);
    return entries.map((entry) => RegisterChangeModel.from(entry, lang));
  }

  @Requires(Permission.Read)
  @Query(() => RegisterHistoryVerificationModel, {
    description: "Recomputes the tenant's hash-chained history and reports the first entry that does not verify.",
  })
  verifyRegisterHistory(@CurrentPrincipal() principal: Principal): Promise<RegisterHistoryVerificationModel> {
    return this.verifier.verify(principal);
  }
}
