import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Tenant, TenantsService } from '#accounts';
import { APP_CONFIG, type AppConfig, AppError, type Principal } from '#core';
import { TenantDb, type TenantTx } from '#database';
import type { Lang } from '#gdpr';
import { ProductsService } from '#register';
import { isEmail } from 'class-validator';
import { Mailer, type OutgoingMail } from '../delivery/mailer.js';
import { signLink, verifyLink } from '../common/signed-links.js';
import { CONSENT_TEXT_VERSION } from './consent.js';
import {
  CONFIRMATION_TTL_MS,
  hashConfirmationToken,
  isWellFormedToken,
  newConfirmationToken,
  RESEND_INTERVAL_MS,
} from './confirmation-token.js';
import { alreadySubscribedMail, confirmationMail } from './subscription-mail.js';
import { Subscriber, type SubscriberStatus } from './subscriber.entity.js';
import { publicLinks } from '../public/public-links.js';

export interface SubscriptionRequest {
  email: string;
  language: Lang;
  /** Empty: every product. */
  productIds: readonly string[];
}

/** Where a confirmation came from: the proof of consent stored with it. */
export interface ConsentContext {
  ip: string | null;
  userAgent: string | null;
}

export interface SubscriberFilter {
  status?: SubscriberStatus;
  search?: string;
}

