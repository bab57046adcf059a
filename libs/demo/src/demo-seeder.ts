import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TenantsService } from '#accounts';
import { APP_CONFIG, type AppConfig } from '#core';
import { DEMO_TENANTS } from './demo-tenants.js';

/** Creates the demo tenants: at start when the database has no tenant yet, or on demand (CLI). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly tenants: TenantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demo.seedWhenEmpty && (await this.tenants.count()) === 0) await this.seed();
  }

  /** Idempotent: a demo tenant that exists already is left as it is. */
  async seed(): Promise<string[]> {
    const created: string[] = [];
    for (const demo of DEMO_TENANTS) {
      if (await this.tenants.findBySlug(demo.slug)) continue;
      await this.tenants.create(demo);
      created.push(demo.slug);
    }
    if (created.length > 0) this.logger.log(`seeded demo tenants: ${created.join(', ')}`);
    return created;
  }
}
