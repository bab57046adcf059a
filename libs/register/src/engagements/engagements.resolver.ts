import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, principalIn, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { byKey, loadNow, requestLoader } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { partyLoader } from '../parties/parties.resolver.js';
import { PartiesService } from '../parties/parties.service.js';
import { PartyModel } from '../parties/party.model.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { ProductModel } from '../products/product.model.js';
import { loadProducts } from '../products/products.resolver.js';
import { ProductsService } from '../products/products.service.js';
import { CreateEngagementInput, EngagementFilter, UpdateEngagementInput } from './dto/engagement.input.js';
import { EngagementConnection, EngagementModel } from './engagement.model.js';
import { EngagementsService } from './engagements.service.js';

@Resolver(() => EngagementModel)
export class EngagementsResolver {
  constructor(
    private readonly engagements: EngagementsService,
    private readonly parties: PartiesService,
    private readonly productsService: ProductsService,
  ) {}

  @Requires(Permission.Read)
  @Query(() => EngagementConnection, { name: 'engagements', description: 'Subprocessor engagements, by purpose.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Args('filter', { nullable: true }) filter?: EngagementFilter,
  ) {
    const connection = await this.engagements.list(principal, filter, page, asOf);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: EngagementModel.from(e.node, asOf) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => EngagementModel)
  async engagement(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<EngagementModel> {
    return EngagementModel.from(await this.engagements.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Read)
  @ResolveField(() => PartyModel, { description: 'The vendor engaged.' })
  // No parameter decorators on the nested fields: NestJS calls them as plain GraphQL resolvers.
  vendor(
    engagement: Pick<EngagementModel, 'vendorId' | 'readAt'>,
    _args: unknown,
    context: object,
  ): PartyModel | null | Promise<PartyModel | null> {
    return loadNow(partyLoader(context, principalIn(context), this.parties, engagement.readAt), engagement.vendorId);
  }

  @Requires(Permission.Read)
  @ResolveField(() => EngagementModel, { nullable: true, description: 'The engagement this one sits under.' })
  async parent(
    engagement: Pick<EngagementModel, 'parentEngagementId' | 'readAt'>,
    _args: unknown,
    context: object,
  ): Promise<EngagementModel | null> {
    if (!engagement.parentEngagementId) return null;
    return engagementLoader(context, principalIn(context), this.engagements, engagement.readAt).load(
      engagement.parentEngagementId,
    );
  }

  @Requires(Permission.Read)
  @ResolveField(() => [ProductModel])
  products(
    @Parent() engagement: Pick<EngagementModel, 'productIds' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductModel[]> {
    return loadProducts(context, principal, this.productsService, engagement.productIds, engagement.readAt);
  }

  @Requires(Permission.Write)
  @Mutation(() => EngagementModel)
  async createEngagement(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateEngagementInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<EngagementModel> {
    return EngagementModel.from(await this.engagements.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => EngagementModel)
  async updateEngagement(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateEngagementInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<EngagementModel> {
    return EngagementModel.from(await this.engagements.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => EngagementModel, {
    description: 'Delete an engagement no activity relies on and no sub-processor engagement sits under.',
  })
  async deleteEngagement(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<EngagementModel> {
    return EngagementModel.from(await this.engagements.delete(principal, id, { note }));
  }
}

/** The per-request engagement loader for nested fields: one statement per batch, as of the parent's instant. */
export function engagementLoader(context: object, principal: Principal, engagements: EngagementsService, asOf?: Date) {
  return requestLoader<string, EngagementModel | null>(context, 'engagements', asOf, async (ids) =>
    byKey(ids, await engagements.byIds(principal, ids, asOf)).map((e) => (e ? EngagementModel.from(e, asOf) : null)),
  );
}
