import { Module } from '@nestjs/common';

// Placeholder: filled in by the reference work (service, resolver, models, inputs).
@Module({ providers: [], exports: [] })
export class ReferenceDataModule {}

export const REFERENCE_RESOLVERS: Array<new (...args: never[]) => unknown> = [];
