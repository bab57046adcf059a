import type { NewTenant } from '#accounts';

/**
 * The two demo organisations (from ../shared/seeds/), each with a documented demo login.
 * These passwords are public by design: demo tenants are seeded only outside production.
 */
export const DEMO_TENANTS: readonly NewTenant[] = [
  {
    slug: 'cradeq',
    name: 'Cradeq',
    defaultLocale: 'nl',
    owner: { email: 'dpo@cradeq.demo', displayName: 'Cradeq DPO (demo)', password: 'cradeq-demo-2026' },
  },
  {
    slug: 'connecttools',
    name: 'ConnectTools B.V.',
    defaultLocale: 'nl',
    owner: {
      email: 'privacy@connecttools.demo',
      displayName: 'ConnectTools privacy officer (demo)',
      password: 'connecttools-demo-2026',
    },
  },
];
