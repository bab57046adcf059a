import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import type { TenantTx } from '#database';
import type { Connection } from '../common/pagination.js';
import { assertExternalKeyFree } from '../common/external-key.js';
import { type Condition, RegisterReader } from '../common/register-reader.js';
import { RegisterWriter, type WriteOptions } from '../common/register-writer.js';
import { containsPattern } from '../common/text-search.js';
import { applyChanges, sentFields } from '../common/updates.js';
import { ProductsService } from '../products/products.service.js';
import { Cookie } from './cookie.entity.js';
import type { CookieFilter, CreateCookieInput, UpdateCookieInput } from './dto/cookie.input.js';
import { findForUpdate } from '../common/row-lock.js';

export const cookieReader = new RegisterReader<Cookie>('cookies', Cookie);

/** Cookies and similar technologies per product: list, read as of any instant, create, change, delete. */
@Injectable()
export class CookiesService {
  constructor(
    private readonly register: RegisterWriter,
    private readonly products: ProductsService,
  ) {}

  list(
    principal: Principal,
    filter: CookieFilter = {},
    page: { first?: number; after?: string } = {},
    asOf?: Date,
  ): Promise<Connection<Cookie>> {
    const conditions: Condition[] = [];
    if (filter.productId) conditions.push({ sql: 'r.product_id = ?::uuid', params: [filter.productId] });
    if (filter.category) conditions.push({ sql: 'r.category = ?', params: [filter.category] });
    if (filter.party) conditions.push({ sql: 'r.party = ?', params: [filter.party] });
    if (filter.search) {
      conditions.push({
        sql: '(r.name ILIKE ? OR r.provider ILIKE ? OR r.purpose ILIKE ?)',
        params: Array(3).fill(containsPattern(filter.search)),
      });
    }
    return this.register.read(principal, (tx) => cookieReader.page(tx, { conditions, ...page }, asOf));
  }

  async get(principal: Principal, id: string, asOf?: Date): Promise<Cookie> {
    const [cookie] = await this.register.read(principal, (tx) => cookieReader.byIds(tx, [id], asOf));
    if (!cookie) throw AppError.notFound('Cookie', id);
    return cookie;
  }

  byIds(principal: Principal, ids: readonly string[], asOf?: Date): Promise<Cookie[]> {
    return this.register.read(principal, (tx) => cookieReader.byIds(tx, ids, asOf));
  }

  create(principal: Principal, input: CreateCookieInput, options?: WriteOptions): Promise<Cookie> {
    return this.register.write(principal, (tx) => this.insert(tx, input), options);
  }

  /** Inside a caller's transaction (imports and seeding write many rows in one). */
  async insert(tx: TenantTx, input: CreateCookieInput): Promise<Cookie> {
    const now = new Date();
    const cookie = tx.em.create(Cookie, {
      productId: null,
      purpose: null,
      provider: null,
      lifetime: null,
      description: null,
      externalKey: null,
      ...sentFields(input),
      tenantId: tx.tenantId,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
    });
    await this.guard(tx, cookie);
    await tx.em.insert(Cookie, cookie);
    return cookie;
  }

  update(principal: Principal, input: UpdateCookieInput, options?: WriteOptions): Promise<Cookie> {
    return this.register.write(
      principal,
      async (tx) => {
        const cookie = await findForUpdate(tx, Cookie, input.id);
        if (!cookie) throw AppError.notFound('Cookie', input.id);
        applyChanges(cookie, sentFields(input), ['name', 'category', 'party']);
        await this.guard(tx, cookie);
        cookie.updatedAt = new Date();
        return tx.em.save(cookie);
      },
      options,
    );
  }

  delete(principal: Principal, id: string, options?: WriteOptions): Promise<Cookie> {
    return this.register.write(
      principal,
      async (tx) => {
        const cookie = await tx.em.findOneBy(Cookie, { tenantId: tx.tenantId, id });
        if (!cookie) throw AppError.notFound('Cookie', id);
        await tx.em.delete(Cookie, { tenantId: tx.tenantId, id });
        return cookie;
      },
      options,
    );
  }

  private async guard(tx: TenantTx, cookie: Cookie): Promise<void> {
    if (cookie.productId) cookie.productId = await this.products.checkId(tx, 'input.productId', cookie.productId);
    await assertExternalKeyFree(tx, 'cookies', 'cookie', cookie.externalKey, cookie.id);
  }
}
