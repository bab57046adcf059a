import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, type Principal } from '#core';
import { CurrentPrincipal, Requires } from '../auth/access.decorators.js';
import { UpdateTenantInput } from '../graphql/account.inputs.js';
import type { Tenant } from './tenant.entity.js';
import { type LocaleEnum, TenantModel } from './tenant.model.js';
import { TenantsService } from './tenants.service.js';

@Resolver(() => TenantModel)
export class TenantsResolver {
  constructor(private readonly tenants: TenantsService) {}

  @Requires(Permission.Read)
  @Query(() => TenantModel, { description: 'The organisation you are signed in to.' })
  async tenant(@CurrentPrincipal() principal: Principal): Promise<TenantModel> {
    return toModel(await this.tenants.current(principal));
  }

  @Requires(Permission.Administer)
  @Mutation(() => TenantModel)
  async updateTenant(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateTenantInput,
  ): Promise<TenantModel> {
    return toModel(await this.tenants.update(principal, input));
  }
}

export function toModel(tenant: Tenant): TenantModel {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    defaultLocale: tenant.defaultLocale as LocaleEnum,
    noticePeriodDays: tenant.noticePeriodDays,
  };
}
