import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysResolver } from './api-keys/api-keys.resolver.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { AccessGuard } from './auth/access.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { MembersResolver } from './members/members.resolver.js';
import { MembersService } from './members/members.service.js';
import { TenantsResolver } from './tenants/tenants.resolver.js';
import { RateLimiter } from './rate-limits/rate-limiter.js';
import { TenantsService } from './tenants/tenants.service.js';

/** Tenants, members, sessions and API keys, and the global access guard. */
@Module({
  providers: [
    AuthService,
    TenantsService,
    MembersService,
    ApiKeysService,
    RateLimiter,
    AuthResolver,
    TenantsResolver,
    MembersResolver,
    ApiKeysResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, TenantsService, RateLimiter],
})
export class AccountsModule {}

/** Resolvers, for building the schema without a database (scripts/write-schema.ts). */
export const ACCOUNTS_RESOLVERS = [AuthResolver, TenantsResolver, MembersResolver, ApiKeysResolver];
