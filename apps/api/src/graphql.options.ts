import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloDriver } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { type AppConfig, createGraphQLErrorFormatter } from '#core';
import type { Request, Response } from 'express';
import { depthLimitRule } from './depth-limit.rule.js';

const logger = new Logger('GraphQL');

/** Apollo Server 5 on Express, code-first. Introspection and the landing page follow the config. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: config.graphql.introspection,
    playground: false,
    plugins: [
      // No cache hints are used; the default cache-control plugin would instrument every field
      // (measured: about a fifth of the CPU of a deep register query).
      ApolloServerPluginCacheControlDisabled(),
      config.graphql.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ],
    includeStacktraceInErrorResponses: false,
    formatError: createGraphQLErrorFormatter((error) => logger.error(error)),
    validationRules: [depthLimitRule(config.graphql.maxDepth)],
    context: ({ req, res }: { req: Request; res: Response }) => ({ req, res }),
  };
}
