import { Module } from '@nestjs/common';
import { EngagementsModule } from '../engagements/engagements.module.js';
import { HealthModule } from '../health/health.module.js';
import { PartiesModule } from '../parties/parties.module.js';
import { ActivitiesResolver } from './activities.resolver.js';
import { ActivitiesService } from './activities.service.js';
import {
  ActivityControllerResolver,
  ActivityRecipientResolver,
  ActivityTransferResolver,
} from './activity-parties.resolver.js';

const RESOLVERS = [ActivitiesResolver, ActivityControllerResolver, ActivityRecipientResolver, ActivityTransferResolver];

@Module({
  imports: [PartiesModule, HealthModule, EngagementsModule],
  providers: [ActivitiesService, ...RESOLVERS],
  exports: [ActivitiesService],
})
export class ActivitiesModule {}

export const ACTIVITIES_RESOLVERS = RESOLVERS;
