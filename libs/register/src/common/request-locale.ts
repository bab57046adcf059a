import type { LocaleEnum, TenantsService } from '#accounts';
import type { Principal } from '#core';
import type { Lang } from '#gdpr';

/**
 * The language of an answer: the one asked for, else the tenant's default, read once per GraphQL
 * request (the context object) however many fields ask.
 */
export function requestLocale(
  context: object | undefined,
  principal: Principal,
  tenants: TenantsService,
  asked?: LocaleEnum | null,
): Promise<Lang> {
  if (asked) return Promise.resolve(asked);
  const holder = (context ?? {}) as { __tenantLocale?: Promise<Lang> };
  holder.__tenantLocale ??= tenants.current(principal).then((tenant) => tenant.defaultLocale);
  return holder.__tenantLocale;
}
