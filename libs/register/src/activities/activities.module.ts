import { Module } from '@nestjs/common';

// Placeholder: filled in by the activities work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class ActivitiesModule {}

export const ACTIVITIES_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
