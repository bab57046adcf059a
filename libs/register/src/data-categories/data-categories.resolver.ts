import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires } from '#accounts';
import { Permission, type Principal, UuidPipe } from '#core';
import { DATA_CATEGORIES } from '#gdpr';
import { AsOfArgs } from '../common/as-of.js';
import { PageArgs } from '../common/pagination.js';
import { ChangeNoteArgs } from '../common/change-note.args.js';
import { DataCategoriesService } from './data-categories.service.js';
import {
  CreateCustomDataCategoryInput,
  CustomDataCategoryFilter,
  UpdateCustomDataCategoryInput,
} from './dto/data-category.input.js';
import { CustomDataCategoryConnection, CustomDataCategoryModel, DataCategoryModel } from './data-category.model.js';

const SHIPPED: DataCategoryModel[] = DATA_CATEGORIES.map((c) => ({
  code: c.code,
  labelNl: c.label.nl,
  labelEn: c.label.en,
  special: c.special,
  criminal: c.criminal,
  custom: false,
  group: c.group.toUpperCase(),
  customId: null,
}));

@Resolver(() => CustomDataCategoryModel)
export class DataCategoriesResolver {
  constructor(private readonly categories: DataCategoriesService) {}

  @Requires(Permission.Read)
  @Query(() => [DataCategoryModel], {
    description: 'Every data category usable in the register: the shipped taxonomy and your own, by code.',
  })
  async dataCategories(
    @CurrentPrincipal() principal: Principal,
    @Args() { asOf }: AsOfArgs,
  ): Promise<DataCategoryModel[]> {
    const custom = (await this.categories.all(principal, asOf)).map((c): DataCategoryModel => ({
      code: c.code,
      labelNl: c.labelNl,
      labelEn: c.labelEn,
      special: c.special,
      criminal: c.criminal,
      custom: true,
      group: null,
      customId: c.id,
    }));
    return [...SHIPPED, ...custom].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  @Requires(Permission.Read)
  @Query(() => CustomDataCategoryConnection, { description: 'Your own data categories, by code.' })
  async customDataCategories(
    @CurrentPrincipal() principal: Principal,
    @Args() page: PageArgs,
    @Args() { asOf }: AsOfArgs,
    @Args('filter', { nullable: true }) filter?: CustomDataCategoryFilter,
  ) {
    const connection = await this.categories.list(principal, filter, page, asOf);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: CustomDataCategoryModel.from(e.node, asOf) })),
    };
  }

  @Requires(Permission.Read)
  @Query(() => CustomDataCategoryModel)
  async customDataCategory(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { asOf }: AsOfArgs,
  ): Promise<CustomDataCategoryModel> {
    return CustomDataCategoryModel.from(await this.categories.get(principal, id, asOf), asOf);
  }

  @Requires(Permission.Write)
  @Mutation(() => CustomDataCategoryModel)
  async createCustomDataCategory(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateCustomDataCategoryInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CustomDataCategoryModel> {
    return CustomDataCategoryModel.from(await this.categories.create(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => CustomDataCategoryModel)
  async updateCustomDataCategory(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateCustomDataCategoryInput,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CustomDataCategoryModel> {
    return CustomDataCategoryModel.from(await this.categories.update(principal, input, { note }));
  }

  @Requires(Permission.Write)
  @Mutation(() => CustomDataCategoryModel, { description: 'Delete an own category no activity or engagement uses.' })
  async deleteCustomDataCategory(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args() { note }: ChangeNoteArgs,
  ): Promise<CustomDataCategoryModel> {
    return CustomDataCategoryModel.from(await this.categories.delete(principal, id, { note }));
  }
}
