import { type DynamicModule, Module } from '@nestjs/common';
import { ACCOUNTS_ENTITIES, AccountsModule } from '#accounts';
import { type AppConfig, ConfigModule } from '#core';
import { DatabaseModule } from '#database';
import { EngagementNoticesModule, NOTIFICATIONS_ENTITIES } from '#notifications';
import { REGISTER_ENTITIES, RegisterModule } from '#register';
import { DemoModule } from '#demo';
import { REPORTS_ENTITIES, ReportsModule } from '#reports';

@Module({
  imports: [
    DatabaseModule.forRoot({
      entities: [...ACCOUNTS_ENTITIES, ...REGISTER_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...REPORTS_ENTITIES],
      applicationName: 'art30-cli',
    }),
    AccountsModule,
    RegisterModule,
    ReportsModule,
    // Exports from the CLI list the same Art. 28(2) findings as the API's.
    EngagementNoticesModule,
    DemoModule,
  ],
})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config)] };
  }
}
