import { Module } from '@nestjs/common';

// Placeholder: filled in by the data-categories work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class DataCategoriesModule {}

export const DATA_CATEGORIES_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
