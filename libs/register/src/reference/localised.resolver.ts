import { type Type } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Requires, TenantsService } from '#accounts';
import { Permission, type Principal } from '#core';
// The Locale enum belongs to the accounts lib (the tenant's default locale); #accounts does not export it yet.
import { LocaleEnum } from '#accounts';
import { requestLocale } from '../common/request-locale.js';

/**
 * The language to answer in: the one asked for, else the tenant's default locale (read once per
 * request and kept on the GraphQL context).
 */
/**
 * A resolver class adding `<field>(locale: Locale): String!` to `type`, picking `<field>Nl` or
 * `<field>En` of the parent: one small class per type instead of a label resolver in each.
 */
export function LocalisedFieldResolver(type: Type<object>, field: 'label' | 'name' = 'label'): Type<unknown> {
  @Resolver(() => type)
  class Localised {
    constructor(private readonly tenants: TenantsService) {}

    @Requires(Permission.Read)
    @ResolveField(field, () => String, { description: `The ${field} in the given language (default: the tenant's).` })
    async localised(
      @Parent() parent: Record<string, unknown>,
      @Context() context: object,
      @CurrentPrincipal() principal: Principal,
      @Args('locale', { type: () => LocaleEnum, nullable: true }) locale?: LocaleEnum,
    ): Promise<string> {
      const lang = await requestLocale(context, principal, this.tenants, locale);
      return String(parent[`${field}${lang === 'nl' ? 'Nl' : 'En'}`]);
    }
  }
  Object.defineProperty(Localised, 'name', { value: `${type.name}${field === 'label' ? 'Label' : 'Name'}Resolver` });
  return Localised;
}

export { LocaleEnum };
