import { Module } from '@nestjs/common';
import { AccountsModule } from '#accounts';
import { RegisterChangelog } from './changelog.service.js';
import { HistoryResolver } from './history.resolver.js';
import { HistoryVerifier } from './history-verifier.js';
import { LocaleResolver } from './locale.js';

/** The register's hash-chained history: changelog, per-object history, chain verification. */
@Module({
  imports: [AccountsModule],
  providers: [HistoryVerifier, RegisterChangelog, LocaleResolver, HistoryResolver],
  exports: [HistoryVerifier, RegisterChangelog, LocaleResolver],
})
export class HistoryModule {}

export const HISTORY_RESOLVERS = [HistoryResolver];
