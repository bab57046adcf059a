import { Injectable, Logger } from '@nestjs/common';
import { type Principal, Role } from '#core';
import type { TenantTx } from '#database';
import {
  ActivitiesService,
  CookiesService,
  DataCategoriesService,
  EngagementsService,
  PartiesService,
  ProductsService,
  RegisterWriter,
} from '#register';
import { ChangesService } from '#notifications';
import type { DemoRegister, DemoStep } from './demo-register.types.js';

/** Keys of the demo data (`'upcloud'`) to the ids the database gave them. */
type Ids = Map<string, string>;

/**
 * Writes a demo register step by step through the register services, each step backdated to the
 * policy's changelog date, so the history reads like the policy's changelog and every row passed
 * the same validation as a user's input.
 */
@Injectable()
export class RegisterSeeder {
  private readonly logger = new Logger(RegisterSeeder.name);

  constructor(
    private readonly register: RegisterWriter,
    private readonly parties: PartiesService,
    private readonly products: ProductsService,
    private readonly categories: DataCategoriesService,
    private readonly engagements: EngagementsService,
    private readonly activities: ActivitiesService,
    private readonly cookies: CookiesService,
    private readonly changes: ChangesService,
  ) {}

  async seed(tenant: { id: string; slug: string }, demo: DemoRegister): Promise<void> {
    const principal: Principal = {
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      role: Role.OWNER,
      kind: 'user',
      actorId: tenant.id,
      actorLabel: 'demo seed (from the published privacy policy)',
    };
    const ids = { parties: new Map(), products: new Map(), engagements: new Map(), activities: new Map() };
    for (const [index, step] of demo.steps.entries()) {
      await this.register.write(principal, (tx) => this.apply(tx, step, ids, index > 0), {
        note: step.note,
        effectiveAt: new Date(`${step.on}T09:00:00Z`),
      });
    }
    this.logger.log(`seeded the register of ${tenant.slug} (${demo.steps.length} dated steps)`);
  }

  private async apply(
    tx: TenantTx,
    step: DemoStep,
    ids: Record<'parties' | 'products' | 'engagements' | 'activities', Ids>,
    /** Engagements added after the first step are subprocessor changes the public history shows. */
    recordAdditions: boolean,
  ): Promise<void> {
    const ref = (map: Ids, key: string) => {
      const id = map.get(key);
      if (!id) throw new Error(`demo data refers to unknown key "${key}"`);
      return id;
    };
    for (const { key, ...party } of step.parties ?? [])
      ids.parties.set(key, (await this.parties.insert(tx, party as never)).id);
    for (const { key, ...product } of step.products ?? [])
      ids.products.set(key, (await this.products.insert(tx, product as never)).id);
    for (const category of step.customDataCategories ?? []) await this.categories.insert(tx, category as never);
    for (const { key, vendor, products, ...engagement } of step.engagements ?? []) {
      const input = {
        ...engagement,
        vendorId: ref(ids.parties, vendor),
        productIds: products.map((p) => ref(ids.products, p)),
      };
      const added = await this.engagements.insert(tx, input as never);
      ids.engagements.set(key, added.id);
      if (recordAdditions)
        await this.changes.recordPastAddition(tx, added, new Date(`${step.on}T09:00:00Z`), step.note ?? '');
    }
    for (const { key, controllers, recipients, products, engagements, ...activity } of step.activities ?? []) {
      const input = {
        ...activity,
        productIds: (products ?? []).map((p) => ref(ids.products, p)),
        engagementIds: (engagements ?? []).map((e) => ref(ids.engagements, e)),
        controllers: (controllers ?? []).map(({ party, ...c }) => ({ ...c, partyId: ref(ids.parties, party) })),
        recipients: (recipients ?? []).map(({ party, ...r }) => ({
          ...r,
          ...(party ? { partyId: ref(ids.parties, party) } : {}),
        })),
      };
      ids.activities.set(key, (await this.activities.insert(tx, input as never)).id);
    }
    for (const { product, ...cookie } of step.cookies ?? []) {
      await this.cookies.insert(tx, {
        ...cookie,
        ...(product ? { productId: ref(ids.products, product) } : {}),
      } as never);
    }
    for (const { key, changes } of step.partyUpdates ?? [])
      await this.parties.patch(tx, ref(ids.parties, key), changes as never);
  }
}
