import { Module } from '@nestjs/common';
import { ProductsModule } from '../products/products.module.js';
import { CookiesResolver } from './cookies.resolver.js';
import { CookiesService } from './cookies.service.js';

@Module({ imports: [ProductsModule], providers: [CookiesService, CookiesResolver], exports: [CookiesService] })
export class CookiesModule {}

export const COOKIES_RESOLVERS = [CookiesResolver];
