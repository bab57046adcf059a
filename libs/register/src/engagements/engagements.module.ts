import { Module } from '@nestjs/common';
import { DataCategoriesModule } from '../data-categories/data-categories.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { ProductsModule } from '../products/products.module.js';
import { ActivityLinksResolver } from './activity-links.resolver.js';
import { EngagementsResolver } from './engagements.resolver.js';
import { EngagementsService } from './engagements.service.js';

@Module({
  imports: [PartiesModule, ProductsModule, DataCategoriesModule],
  providers: [EngagementsService, EngagementsResolver, ActivityLinksResolver],
  exports: [EngagementsService],
})
export class EngagementsModule {}

export const ENGAGEMENTS_RESOLVERS = [EngagementsResolver, ActivityLinksResolver];
