import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { ActivityHealthResolver, EngagementHealthResolver, HealthResolver } from './health.resolver.js';
import { RegisterFactsBuilder } from './register-facts.builder.js';
import { RegisterHealthService } from './register-health.service.js';

const RESOLVERS = [HealthResolver, ActivityHealthResolver, EngagementHealthResolver];

/** Register health: findings, completeness and computed transfer status (rules from #gdpr). */
@Module({
  imports: [HistoryModule],
  providers: [RegisterFactsBuilder, RegisterHealthService, ...RESOLVERS],
  exports: [RegisterFactsBuilder, RegisterHealthService],
})
export class HealthModule {}

export const HEALTH_RESOLVERS = RESOLVERS;
