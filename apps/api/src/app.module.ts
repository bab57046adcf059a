import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { ACCOUNTS_ENTITIES, AccountsModule, AuthService, RateLimiter } from '#accounts';
import { APP_CONFIG, type AppConfig, AppErrorFilter, ConfigModule, InputValidationPipe, loggerOptions } from '#core';
import { DatabaseModule } from '#database';
import { DemoModule } from '#demo';
import { NOTIFICATIONS_ENTITIES, NotificationsModule } from '#notifications';
import { REGISTER_ENTITIES, RegisterModule } from '#register';
import { REPORTS_ENTITIES, ReportsApiModule } from '#reports';
import { Art30ApolloDriver } from './graphql.driver.js';
import { graphqlOptions } from './graphql.options.js';
import { HealthController } from './health.controller.js';
import { InlineWorker } from './inline-worker.js';
import { ReadScopeMiddleware } from './read-scope.middleware.js';

/** Every entity the API maps; each feature lib exports its own list. */
export const API_ENTITIES = [
  ...ACCOUNTS_ENTITIES,
  ...REGISTER_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...REPORTS_ENTITIES,
];

@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerOptions(config) }),
    DatabaseModule.forRoot({ entities: API_ENTITIES, applicationName: 'art30-api' }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: Art30ApolloDriver,
      imports: [AccountsModule],
      inject: [APP_CONFIG, AuthService, RateLimiter],
      useFactory: graphqlOptions,
    }),
    AccountsModule,
    RegisterModule,
    NotificationsModule,
    ReportsApiModule,
    DemoModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
    InlineWorker,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ReadScopeMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }

  static forRoot(config?: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config)] };
  }
}
