import { Module } from '@nestjs/common';

// Placeholder: filled in by the health work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class HealthModule {}

export const HEALTH_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
