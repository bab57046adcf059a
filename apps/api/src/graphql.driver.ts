import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import type { Express, Request, Response } from 'express';
import { graphqlHttpHandler } from './graphql-http.js';

type Context = Record<string, unknown>;

/**
 * Nest's Apollo driver (schema, resolvers, plugins, error and context wrapping are all its own),
 * serving /graphql through {@link graphqlHttpHandler} instead of @as-integrations/express5.
 */
@Injectable()
export class Art30ApolloDriver extends ApolloDriver {
  protected override async registerExpress(
    options: ApolloDriverConfig,
    { preStartHook }: { preStartHook?: () => void } = {},
  ): Promise<void> {
    const httpAdapter = this.httpAdapterHost.httpAdapter;
    preStartHook?.();
    const drain = ApolloServerPluginDrainHttpServer({ httpServer: httpAdapter.getHttpServer() });
    const server = new ApolloServer<Context>({
      ...(options as object),
      plugins: [...(options.plugins ?? []), drain],
    } as ConstructorParameters<typeof ApolloServer<Context>>[0]);
    await server.start();
    const context = options.context as (args: { req: Request; res: Response }) => Promise<Context>;
    (httpAdapter.getInstance() as Express).use(options.path!, graphqlHttpHandler(server, context));
    this.apolloServer = server;
  }
}
