import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { AuthService, RateLimiter } from '#accounts';
import { type AppConfig, createGraphQLErrorFormatter } from '#core';
import type { Request, Response } from 'express';
import { Art30ApolloDriver } from './graphql.driver.js';
import { aliasLimitRule } from './limits/alias-limit.rule.js';
import { depthLimitRule } from './limits/depth-limit.rule.js';
import { graphqlLimitsPlugin } from './limits/graphql-limits.plugin.js';

const logger = new Logger('GraphQL');

/**
 * Apollo Server 5 on Express, code-first. Introspection and the landing page follow the config;
 * CSRF prevention stays on (a request must be JSON or carry a preflight header); the abuse limits
 * (depth, aliases, cost, rate, and in http-limits.ts size and batch) run before execution.
 */
export function graphqlOptions(config: AppConfig, auth: AuthService, rateLimiter: RateLimiter): ApolloDriverConfig {
  return {
    driver: Art30ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphql.introspection,
    playground: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: config.graphql.maxBatch > 0,
    plugins: [
      graphqlLimitsPlugin(config, auth, rateLimiter),
      // No cache hints are used; the default cache-control plugin would instrument every field
      // (measured: about a fifth of the CPU of a deep register query).
      ApolloServerPluginCacheControlDisabled(),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ],
    includeStacktraceInErrorResponses: false,
    formatError: createGraphQLErrorFormatter((error) => logger.error(error)),
    validationRules: [depthLimitRule(config.graphql.maxDepth), aliasLimitRule(config.graphql.maxAliases)],
    context: ({ req, res }: { req: Request; res: Response }) => ({ req, res }),
  };
}
