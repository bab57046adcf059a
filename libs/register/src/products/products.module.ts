import { Module } from '@nestjs/common';
import { ProductsResolver } from './products.resolver.js';
import { ProductsService } from './products.service.js';

@Module({ providers: [ProductsService, ProductsResolver], exports: [ProductsService] })
export class ProductsModule {}

export const PRODUCTS_RESOLVERS = [ProductsResolver];
