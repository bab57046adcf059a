import { resolve } from 'node:path';

/**
 * The whole runtime configuration, read once from the environment and validated. This is the only
 * place in the codebase that reads `process.env` (see architecture.md), so every setting is listed
 * here with its default.
 */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: {
    /** Owner connection: runs migrations and creates the app role. Unset: embedded PostgreSQL. */
    ownerUrl: string | undefined;
    /** Runtime connection as the least-privilege app role. Unset: derived from `ownerUrl`. */
    appUrl: string | undefined;
    appRole: string;
    appPassword: string | undefined;
    poolSize: number;
    migrateOnStart: boolean;
    embedded: { dir: string; port: number };
  };
  auth: { sessionTtlHours: number; invitationTtlHours: number };
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    maxDepth: number;
    maxDocumentBytes: number;
    /** Cost points one operation may add up to (list fields count by their `first`). */
    maxCost: number;
    maxAliases: number;
    /** Operations one HTTP request may batch; 0 turns batching off. */
    maxBatch: number;
    /** JSON or form body size limit of every HTTP request (documents, variables). */
    maxBodyBytes: number;
  };
  rateLimit: {
    /** Cost points refilled per minute for each user and each API key; 0 turns rate limiting off. */
    pointsPerMinute: number;
    /** The bucket's size: what a caller may spend at once after a pause. */
    burstPoints: number;
    /** `postgres`: exact across processes, one statement per operation; `memory`: per process. */
    store: 'postgres' | 'memory';
  };
  /**
   * The public pages (subprocessor page, feeds, subscribe/confirm/unsubscribe/object), per client
   * address and per process: requests refilled per minute (0 turns it off) and the bucket's size.
   * A POST (it writes, and subscribing sends mail) counts as five requests.
   */
  publicRateLimit: { requestsPerMinute: number; burst: number };
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe, so callers without a token
   * are rate-limited by their own address, not the load balancer's. false, true, a hop count or
   * addresses/subnets (`loopback, 10.0.0.0/8`).
   */
  trustProxy: boolean | number | string;
  /** Append the log to this file instead of stdout (tests scan it for leaked secrets). */
  logFile: string | undefined;
  demo: { seedWhenEmpty: boolean };
  /** Where links in emails, feeds and the public page point (scheme, host, optional port). */
  publicBaseUrl: string;
  /**
   * Server secret: signs the links in emails (unsubscribe, objection) and encrypts webhook
   * secrets at rest. Required in production; development and tests use a fixed, public value.
   */
  appSecret: string;
  mail: {
    /** SMTP server (smtp:// or smtps://). Unset: mail is captured as .eml files in `captureDir`. */
    smtpUrl: string | undefined;
    /** Pooled SMTP connections per process (SMTP_MAX_CONNECTIONS). */
    maxConnections: number;
    captureDir: string;
    from: string;
  };
  webhooks: {
    /** Allow http:// and loopback endpoints: development and tests only. */
    allowLoopback: boolean;
    timeoutMs: number;
  };
  worker: {
    /** Run the delivery worker inside the API process (the embedded default: one process, one database). */
    inline: boolean;
    pollMs: number;
    leaseSeconds: number;
    batchSize: number;
    concurrency: number;
    /** The retry schedule, in seconds after each failed attempt; past its end a delivery is dead-lettered. */
    retryScheduleSeconds: number[];
  };
}

