import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ACCOUNTS_ENTITIES } from '#accounts';
import { APP_CONFIG, type AppConfig, ConfigModule, loggerOptions } from '#core';
import { DatabaseModule } from '#database';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '#notifications';
import { REGISTER_ENTITIES } from '#register';
import { WorkerRunner } from './worker-runner.js';

/** The background process: delivers the outbox (email, webhooks) and activates changes whose notice period ended. */
@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerOptions(config) }),
    DatabaseModule.forRoot({
      entities: [...ACCOUNTS_ENTITIES, ...REGISTER_ENTITIES, ...NOTIFICATIONS_ENTITIES],
      applicationName: 'art30-worker',
    }),
    NotificationsModule,
  ],
  providers: [WorkerRunner],
})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [ConfigModule.forRoot(config)] };
  }
}
