import { Module } from '@nestjs/common';
import { ActivitiesModule, ACTIVITIES_RESOLVERS } from './activities/activities.module.js';
import { RegisterCommonModule } from './common/register-common.module.js';
import { CookiesModule, COOKIES_RESOLVERS } from './cookies/cookies.module.js';
import { DataCategoriesModule, DATA_CATEGORIES_RESOLVERS } from './data-categories/data-categories.module.js';
import { EngagementsModule, ENGAGEMENTS_RESOLVERS } from './engagements/engagements.module.js';
import { HealthModule, HEALTH_RESOLVERS } from './health/health.module.js';
import { HistoryModule, HISTORY_RESOLVERS } from './history/history.module.js';
import { PartiesModule, PARTIES_RESOLVERS } from './parties/parties.module.js';
import { ProductsModule, PRODUCTS_RESOLVERS } from './products/products.module.js';
import { ReferenceDataModule, REFERENCE_RESOLVERS } from './reference/reference.module.js';

/** The Art. 30 register: one module per aggregate, plus history, health and reference data. */
@Module({
  imports: [
    RegisterCommonModule,
    PartiesModule,
    ProductsModule,
    DataCategoriesModule,
    ActivitiesModule,
    EngagementsModule,
    CookiesModule,
    HistoryModule,
    HealthModule,
    ReferenceDataModule,
  ],
  exports: [
    PartiesModule,
    ProductsModule,
    DataCategoriesModule,
    ActivitiesModule,
    EngagementsModule,
    CookiesModule,
    HistoryModule,
    HealthModule,
  ],
})
export class RegisterModule {}

export const REGISTER_RESOLVERS = [
  ...PARTIES_RESOLVERS,
  ...PRODUCTS_RESOLVERS,
  ...DATA_CATEGORIES_RESOLVERS,
  ...ACTIVITIES_RESOLVERS,
  ...ENGAGEMENTS_RESOLVERS,
  ...COOKIES_RESOLVERS,
  ...HISTORY_RESOLVERS,
  ...HEALTH_RESOLVERS,
  ...REFERENCE_RESOLVERS,
];
