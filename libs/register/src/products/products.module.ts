import { Module } from '@nestjs/common';

// Placeholder: filled in by the products work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class ProductsModule {}

export const PRODUCTS_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