export interface SubscriberPage {
  nodes: Subscriber[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What one request leads to once its transaction committed. */
type Outcome =
  | { kind: 'confirm'; subscriber: Subscriber; token: string }
  | { kind: 'already'; subscriber: Subscriber }
  | { kind: 'quiet'; subscriber: Subscriber };

/**
 * Email subscribers without an account: subscribe (double opt-in), confirm with a consent record,
 * unsubscribe through a signed link, and the tenant admin's list/add/remove.
 *
 * The public paths answer the same whatever the address's state (new, pending, confirmed,
 * unsubscribed), and mail is sent after the answer, so neither the answer nor its timing says
 * whether an address is subscribed. At most one email per address per RESEND_INTERVAL_MS.
 */
@Injectable()
export class SubscribersService implements OnApplicationShutdown {
  private readonly logger = new Logger(SubscribersService.name);
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantsService,
    private readonly products: ProductsService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tenant behind a public slug, or NOT_FOUND. */
  async tenantBySlug(slug: string): Promise<Tenant> {
    const tenant = /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? await this.tenants.findBySlug(slug) : null;
    if (!tenant) throw AppError.notFound('Organisation');
    return tenant;
  }

  /** The public subscribe (page form and the @Public mutation): the same answer for every address. */
  async subscribe(tenant: Tenant, request: SubscriptionRequest, fieldPrefix = ''): Promise<void> {
    const checked = checkRequest(request, fieldPrefix);
    const outcome = await this.db.run(tenant.id, async (tx) => {
      const productIds = await this.products.checkIds(tx, `${fieldPrefix}productIds`, checked.productIds);
      return this.requestSubscription(tx, { ...checked, productIds });
    });
    this.mailOutcome(tenant, outcome);
  }

  /** A tenant admin adds an address: it still has to confirm (double opt-in) before it gets notices. */
  async add(principal: Principal, request: SubscriptionRequest): Promise<Subscriber> {
    const checked = checkRequest(request, 'input.');
    const outcome = await this.db.run(
      principal.tenantId,
      async (tx) => {
        const productIds = await this.products.checkIds(tx, 'input.productIds', checked.productIds);
        const result = await this.requestSubscription(tx, { ...checked, productIds });
        // An admin may know: a confirmed address is a conflict (and the transaction rolls back).
        if (result.subscriber.status === 'confirmed')
          throw AppError.conflict(`${checked.email} is already subscribed.`, 'input.email');
        return result;
      },
      { actor: principal.actorLabel },
    );
    this.mailOutcome(await this.tenants.current(principal), outcome);
    return outcome.subscriber;
  }

  /** Inserts a pending subscriber, or decides what an existing one gets; row-locked, so concurrent requests agree. */
  private async requestSubscription(tx: TenantTx, request: SubscriptionRequest): Promise<Outcome> {
    const now = new Date();
    const { token, hash } = newConfirmationToken();
    const expires = new Date(now.getTime() + CONFIRMATION_TTL_MS);
    const inserted = (await tx.em.query(
      `INSERT INTO subscribers (tenant_id, email, language, product_ids, status, confirmation_token_hash,
                                confirmation_expires_at, requested_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4::uuid[], 'pending', $5, $6, $7, $7, $7)
       ON CONFLICT (tenant_id, lower(email)) DO NOTHING RETURNING id`,
      [tx.tenantId, request.email, request.language, request.productIds, hash, expires, now],
    )) as Array<{ id: string }>;
    if (inserted[0]) return { kind: 'confirm', subscriber: await this.byId(tx, inserted[0].id), token };

    const [row] = (await tx.em.query(
      `SELECT id FROM subscribers WHERE tenant_id = $1 AND lower(email) = lower($2) FOR UPDATE`,
      [tx.tenantId, request.email],
    )) as Array<{ id: string }>;
    const existing = await this.byId(tx, row!.id);
    if (now.getTime() - existing.requestedAt.getTime() < RESEND_INTERVAL_MS)
      return { kind: 'quiet', subscriber: existing };
    if (existing.status === 'confirmed') {
      // Preferences change only through a confirmed request: the one typing here may not own the address.
      await tx.em.update(Subscriber, { tenantId: tx.tenantId, id: existing.id }, { requestedAt: now });
      return { kind: 'already', subscriber: await this.byId(tx, existing.id) };
    }
    await tx.em.update(
      Subscriber,
      { tenantId: tx.tenantId, id: existing.id },
      {
        status: 'pending',
        language: request.language,
        productIds: [...request.productIds],
        confirmationTokenHash: hash,
        confirmationExpiresAt: expires,
        requestedAt: now,
        updatedAt: now,
      },
    );
    return { kind: 'confirm', subscriber: await this.byId(tx, existing.id), token };
  }

  /** A pending subscriber whose confirmation link is valid and unexpired (the confirmation page). */
  async pendingByToken(tenantId: string, token: unknown): Promise<Subscriber | undefined> {
    if (!isWellFormedToken(token)) return undefined;
    return this.db.run(tenantId, (tx) => this.findPending(tx, token), { readOnly: true });
  }

  /** Confirms a pending subscription, storing the consent record; undefined for an invalid or expired link. */
  async confirm(tenantId: string, token: unknown, consent: ConsentContext): Promise<Subscriber | undefined> {
    if (!isWellFormedToken(token)) return undefined;
    return this.db.run(tenantId, async (tx) => {
      const subscriber = await this.findPending(tx, token, true);
      if (!subscriber) return undefined;
      const now = new Date();
      await tx.em.update(
        Subscriber,
        { tenantId, id: subscriber.id },
        {
          status: 'confirmed',
          confirmationTokenHash: null,
          confirmationExpiresAt: null,
          confirmedAt: now,
          consentTextVersion: CONSENT_TEXT_VERSION,
          consentIp: consent.ip?.slice(0, 64) ?? null,
          consentUserAgent: consent.userAgent?.slice(0, 500) ?? null,
          unsubscribedAt: null,
          updatedAt: now,
        },
      );
      return this.byId(tx, subscriber.id);
    });
  }

  private async findPending(tx: TenantTx, token: string, lock = false): Promise<Subscriber | undefined> {
    const [row] = (await tx.em.query(
      `SELECT id FROM subscribers
        WHERE tenant_id = $1 AND status = 'pending' AND confirmation_token_hash = $2 AND confirmation_expires_at > now()
        ${lock ? 'FOR UPDATE' : ''}`,
      [tx.tenantId, hashConfirmationToken(token)],
    )) as Array<{ id: string }>;
    return row ? this.byId(tx, row.id) : undefined;
  }

  /** The subscriber a signed unsubscribe link names, if the link is genuine and for this tenant. */
  async byUnsubscribeToken(tenantId: string, token: unknown): Promise<Subscriber | undefined> {
    const id = this.unsubscribeTarget(tenantId, token);
    if (!id) return undefined;
    return this.db
      .run(tenantId, (tx) => tx.em.findOneBy(Subscriber, { tenantId, id }), { readOnly: true })
      .then((s) => s ?? undefined);
  }

  /** Unsubscribes through a signed link (page form or RFC 8058 one-click). Idempotent. */
  async unsubscribeByToken(tenantId: string, token: unknown): Promise<Subscriber | undefined> {
    const id = this.unsubscribeTarget(tenantId, token);
    if (!id) return undefined;
    return this.db.run(tenantId, (tx) => this.unsubscribe(tx, id));
  }

  private unsubscribeTarget(tenantId: string, token: unknown): string | undefined {
    if (typeof token !== 'string') return undefined;
    const ids = verifyLink(this.config.appSecret, 'unsubscribe', token, 2);
    return ids && ids[0] === tenantId && UUID.test(ids[1]!) ? ids[1] : undefined;
  }

  /** The link every notice carries (List-Unsubscribe). */
  unsubscribeUrl(tenant: Pick<Tenant, 'id' | 'slug'>, subscriberId: string): string {
    const token = signLink(this.config.appSecret, 'unsubscribe', [tenant.id, subscriberId]);
    return publicLinks(this.config.publicBaseUrl, tenant.slug).unsubscribe(token);
  }

  /**
   * Stops notices: the subscriber is kept (with its consent record) as unsubscribed, and email
   * deliveries still queued for it are cancelled.
   */
  private async unsubscribe(tx: TenantTx, id: string): Promise<Subscriber | undefined> {
    const subscriber = await tx.em.findOneBy(Subscriber, { tenantId: tx.tenantId, id });
    if (!subscriber) return undefined;
    if (subscriber.status === 'unsubscribed') return subscriber;
    const now = new Date();
    await tx.em.update(
      Subscriber,
      { tenantId: tx.tenantId, id },
      {
        status: 'unsubscribed',
        unsubscribedAt: now,
        confirmationTokenHash: null,
        confirmationExpiresAt: null,
        updatedAt: now,
      },
    );
    await tx.em.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = 'unsubscribed'
        WHERE tenant_id = $1 AND channel = 'email' AND target_id = $2 AND status = 'pending'`,
      [tx.tenantId, id],
    );
    return this.byId(tx, id);
  }

  /** Admin: stop sending to an address. */
  async remove(principal: Principal, id: string): Promise<Subscriber> {
    const subscriber = await this.db.run(principal.tenantId, (tx) => this.unsubscribe(tx, id), {
      actor: principal.actorLabel,
    });
    if (!subscriber) throw AppError.notFound('Subscriber', id);
    return subscriber;
  }

  async get(principal: Principal, id: string): Promise<Subscriber> {
    const subscriber = await this.db.run(
      principal.tenantId,
      (tx) => tx.em.findOneBy(Subscriber, { tenantId: tx.tenantId, id }),
      {
        readOnly: true,
      },
    );
    if (!subscriber) throw AppError.notFound('Subscriber', id);
    return subscriber;
  }

  /** Admin: subscribers by email address (keyset pages). */
  async list(
    principal: Principal,
    filter: SubscriberFilter,
    page: { first?: number; after?: string },
  ): Promise<SubscriberPage> {
    const first = Math.min(page.first ?? 50, 100);
    return this.db.run(
      principal.tenantId,
      async (tx) => {
        const where = ['tenant_id = $1'];
        const params: unknown[] = [tx.tenantId];
        if (filter.status) where.push(`status = $${params.push(filter.status)}`);
        if (filter.search) where.push(`email ILIKE $${params.push(`%${filter.search.replace(/[\\%_]/g, '\\$&')}%`)}`);
        const [{ count }] = (await tx.em.query(
          `SELECT count(*)::int AS count FROM subscribers WHERE ${where.join(' AND ')}`,
          params,
        )) as [{ count: number }];
        if (page.after) {
          const [key, id] = decodeCursor(page.after);
          where.push(`(lower(email), id) > ($${params.push(key)}, $${params.push(id)}::uuid)`);
        }
        const rows = (await tx.em.query(
          `SELECT id FROM subscribers WHERE ${where.join(' AND ')} ORDER BY lower(email), id LIMIT ${first + 1}`,
          params,
        )) as Array<{ id: string }>;
        const ids = rows.slice(0, first).map((r) => r.id);
        const found = ids.length
          ? await tx.em.findBy(
              Subscriber,
              ids.map((id) => ({ tenantId: tx.tenantId, id })),
            )
          : [];
        const nodes = ids.map((id) => found.find((s) => s.id === id)!);
        const last = nodes.at(-1);
        return {
          nodes,
          totalCount: count,
          hasNextPage: rows.length > first,
          endCursor: last ? encodeCursor(last.email.toLowerCase(), last.id) : null,
        };
      },
      { readOnly: true },
    );
  }

  private byId(tx: TenantTx, id: string): Promise<Subscriber> {
    return tx.em.findOneByOrFail(Subscriber, { tenantId: tx.tenantId, id });
  }

  private mailOutcome(tenant: Tenant, outcome: Outcome): void {
    const { subscriber } = outcome;
    const links = publicLinks(this.config.publicBaseUrl, tenant.slug);
    let mail: OutgoingMail | undefined;
    if (outcome.kind === 'confirm') {
      const hours = CONFIRMATION_TTL_MS / 3_600_000;
      mail = confirmationMail(subscriber.email, subscriber.language, tenant, links.confirm(outcome.token), hours);
    } else if (outcome.kind === 'already') {
      const unsubscribe = this.unsubscribeUrl(tenant, subscriber.id);
      mail = alreadySubscribedMail(subscriber.email, subscriber.language, tenant, links.page(), unsubscribe);
    }
    if (mail) this.sendLater(mail);
  }

  /** After the answer: its timing must not tell whether a mail went out. Failures are logged, not shown. */
  private sendLater(mail: OutgoingMail): void {
    const sending: Promise<void> = this.mailer.send(mail).then(
      () => undefined,
      (error: unknown) => this.logger.warn(`confirmation email not sent: ${(error as Error).message}`),
    );
    this.sending.add(sending);
    void sending.finally(() => this.sending.delete(sending));
  }

  /** Lets mails already on their way finish before the process exits. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.sending);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkRequest(request: SubscriptionRequest, prefix: string): SubscriptionRequest {
  const email = typeof request.email === 'string' ? request.email.trim() : '';
  if (email.length > 254 || !isEmail(email))
    throw AppError.badInput(`${prefix}email`, 'Enter a valid email address (name@example.org).');
  if (request.language !== 'nl' && request.language !== 'en')
    throw AppError.badInput(`${prefix}language`, 'The language must be nl or en.');
  if (!Array.isArray(request.productIds) || request.productIds.length > 50)
    throw AppError.badInput(`${prefix}productIds`, 'Choose at most 50 products.');
  const bad = request.productIds.findIndex((id) => typeof id !== 'string' || !UUID.test(id));
  if (bad >= 0) throw AppError.badInput(`${prefix}productIds[${bad}]`, 'A product id must be a UUID.');
  return { email, language: request.language, productIds: request.productIds };
}

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && UUID.test(String(value[1])))
      return [value[0], String(value[1])];
  } catch {
    // fall through
  }
  throw AppError.badInput('after', 'This cursor is not valid: pass the endCursor of a previous page.');
}
