import { type DynamicModule, Module } from '@nestjs/common';
import { ACCOUNTS_ENTITIES, AccountsModule } from '#accounts';
import { type AppConfig, ConfigModule } from '#core';
import { DatabaseModule } from '#database';
import { NOTIFICATIONS_ENTITIES } from '#notifications';
import { REGISTER_ENTITIES } from '#register';
import { DemoModule } from '#demo';

@Module({
  imports: [
    DatabaseModule.forRoot({
      entities: [...ACCOUNTS_ENTITIES, ...REGISTER_ENTITIES, ...NOTIFICATIONS_ENTITIES],
      applicationName: 'art30-cli',
    }),
    AccountsModule,
    DemoModule,
  ],
})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config)] };
  }
}
