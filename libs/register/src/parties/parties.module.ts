import { Module } from '@nestjs/common';
import { PartiesResolver } from './parties.resolver.js';
import { PartiesService } from './parties.service.js';

@Module({ providers: [PartiesService, PartiesResolver], exports: [PartiesService] })
export class PartiesModule {}

export const PARTIES_RESOLVERS = [PartiesResolver];
