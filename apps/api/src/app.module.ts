import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { ACCOUNTS_ENTITIES, AccountsModule } from '#accounts';
import { APP_CONFIG, type AppConfig, AppErrorFilter, ConfigModule, InputValidationPipe, loggerOptions } from '#core';
import { DatabaseModule } from '#database';
import { DemoModule } from '#demo';
import { REGISTER_ENTITIES, RegisterModule } from '#register';
import { REPORTS_ENTITIES, ReportsApiModule } from '#reports';
import { graphqlOptions } from './graphql.options.js';
import { HealthController } from './health.controller.js';

/** Every entity the API maps; each feature lib exports its own list. */
export const API_ENTITIES = [...ACCOUNTS_ENTITIES, ...REGISTER_ENTITIES, ...REPORTS_ENTITIES];

@Module({
  imports: [
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerOptions(config) }),
    DatabaseModule.forRoot({ entities: API_ENTITIES, applicationName: 'art30-api' }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: graphqlOptions,
    }),
    AccountsModule,
    RegisterModule,
    ReportsApiModule,
    DemoModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config)] };
  }
}
