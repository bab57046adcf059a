import { AppError, type Principal, Role } from '#core';
import { principalIn } from './access.decorators.js';

describe('principalIn (nested field resolvers on the fast path)', () => {
  const principal: Principal = {
    tenantId: '00000000-0000-4000-8000-000000000001',
    tenantSlug: 't',
    role: Role.VIEWER,
    kind: 'user',
    actorId: '00000000-0000-4000-8000-000000000002',
    actorLabel: 'v@t.test',
  };

  it('answers the principal the root field’s guard put on the request', () => {
    expect(principalIn({ req: { principal } })).toBe(principal);
  });

  it('fails loudly, as UNAUTHENTICATED, where no guard established one', () => {
    for (const context of [undefined, {}, { req: {} }]) {
      expect(() => principalIn(context)).toThrow(AppError);
      expect(() => principalIn(context)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }) as Error);
    }
  });
});
