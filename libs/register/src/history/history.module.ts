import { Module } from '@nestjs/common';

// Placeholder: filled in by the history work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class HistoryModule {}

export const HISTORY_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
