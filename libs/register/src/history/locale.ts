import { Injectable } from '@nestjs/common';
import { LocaleEnum, TenantsService } from '#accounts';
import type { Principal } from '#core';

export { LocaleEnum };
export type Lang = 'nl' | 'en';

/** The language of an answer: the one asked for, else the tenant's default. */
@Injectable()
export class LocaleResolver {
  constructor(private readonly tenants: TenantsService) {}

  /** With the GraphQL context, the tenant's default is read once per request (computed fields). */
  resolve(principal: Principal, requested: LocaleEnum | undefined | null, context?: object): Promise<Lang> {
    if (requested) return Promise.resolve(requested);
    const holder = (context ?? {}) as { __defaultLang?: Promise<Lang> };
    holder.__defaultLang ??= this.tenants.current(principal).then((tenant) => tenant.defaultLocale);
    return holder.__defaultLang;
  }
}
