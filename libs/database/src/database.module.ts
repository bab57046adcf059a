import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#core';
import { DataSource, type MixedList } from 'typeorm';
import { type PreparedDatabase, prepareDatabase } from './prepare-database.js';
import { APP_DATA_SOURCE, TenantDb } from './tenant-db.js';

export const PREPARED_DATABASE = Symbol('PREPARED_DATABASE');

export interface DatabaseModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  applicationName: string;
}

/**
 * Prepares the database (embedded server, app role, migrations) and opens the app role's pool.
 * Written without @nestjs/typeorm on purpose: its injectable repositories would run outside the
 * tenant transaction; here every query goes through {@link TenantDb}.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PREPARED_DATABASE) private readonly prepared: PreparedDatabase,
  ) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: PREPARED_DATABASE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => prepareDatabase(config.database, (m) => this.logger.log(m)),
        },
        {
          provide: APP_DATA_SOURCE,
          inject: [APP_CONFIG, PREPARED_DATABASE],
          useFactory: (config: AppConfig, prepared: PreparedDatabase) =>
            new DataSource({
              type: 'postgres',
              url: prepared.appUrl,
              entities: options.entities,
              synchronize: false,
              installExtensions: false,
              uuidExtension: 'pgcrypto',
              poolSize: config.database.poolSize,
              applicationName: options.applicationName,
            }).initialize(),
        },
        TenantDb,
      ],
      exports: [TenantDb, PREPARED_DATABASE, APP_DATA_SOURCE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.prepared.embedded?.stop();
  }
}
