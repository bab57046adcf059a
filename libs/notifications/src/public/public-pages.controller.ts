import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Public, type Tenant } from '#accounts';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode } from '#core';
import type { Lang } from '#gdpr';
import { verifyLink } from '../common/signed-links.js';
import { ObjectionsService } from '../objections/objections.service.js';
import { SubscribersService } from '../subscribers/subscribers.service.js';
import { PublicErrorFilter } from './public-error.filter.js';
import { sendHtml } from './public-layout.js';
import { publicLinks } from './public-links.js';
import { PublicRateLimitGuard } from './public-rate-limit.guard.js';
import { PublicRegisterService } from './public-register.service.js';
import {
  assertSameOrigin,
  many,
  parseAsOf,
  parseLang,
  parseProduct,
  type PublicRequest,
  single,
} from './public-request.js';
import { textsFor } from './public-texts.js';
import { subprocessorFeed } from './subprocessor-feeds.js';
import { subprocessorsPage } from './subprocessors-page.js';
import { confirmPage, messagePage, objectionPage, unsubscribePage } from './subscription-pages.js';

type QueryParams = Record<string, unknown>;

/**
 * The tenant's public pages (no login): the subprocessor page and its feeds, and the pages
 * behind the links in emails (confirm, unsubscribe, object). Server-rendered HTML that works
 * without JavaScript; every value escaped; a strict Content-Security-Policy (public-layout.ts).
 * Nothing changes on GET: confirming, unsubscribing and objecting are POSTs. Limited per client
 * address (PublicRateLimitGuard).
 */
