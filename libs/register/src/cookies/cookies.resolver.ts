import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { PageArgs } from '../common/pagination.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { ProductModel } from '../products/product.model.js';
import { productLoader } from '../products/products.resolver.js';
import { ProductsService } from '../products/products.service.js';
import { CookieConnection, CookieModel } from './cookie.model.js';
import { CookiesService } from './cookies.service.js';
import { CookieFilter, CreateCookieInput, UpdateCookieInput } from './dto/cookie.input.js';

@Resolver(() => CookieModel)
export class CookiesResolver {
  constructor(
    private readonly cookies: CookiesService,
    private readonly products: ProductsService,
  ) {}

  @Requires(Permission.Read)
  @Query(() => CookieConnection, { name: 'cookies', description: 'Cookies and similar technologies, by name.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Args('filter', { nullable: true }) filter?: CookieFilter,
  ) {
    const connection = await this.cookies.list(principal, filter, page, asOf);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: CookieModel.from(e.node, asOf) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => CookieModel)
  async cookie(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<CookieModel> {
    return CookieModel.from(await this.cookies.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Read)
  @ResolveField(() => ProductModel, { nullable: true, description: 'The product that sets it.' })
  async product(
    // Not the class: the global input pipe would validate a parent typed as one.
    @Parent() cookie: Pick<CookieModel, 'productId' | 'readAt'>,
    @Context() context: object,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProductModel | null> {
    if (!cookie.productId) return null;
    return productLoader(context, principal, this.products, cookie.readAt).load(cookie.productId);
  }

  @Requires(Permission.Write)
  @Mutation(() => CookieModel)
  async createCookie(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateCookieInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CookieModel> {
    return CookieModel.from(await this.cookies.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => CookieModel)
  async updateCookie(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateCookieInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CookieModel> {
    return CookieModel.from(await this.cookies.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => CookieModel)
  async deleteCookie(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CookieModel> {
    return CookieModel.from(await this.cookies.delete(principal, id, { note }));
  }
}
