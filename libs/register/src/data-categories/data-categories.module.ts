import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { LocalisedFieldResolver } from '../reference/localised.resolver.js';
import { DataCategoriesResolver } from './data-categories.resolver.js';
import { DataCategoriesService } from './data-categories.service.js';
import { CustomDataCategoryModel, DataCategoryModel } from './data-category.model.js';

export const DATA_CATEGORIES_RESOLVERS = [
  DataCategoriesResolver,
  LocalisedFieldResolver(DataCategoryModel),
  LocalisedFieldResolver(CustomDataCategoryModel),
];

@Module({
  imports: [AccountsModule],
  providers: [DataCategoriesService, ...DATA_CATEGORIES_RESOLVERS],
  exports: [DataCategoriesService],
})
export class DataCategoriesModule {}