@Public()
@UseFilters(PublicErrorFilter)
@UseGuards(PublicRateLimitGuard)
@Controller('t/:slug')
export class PublicPagesController {
  constructor(
    private readonly subscribers: SubscribersService,
    private readonly register: PublicRegisterService,
    private readonly objections: ObjectionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('subprocessors')
  async page(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    const lang = this.lang(req, query, tenant);
    const asOf = parseAsOf(query.asOf);
    const productId = parseProduct(query.product);
    const register = await this.register.read(tenant, { asOf: asOf?.at, productId });
    const body = subprocessorsPage(this.config.publicBaseUrl, register, { lang, asOfDay: asOf?.day, productId });
    res.set('content-language', lang);
    sendHtml(res, 200, body, { cache: true });
  }

  @Get('subprocessors.json')
  async jsonFeed(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    await this.feed(slug, query, req, res, 'json');
  }

  @Get('subprocessors.atom')
  async atomFeed(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    await this.feed(slug, query, req, res, 'atom');
  }

  private async feed(slug: string, query: QueryParams, req: PublicRequest, res: Response, format: 'atom' | 'json') {
    const tenant = await this.tenant(slug, req, query);
    const lang = this.lang(req, query, tenant);
    const register = await this.register.read(tenant, { productId: parseProduct(query.product) });
    res
      .status(200)
      .set({
        'content-type':
          format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/feed+json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=60',
        'access-control-allow-origin': '*',
      })
      .send(subprocessorFeed(this.config.publicBaseUrl, register, lang, format));
  }

  @Post('subscribe')
  async subscribe(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    const body = formBody(req);
    const lang = this.lang(req, { lang: body.language }, tenant);
    assertSameOrigin(req, this.config.publicBaseUrl);
    const t = textsFor(lang);
    try {
      await this.subscribers.subscribe(tenant, {
        email: single(body.email, 'email') ?? '',
        language: lang,
        productIds: many(body.product, 'product'),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.BadUserInput) {
        const text = error.field === 'email' ? t.invalidEmail : t.invalidProducts;
        sendHtml(res, 400, messagePage(lang, this.org(tenant, lang), t.badRequestTitle, text, 'error'));
        return;
      }
      throw error;
    }
    sendHtml(res, 200, messagePage(lang, this.org(tenant, lang), t.checkInbox, t.checkInboxText));
  }

  @Get('confirm')
  async confirmForm(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    const token = single(query.token, 'token');
    const subscriber = await this.subscribers.pendingByToken(tenant.id, token);
    const lang = (req.publicLang = subscriber?.language ?? this.lang(req, query, tenant));
    if (!subscriber) return this.invalidLink(res, tenant, lang);
    const action = publicLinks(this.config.publicBaseUrl, tenant.slug).confirm(token!);
    sendHtml(res, 200, confirmPage(lang, this.org(tenant, lang), subscriber.email, action));
  }

  @Post('confirm')
  async confirm(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    assertSameOrigin(req, this.config.publicBaseUrl);
    const subscriber = await this.subscribers.confirm(tenant.id, single(query.token, 'token'), {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
    });
    const lang = (req.publicLang = subscriber?.language ?? this.lang(req, query, tenant));
    if (!subscriber) return this.invalidLink(res, tenant, lang);
    const t = textsFor(lang);
    sendHtml(res, 200, messagePage(lang, this.org(tenant, lang), t.confirmedTitle, t.confirmedText));
  }

  @Get('unsubscribe')
  async unsubscribeForm(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    const token = single(query.token, 'token');
    const subscriber = await this.subscribers.byUnsubscribeToken(tenant.id, token);
    const lang = (req.publicLang = subscriber?.language ?? this.lang(req, query, tenant));
    if (!subscriber) return this.invalidLink(res, tenant, lang);
    const t = textsFor(lang);
    if (subscriber.status === 'unsubscribed')
      return sendHtml(res, 200, messagePage(lang, this.org(tenant, lang), t.unsubscribedTitle, t.unsubscribedText));
    const action = publicLinks(this.config.publicBaseUrl, tenant.slug).unsubscribe(token!);
    sendHtml(res, 200, unsubscribePage(lang, this.org(tenant, lang), subscriber.email, action));
  }

  /** The page's button, and RFC 8058 one-click (`List-Unsubscribe=One-Click`) from mail clients. */
  @Post('unsubscribe')
  async unsubscribe(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    // Mail providers post one-click from their servers; only the page's form is held to the origin check.
    if (formBody(req)['List-Unsubscribe'] !== 'One-Click') assertSameOrigin(req, this.config.publicBaseUrl);
    const subscriber = await this.subscribers.unsubscribeByToken(tenant.id, single(query.token, 'token'));
    const lang = (req.publicLang = subscriber?.language ?? this.lang(req, query, tenant));
    if (!subscriber) return this.invalidLink(res, tenant, lang);
    const t = textsFor(lang);
    sendHtml(res, 200, messagePage(lang, this.org(tenant, lang), t.unsubscribedTitle, t.unsubscribedText));
  }

  @Get('object')
  async objectForm(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    const token = single(query.token, 'token');
    const subject = await this.objectionSubject(tenant, token);
    const lang = (req.publicLang = subject?.subscriberLanguage ?? this.lang(req, query, tenant));
    if (!subject) return this.invalidLink(res, tenant, lang);
    const action = publicLinks(this.config.publicBaseUrl, tenant.slug).object(token!);
    sendHtml(res, 200, objectionPage(lang, this.org(tenant, lang), subject, action));
  }

  @Post('object')
  async object(
    @Param('slug') slug: string,
    @Query() query: QueryParams,
    @Req() req: PublicRequest,
    @Res() res: Response,
  ) {
    const tenant = await this.tenant(slug, req, query);
    assertSameOrigin(req, this.config.publicBaseUrl);
    const token = single(query.token, 'token');
    const subject = await this.objectionSubject(tenant, token);
    const lang = (req.publicLang = subject?.subscriberLanguage ?? this.lang(req, query, tenant));
    if (!subject) return this.invalidLink(res, tenant, lang);
    const body = formBody(req);
    const values = {
      name: single(body.name, 'name'),
      email: single(body.email, 'email'),
      organisation: single(body.organisation, 'organisation'),
      reason: single(body.reason, 'reason') ?? '',
    };
    const t = textsFor(lang);
    const action = publicLinks(this.config.publicBaseUrl, tenant.slug).object(token!);
    try {
      await this.objections.fileViaLink(tenant.id, token!, values);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === ErrorCode.BadUserInput) {
        const text = error.field === 'reason' ? t.reasonRequired : t.fieldTooLong;
        return sendHtml(res, 400, objectionPage(lang, this.org(tenant, lang), subject, action, text, values));
      }
      // Withdrawn or past the deadline since the page was opened: the page says which.
      if (error.code === ErrorCode.Conflict) {
        const now = await this.objectionSubject(tenant, token);
        return sendHtml(res, 409, objectionPage(lang, this.org(tenant, lang), now ?? subject, action));
      }
      if (error.code === ErrorCode.NotFound) return this.invalidLink(res, tenant, lang);
      throw error;
    }
    sendHtml(res, 200, messagePage(lang, this.org(tenant, lang), t.objectedTitle, t.objectedText));
  }

  private objectionSubject(tenant: Tenant, token: string | undefined) {
    const ids = token ? verifyLink(this.config.appSecret, 'object', token, 3) : undefined;
    if (!ids || ids[0] !== tenant.id || !ids.slice(1).every((id) => UUID.test(id))) return Promise.resolve(undefined);
    return this.register.objectionSubject(tenant.id, ids[1]!, ids[2]!);
  }

  private async tenant(slug: string, req: PublicRequest, query: QueryParams): Promise<Tenant> {
    // Error pages before the tenant is known speak the language asked for, if it is one.
    if (query.lang === 'nl' || query.lang === 'en') req.publicLang = query.lang;
    return this.subscribers.tenantBySlug(slug);
  }

  private lang(req: PublicRequest, query: QueryParams, tenant: Tenant): Lang {
    req.publicLang = tenant.defaultLocale;
    return (req.publicLang = parseLang(query.lang, tenant.defaultLocale));
  }

  private org(tenant: Tenant, lang: Lang) {
    return { name: tenant.name, pageUrl: publicLinks(this.config.publicBaseUrl, tenant.slug).page({ lang }) };
  }

  private invalidLink(res: Response, tenant: Tenant, lang: Lang): void {
    const t = textsFor(lang);
    sendHtml(res, 400, messagePage(lang, this.org(tenant, lang), t.invalidLinkTitle, t.invalidLinkText, 'error'));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formBody(req: PublicRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}
