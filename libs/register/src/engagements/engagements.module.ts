import { Module } from '@nestjs/common';

// Placeholder: filled in by the engagements work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class EngagementsModule {}

export const ENGAGEMENTS_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
