import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TenantsService } from '#accounts';
import { APP_CONFIG, type AppConfig } from '#core';
import { DEMO_TENANTS } from './demo-tenants.js';
import { CONNECTTOOLS_REGISTER } from './registers/connecttools.register.js';
import { CRADEQ_REGISTER } from './registers/cradeq.register.js';
import { RegisterSeeder } from './registers/register-seeder.js';

const REGISTERS = [CRADEQ_REGISTER, CONNECTTOOLS_REGISTER];

/** Creates the demo tenants: at start when the database has no tenant yet, or on demand (CLI). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly tenants: TenantsService,
    private readonly registers: RegisterSeeder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demo.seedWhenEmpty && (await this.tenants.count()) === 0) await this.seed();
  }

  /** Idempotent: a demo tenant that exists already is left as it is. Each comes with its register. */
  async seed(): Promise<string[]> {
    const created: string[] = [];
    for (const demo of DEMO_TENANTS) {
      if (await this.tenants.findBySlug(demo.slug)) continue;
      const { tenant } = await this.tenants.create(demo);
      const register = REGISTERS.find((r) => r.tenant === demo.slug);
      if (register) await this.registers.seed(tenant, register);
      created.push(demo.slug);
    }
    if (created.length > 0) this.logger.log(`seeded demo tenants: ${created.join(', ')}`);
    return created;
  }
}
