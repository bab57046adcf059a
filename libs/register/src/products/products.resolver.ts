import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { AsOfArgs } from '../common/as-of.js';
import { byKey, requestLoader } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { CreateProductInput, ProductFilter, UpdateProductInput } from './dto/product.input.js';
import { ProductConnection, ProductModel } from './product.model.js';
import { ProductsService } from './products.service.js';

@Resolver(() => ProductModel)
export class ProductsResolver {
  constructor(private readonly products: ProductsService) {}

  @Requires(Permission.Read)
  @Query(() => ProductConnection, { name: 'products', description: 'Products and services, by name.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Args('filter', { nullable: true }) filter?: ProductFilter,
  ) {
    const connection = await this.products.list(principal, filter, page, asOf);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: ProductModel.from(e.node, asOf) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => ProductModel)
  async product(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<ProductModel> {
    return ProductModel.from(await this.products.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Write)
  @Mutation(() => ProductModel)
  async createProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateProductInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ProductModel> {
    return ProductModel.from(await this.products.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => ProductModel)
  async updateProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateProductInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ProductModel> {
    return ProductModel.from(await this.products.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => ProductModel, { description: 'Delete a product no cookie, activity or engagement names any more.' })
  async deleteProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<ProductModel> {
    return ProductModel.from(await this.products.delete(principal, id, { note }));
  }
}

/** The per-request product loader for nested `products` fields: one statement per batch, as of the parent's instant. */
export function productLoader(context: object, principal: Principal, products: ProductsService, asOf?: Date) {
  return requestLoader<string, ProductModel | null>(context, 'products', asOf, async (ids) =>
    byKey(ids, await products.byIds(principal, ids, asOf)).map((p) => (p ? ProductModel.from(p, asOf) : null)),
  );
}

/** Products by id in the order given, skipping any not visible at that instant. */
export async function loadProducts(
  context: object,
  principal: Principal,
  products: ProductsService,
  ids: readonly string[],
  asOf?: Date,
): Promise<ProductModel[]> {
  const found = await productLoader(context, principal, products, asOf).loadMany(ids);
  return found.filter((p): p is ProductModel => p !== null && !(p instanceof Error));
}
