import type { Request } from 'express';
import { AppError } from '#core';
import { isIsoDate, type Lang } from '#gdpr';

/** The request of a public route, with the page language once it is known (for error pages). */
export type PublicRequest = Request & { publicLang?: Lang };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One value of a query or form field: a repeated field is refused, not guessed at. */
export function single(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw AppError.badInput(field, `Give ${field} once.`);
  return value;
}

/** Every value of a repeatable form field (checkboxes). */
export function many(value: unknown, field: string): string[] {
  if (value === undefined || value === '') return [];
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== 'string')) throw AppError.badInput(field, `${field}: text values only.`);
  return (values as string[]).filter((v) => v !== '');
}

export function parseLang(value: unknown, fallback: Lang): Lang {
  const lang = single(value, 'lang');
  if (lang === undefined) return fallback;
  if (lang !== 'nl' && lang !== 'en') throw AppError.badInput('lang', 'lang must be nl or en.');
  return lang;
}

/** ?asOf=YYYY-MM-DD: the register at the end of that day (UTC); not in the future. */
export function parseAsOf(value: unknown): { day: string; at: Date } | undefined {
  const day = single(value, 'asOf');
  if (day === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isIsoDate(day))
    throw AppError.badInput('asOf', 'asOf must be a date YYYY-MM-DD.');
  if (day > new Date().toISOString().slice(0, 10)) throw AppError.badInput('asOf', 'asOf cannot be in the future.');
  return { day, at: new Date(`${day}T23:59:59.999Z`) };
}

export function parseProduct(value: unknown): string | undefined {
  const product = single(value, 'product');
  if (product === undefined) return undefined;
  if (!UUID.test(product)) throw AppError.badInput('product', 'product must be a product id.');
  return product.toLowerCase();
}

/**
 * The public forms need no login, so there is no session to forge; still, a page elsewhere must
 * not make a visitor's browser post them. A browser says where a post comes from (Origin,
 * Sec-Fetch-Site); one from another site is refused. Clients that are not browsers send neither.
 */
export function assertSameOrigin(req: Request, publicBaseUrl: string): void {
  if (req.get('sec-fetch-site') === 'cross-site') throw forbidden();
  const origin = req.get('origin');
  if (origin === undefined) return;
  const allowed = new Set([new URL(publicBaseUrl).origin, `${req.protocol}://${req.get('host') ?? ''}`]);
  if (!allowed.has(origin)) throw forbidden();
}

function forbidden(): AppError {
  return AppError.forbidden('This form can only be sent from this website.');
}
