import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type Principal, Role } from '#core';
import { TenantDb } from '#database';
import { EngagementsService, PartiesService, ProductsService, RegisterWriter } from '#register';
import type { TestTenant } from '#testing';

export const HOSTILE_VENDOR = `<script>alert(1)</script> & "Co"`;
export const HOSTILE_PURPOSE = `E-mail <b onmouseover="x()">delivery</b>`;
export const HOSTILE_CHANGE_VENDOR = `<img src=x onerror=alert(2)>`;

export interface PublicFixture {
  products: { core: string; carbon: string };
  changes: { upcoming: string; coreOnly: string; effective: string; withdrawn: string; closed: string };
}

/**
 * A register with a history: two subprocessors since 2024-01-10 (one with a hostile name, Core
 * only), a third since 2025-03-01 (Carbon only), and announced changes in every state. Register rows
 * go through the register services (backdated like the demo seed); changes are inserted as rows,
 * as the changes service would leave them.
 */
export async function seedPublicRegister(app: INestApplication, tenant: TestTenant): Promise<PublicFixture> {
  const principal: Principal = {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    role: Role.OWNER,
    kind: 'user',
    actorId: tenant.id,
    actorLabel: 'public page fixture',
  };
  const writer = app.get(RegisterWriter);
  const parties = app.get(PartiesService);
  const products = app.get(ProductsService);
  const engagements = app.get(EngagementsService);
  const on = (day: string) => ({ effectiveAt: new Date(`${day}T09:00:00Z`) });

  const early = await writer.write(
    principal,
    async (tx) => {
      const core = (await products.insert(tx, { name: 'Core' } as never)).id;
      const carbon = (await products.insert(tx, { name: 'Carbon' } as never)).id;
      const hostile = (
        await parties.insert(tx, { name: HOSTILE_VENDOR, roles: ['subprocessor'], country: 'US' } as never)
      ).id;
      const beta = (await parties.insert(tx, { name: 'Beta Hosting', roles: ['subprocessor'], country: 'FI' } as never))
        .id;
      await engagements.insert(tx, {
        vendorId: hostile,
        purpose: HOSTILE_PURPOSE,
        processingLocations: ['US'],
        transferMechanism: 'SCC_MODULE_3',
        productIds: [core],
      } as never);
      await engagements.insert(tx, { vendorId: beta, purpose: 'Hosting', processingLocations: ['FI'] } as never);
      return { core, carbon };
    },
    on('2024-01-10'),
  );
  await writer.write(
    principal,
    async (tx) => {
      const gamma = (
        await parties.insert(tx, { name: 'Gamma Analytics', roles: ['subprocessor'], country: 'DE' } as never)
      ).id;
      await engagements.insert(tx, {
        vendorId: gamma,
        purpose: 'Product analytics',
        processingLocations: ['DE'],
        productIds: [early.carbon],
      } as never);
    },
    on('2025-03-01'),
  );

  const day = 24 * 3600 * 1000;
  const now = Date.now();
  const change = (fields: {
    vendor: string;
    kind?: string;
    status?: string;
    announced: Date;
    effective: Date;
    deadline?: Date;
    productIds?: string[];
    effected?: Date;
    withdrawn?: Date;
  }) => ({ ...fields, id: randomUUID() });
  const rows = {
    upcoming: change({
      vendor: HOSTILE_CHANGE_VENDOR,
      announced: new Date('2025-02-01T10:00:00Z'),
      effective: new Date(now + 20 * day),
      deadline: new Date(now + 10 * day),
    }),
    coreOnly: change({
      vendor: 'Delta Mail',
      announced: new Date(now - day),
      effective: new Date(now + 29 * day),
      productIds: [early.core],
    }),
    effective: change({
      vendor: 'Epsilon Backup',
      kind: 'replaced',
      status: 'effective',
      announced: new Date('2024-12-01T10:00:00Z'),
      effective: new Date('2025-01-01T00:00:00Z'),
      effected: new Date('2025-01-01T00:05:00Z'),
    }),
    withdrawn: change({
      vendor: 'Zeta Support',
      status: 'withdrawn',
      announced: new Date('2025-04-01T10:00:00Z'),
      effective: new Date('2025-05-01T00:00:00Z'),
      withdrawn: new Date('2025-04-10T10:00:00Z'),
    }),
    closed: change({
      vendor: 'Eta Search',
      announced: new Date(now - 40 * day),
      effective: new Date(now + day),
      deadline: new Date(now - day),
    }),
  };
  await app.get(TenantDb).run(tenant.id, async (tx) => {
    for (const row of Object.values(rows)) {
      const kind = row.kind ?? 'added';
      await tx.em.query(
        `INSERT INTO subprocessor_changes (tenant_id, id, kind, engagement_id, replaced_engagement_id, subject, product_ids,
           status, notice_period_days, announced_at, effective_at, objection_deadline, effected_at, withdrawn_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, 30, $9, $10, $11, $12, $13, 'fixture')`,
        [
          tenant.id,
          row.id,
          kind,
          randomUUID(),
          kind === 'replaced' ? randomUUID() : null,
          JSON.stringify({
            vendorName: row.vendor,
            vendorCountry: 'NL',
            purpose: `Purpose of ${row.vendor}`,
            processingLocations: ['NL'],
            accessLocations: [],
            transferMechanism: null,
            dataCategoryCodes: [],
            productNames: [],
            replacedVendorName: kind === 'replaced' ? 'Old Backup Co' : null,
          }),
          row.productIds ?? [],
          row.status ?? 'announced',
          row.announced,
          row.effective,
          row.deadline ?? row.effective,
          row.effected ?? null,
          row.withdrawn ?? null,
        ],
      );
    }
  });
  return {
    products: early,
    changes: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.id])) as PublicFixture['changes'],
  };
}
