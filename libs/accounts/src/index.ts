export * from './accounts.module.js';
export * from './auth/access.decorators.js';
export * from './auth/auth.service.js';
export * from './tenants/tenants.service.js';
export * from './tenants/tenant.entity.js';
export * from './members/member.entity.js';
export * from './auth/session.entity.js';
export * from './api-keys/api-key.entity.js';
export * from './rate-limits/rate-limiter.js';

import { ApiKey } from './api-keys/api-key.entity.js';
import { Session } from './auth/session.entity.js';
import { Member } from './members/member.entity.js';
import { Tenant } from './tenants/tenant.entity.js';
export const ACCOUNTS_ENTITIES = [Tenant, Member, Session, ApiKey];
export * from './tenants/tenant.model.js';
export { MemoryRateLimitStore } from './rate-limits/rate-limit-store.js';
