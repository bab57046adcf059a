import { Injectable } from '@nestjs/common';
import { LocaleEnum, TenantsService } from '#accounts';
import type { Principal } from '#core';
import { requestLocale } from '../common/request-locale.js';

export { LocaleEnum };
export type Lang = 'nl' | 'en';

/** The language of an answer: the one asked for, else the tenant's default. */
@Injectable()
export class LocaleResolver {
  constructor(private readonly tenants: TenantsService) {}

  /** With the GraphQL context, the tenant's default is read once per request (computed fields). */
  resolve(principal: Principal, requested: LocaleEnum | undefined | null, context?: object): Promise<Lang> {
    return requestLocale(context, principal, this.tenants, requested);
  }
}
