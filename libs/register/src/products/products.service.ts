import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import { isForeignKeyViolation } from '../common/code-checks.js';
import { assertExternalKeyFree } from '../common/external-key.js';
import type { Connection } from '../common/pagination.js';
import { type Condition, RegisterReader } from '../common/register-reader.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { containsPattern } from '../common/text-search.js';
import { applyChanges, sentFields } from '../common/updates.js';
import type { CreateProductInput, ProductFilter, UpdateProductInput } from './dto/product.input.js';
import { Product } from './product.entity.js';
import { findForUpdate } from '../common/row-lock.js';

export const productReader = new RegisterReader<Product>('products', Product);

/** The tenant's products and services: list, read as of any instant, create, change, delete. */
@Injectable()
export class ProductsService {
  constructor(private readonly register: RegisterWriter) {}

  list(
    principal: Principal,
    filter: ProductFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
  ): Promise<Connection<Product>> {
    const conditions: Condition[] = [];
    if (filter.search) {
      conditions.push({
        sql: '(r.name ILIKE ? OR r.description ILIKE ?)',
        params: Array(2).fill(containsPattern(filter.search)),
      });
    }
    return this.register.read(principal, (tx) => productReader.page(tx, { conditions, ...page }, asOf));
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<Product> {
    const [product] = await this.register.read(principal, (tx) => productReader.byIds(tx, [id], asOf));
    if (!product) throw AppError.notFound('Product', id);
    return product;
  }

  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<Product[]> {
    return this.register.read(principal, (tx) => productReader.byIds(tx, ids, asOf));
  }

  create(principal: Principal, input: CreateProductInput, options?: WriteOptions): Promise<Product> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  /** Inside a caller's transaction (imports and seeding write many rows in one). */
  async insert(tx: TenantTx, input: CreateProductInput): Promise<Product> {
    const now = new Date();
    const product = tx.em.create(Product, {
      description: null,
      website: null,
      externalKey: null,
      ...sentFields(input),
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await assertExternalKeyFree(tx, 'products', 'product', product.externalKey, product.id);
    await tx.em.insert(Product, product);
    return product;
  }

  update(principal: Principal, input: UpdateProductInput, options?: WriteOptions): Promise<Product> {
    return this.register.write(principal, (tx) => this.patch(tx, input.id, input), options);
  }

  /** Changes the given fields inside a caller's transaction (imports); omitted fields stay. */
  async patch(tx: TenantTx, id: string, changes: Partial<CreateProductInput>): Promise<Product> {
    const product = await findForUpdate(tx, Product, id);
    if (!product) throw AppError.notFound('Product', id);
    applyChanges(product, sentFields(changes), ['name']);
    await assertExternalKeyFree(tx, 'products', 'product', product.externalKey, product.id);
    product.updatedAt = new Date();
    return tx.em.save(product);
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<Product> {
    return this.register.write(
      principal,
      async (tx) => {
        const product = await tx.em.findOneBy(Product, { tenantId: tx.tenantId, id });
        if (!product) throw AppError.notFound('Product', id);
        const uses = await usesOf(tx, id);
        if (uses.length > 0) throw AppError.conflict(`${product.name} is still used by ${uses.join(', ')}.`);
        try {
          await tx.em.delete(Product, { tenantId: tx.tenantId, id });
        } catch (error) {
          if (isForeignKeyViolation(error)) throw AppError.conflict(`${product.name} still has cookies.`);
          throw error;
        }
        return product;
      },
      options,
    );
  }

  /** Ids that are not products of the tenant fail as BAD_USER_INPUT naming the field (`input.productIds[1]`). */
  async checkIds(tx: TenantTx, field: string, ids: readonly string[]): Promise<string[]> {
    const wanted = ids.map((id) => id.toLowerCase());
    const found = new Set((await productReader.byIds(tx, [...new Set(wanted)])).map((p) => p.id));
    const missing = wanted.findIndex((id) => !found.has(id));
    if (missing >= 0) throw AppError.badInput(`${field}[${missing}]`, `Product ${ids[missing]} was not found.`);
    return [...new Set(wanted)];
  }

  /** One product id (`input.productId`), checked like {@link checkIds}. */
  async checkId(tx: TenantTx, field: string, id: string): Promise<string> {
    const [product] = await productReader.byIds(tx, [id.toLowerCase()]);
    if (!product) throw AppError.badInput(field, `Product ${id} was not found.`);
    return product.id;
  }
}

/** What still names a product: cookies (foreign key), activities and engagements (id arrays). */
async function usesOf(tx: TenantTx, id: string): Promise<string[]> {
  const [counts] = (await tx.em.query(
    `SELECT (SELECT count(*)::int FROM cookies WHERE tenant_id = $1 AND product_id = $2) AS cookies,
            (SELECT count(*)::int FROM activities WHERE tenant_id = $1 AND $2 = ANY (product_ids)) AS activities,
            (SELECT count(*)::int FROM engagements WHERE tenant_id = $1 AND $2 = ANY (product_ids)) AS engagements`,
    [tx.tenantId, id],
  )) as Array<{ cookies: number; activities: number; engagements: number }>;
  if (!counts) return [];
  return [
    [counts.cookies, 'cookie', 'cookies'],
    [counts.activities, 'processing activity', 'processing activities'],
    [counts.engagements, 'engagement', 'engagements'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
}