/** The public development value of APP_SECRET; refused in production. */
export const DEVELOPMENT_APP_SECRET = 'art30-development-secret-do-not-use-in-production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const production = nodeEnv === 'production';
  const config: AppConfig = {
    env: nodeEnv,
    host: read.string('HOST', '127.0.0.1'),
    port: read.int('PORT', 3000, 1, 65535),
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'warn' : 'info',
    ),
    database: {
      ownerUrl: read.url('DATABASE_URL'),
      appUrl: read.url('DATABASE_APP_URL'),
      appRole: read.identifier('DATABASE_APP_ROLE', 'art30_app'),
      appPassword: env.DATABASE_APP_PASSWORD || undefined,
      poolSize: read.int('DATABASE_POOL_SIZE', 10, 1, 200),
      migrateOnStart: read.bool('DATABASE_MIGRATE_ON_START', true),
      embedded: {
        dir: resolve(read.string('EMBEDDED_PG_DIR', '.data/pg')),
        port: read.int('EMBEDDED_PG_PORT', 54329, 1, 65535),
      },
    },
    auth: {
      sessionTtlHours: read.int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
      invitationTtlHours: read.int('INVITATION_TTL_HOURS', 72, 1, 24 * 30),
    },
    graphql: {
      introspection: read.bool('GRAPHQL_INTROSPECTION', !production),
      landingPage: read.bool('GRAPHQL_LANDING_PAGE', !production),
      maxDepth: read.int('GRAPHQL_MAX_DEPTH', 12, 2, 50),
      maxDocumentBytes: read.int('GRAPHQL_MAX_DOCUMENT_BYTES', 20_000, 1_000, 1_000_000),
      maxCost: read.int('GRAPHQL_MAX_COST', 10_000, 10, 10_000_000),
      maxAliases: read.int('GRAPHQL_MAX_ALIASES', 30, 1, 1_000),
      maxBatch: read.int('GRAPHQL_MAX_BATCH', 0, 0, 100),
      maxBodyBytes: read.int('HTTP_MAX_BODY_BYTES', 1_000_000, 10_000, 100_000_000),
    },
    rateLimit: {
      pointsPerMinute: read.int('RATE_LIMIT_POINTS_PER_MINUTE', 60_000, 0, 1_000_000_000),
      burstPoints: read.int('RATE_LIMIT_BURST_POINTS', 20_000, 1, 1_000_000_000),
      store: read.oneOf('RATE_LIMIT_STORE', ['postgres', 'memory'] as const, 'postgres'),
    },
    publicRateLimit: {
      requestsPerMinute: read.int('PUBLIC_RATE_LIMIT_PER_MINUTE', 120, 0, 1_000_000_000),
      burst: read.int('PUBLIC_RATE_LIMIT_BURST', 60, 5, 1_000_000_000),
    },
    trustProxy: trustProxy(env.HTTP_TRUST_PROXY),
    logFile: env.LOG_FILE ? resolve(env.LOG_FILE) : undefined,
    demo: { seedWhenEmpty: read.bool('SEED_DEMO_TENANTS', !production) },
    publicBaseUrl: read.httpUrl('PUBLIC_BASE_URL', 'http://localhost:3000').replace(/\/+$/, ''),
    appSecret: read.string('APP_SECRET', DEVELOPMENT_APP_SECRET),
    mail: {
      smtpUrl: read.smtpUrl('SMTP_URL'),
      maxConnections: read.int('SMTP_MAX_CONNECTIONS', 5, 1, 100),
      captureDir: resolve(read.string('MAIL_CAPTURE_DIR', '.data/mail')),
      from: read.string('MAIL_FROM', 'art30 <no-reply@localhost>'),
    },
    webhooks: {
      allowLoopback: read.bool('WEBHOOKS_ALLOW_LOOPBACK', false),
      timeoutMs: read.int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    },
    worker: {
      inline: read.bool('WORKER_INLINE', !env.DATABASE_URL),
      pollMs: read.int('WORKER_POLL_MS', 1_000, 10, 60_000),
      leaseSeconds: read.int('WORKER_LEASE_SECONDS', 60, 1, 3_600),
      batchSize: read.int('WORKER_BATCH_SIZE', 200, 1, 5_000),
      concurrency: read.int('WORKER_CONCURRENCY', 50, 1, 1_000),
      retryScheduleSeconds: read.intList('WORKER_RETRY_SCHEDULE', [10, 60, 300, 1_800, 7_200, 28_800, 86_400]),
    },
  };
  if (production && config.appSecret === DEVELOPMENT_APP_SECRET)
    problems.push('APP_SECRET must be set in production (32 or more random characters)');
  if (config.appSecret.length < 32) problems.push('APP_SECRET must be at least 32 characters long');
  if (config.rateLimit.pointsPerMinute > 0 && config.rateLimit.burstPoints < config.graphql.maxCost) {
    problems.push(
      `RATE_LIMIT_BURST_POINTS (${config.rateLimit.burstPoints}) must be at least GRAPHQL_MAX_COST (${config.graphql.maxCost}), or the costliest allowed operation could never run`,
    );
  }
  if (config.graphql.maxDocumentBytes > config.graphql.maxBodyBytes) {
    problems.push('GRAPHQL_MAX_DOCUMENT_BYTES must not exceed HTTP_MAX_BODY_BYTES');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim().toLowerCase();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  string(name: string, fallback: string): string {
    return this.env[name] || fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.toLowerCase();
    if (!raw) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (!raw) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  url(name: string): string | undefined {
    const raw = this.env[name];
    if (!raw) return undefined;
    try {
      const url = new URL(raw);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a postgres:// URL`);
      return undefined;
    }
  }

  intList(name: string, fallback: number[]): number[] {
    const raw = this.env[name];
    if (!raw) return fallback;
    const values = raw.split(',').map((part) => Number(part.trim()));
    if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value < 0 || value > 604_800)) {
      this.problems.push(`${name} must be a comma-separated list of seconds (got "${raw}")`);
      return fallback;
    }
    return values;
  }

  httpUrl(name: string, fallback: string): string {
    const raw = this.env[name] || fallback;
    try {
      const url = new URL(raw);
      if (!['http:', 'https:'].includes(url.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be an http(s):// URL (got "${raw}")`);
      return fallback;
    }
  }

  smtpUrl(name: string): string | undefined {
    const raw = this.env[name];
    if (!raw) return undefined;
    try {
      const url = new URL(raw);
      if (!['smtp:', 'smtps:'].includes(url.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be an smtp:// or smtps:// URL`);
      return undefined;
    }
  }

  identifier(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
      this.problems.push(`${name} must be a lower-case SQL identifier (got "${value}")`);
      return fallback;
    }
    return value;
  }
}
