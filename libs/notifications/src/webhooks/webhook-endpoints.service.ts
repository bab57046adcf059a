import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, type Principal, Role } from '#core';
import { TenantDb, type TenantTx } from '#database';
import { SecretBox } from '../common/secret-box.js';
import { SsrfGuard, UnsafeUrlError } from './ssrf-guard.js';
import { newWebhookSecret } from './standard-webhooks.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export interface EndpointInput {
  url?: string;
  description?: string | null;
  productIds?: string[];
}

/**
 * Webhook endpoints of a tenant. Admins manage all of them; a customer's API key sees and manages
 * only those it registered. URLs pass the SSRF guard when registered or changed (and again at
 * every send). The secret is generated here, returned once, and stored only sealed.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly box: SecretBox;

  constructor(
    private readonly db: TenantDb,
    private readonly guard: SsrfGuard,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.appSecret);
  }

  list(principal: Principal): Promise<WebhookEndpoint[]> {
    return this.db.run(
      principal.tenantId,
      (tx) => tx.em.find(WebhookEndpoint, { where: scope(principal, tx), order: { createdAt: 'ASC', id: 'ASC' } }),
      { readOnly: true },
    );
  }

  async create(
    principal: Principal,
    input: EndpointInput & { url: string },
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const url = await this.checkUrl(input.url);
    const secret = newWebhookSecret();
    return this.db.run(principal.tenantId, async (tx) => {
      const productIds = await checkProducts(tx, input.productIds ?? []);
      const now = new Date();
      const endpoint = tx.em.create(WebhookEndpoint, {
        tenantId: tx.tenantId,
        id: randomUUID(),
        url,
        description: input.description ?? null,
        productIds,
        status: 'active',
        disabledReason: null,
        secretCiphertext: this.box.seal(secret),
        previousSecretCiphertext: null,
        previousSecretExpiresAt: null,
        apiKeyId: principal.role === Role.CUSTOMER ? principal.actorId : null,
        createdBy: principal.actorLabel,
        createdAt: now,
        updatedAt: now,
      });
      await tx.em.insert(WebhookEndpoint, endpoint);
      return { endpoint, secret };
    });
  }

  async update(principal: Principal, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
    const url = input.url === undefined ? undefined : await this.checkUrl(input.url);
    return this.change(principal, id, async (tx, endpoint) => {
      if (url !== undefined) endpoint.url = url;
      if (input.description !== undefined) endpoint.description = input.description;
      if (input.productIds !== undefined) endpoint.productIds = await checkProducts(tx, input.productIds);
    });
  }

  /** Removes the endpoint; what was still waiting for it is cancelled (the log of what was sent stays). */
  remove(principal: Principal, id: string): Promise<string> {
    return this.db.run(principal.tenantId, async (tx) => {
      if (!(await tx.em.existsBy(WebhookEndpoint, { ...scope(principal, tx), id })))
        throw AppError.notFound('Webhook endpoint', id);
      await tx.em.query(
        `UPDATE deliveries SET status = 'cancelled', lease_until = NULL, last_error = 'endpoint deleted'
          WHERE tenant_id = $1 AND channel = 'webhook' AND target_id = $2 AND status = 'pending'`,
        [tx.tenantId, id],
      );
      await tx.em.delete(WebhookEndpoint, { tenantId: tx.tenantId, id });
      return id;
    });
  }

  /** A new secret; the previous one keeps signing (a second signature) for `overlapHours`. */
  async rotateSecret(
    principal: Principal,
    id: string,
    overlapHours = 24,
  ): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const secret = newWebhookSecret();
    const endpoint = await this.change(principal, id, (_tx, e) => {
      e.previousSecretCiphertext = overlapHours > 0 ? e.secretCiphertext : null;
      e.previousSecretExpiresAt = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null;
      e.secretCiphertext = this.box.seal(secret);
      return Promise.resolve();
    });
    return { endpoint, secret };
  }

  /** Back on after a 410 or a switch-off; deliveries cancelled meanwhile stay cancelled. */
  enable(principal: Principal, id: string): Promise<WebhookEndpoint> {
    return this.change(principal, id, async (_tx, e) => {
      await this.checkUrl(e.url);
      e.status = 'active';
      e.disabledReason = null;
    });
  }

  private change(
    principal: Principal,
    id: string,
    apply: (tx: TenantTx, endpoint: WebhookEndpoint) => Promise<void>,
  ): Promise<WebhookEndpoint> {
    return this.db.run(principal.tenantId, async (tx) => {
      const endpoint = await tx.em.findOne(WebhookEndpoint, {
        where: { ...scope(principal, tx), id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!endpoint) throw AppError.notFound('Webhook endpoint', id);
      await apply(tx, endpoint);
      endpoint.updatedAt = new Date();
      await tx.em.save(endpoint);
      return endpoint;
    });
  }

  private async checkUrl(url: string): Promise<string> {
    try {
      return (await this.guard.check(url)).url.toString();
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw AppError.badInput('input.url', error.message);
      throw error;
    }
  }
}

/** Customers' keys see only their own endpoints; everything else of the tenant is invisible to them. */
function scope(principal: Principal, tx: TenantTx): { tenantId: string; apiKeyId?: string } {
  return principal.role === Role.CUSTOMER
    ? { tenantId: tx.tenantId, apiKeyId: principal.actorId }
    : { tenantId: tx.tenantId };
}

async function checkProducts(tx: TenantTx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (unique.length === 0) return [];
  const found = (await tx.em.query(`SELECT id FROM products WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tx.tenantId,
    unique,
  ])) as Array<{ id: string }>;
  const known = new Set(found.map((row) => row.id));
  const missing = unique.find((id) => !known.has(id));
  if (missing) throw AppError.badInput('input.productIds', `Product ${missing} was not found.`);
  return unique;
}
