import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; [k: string]: unknown };
  }>;
}

/** POSTs one operation to /graphql, optionally as a bearer, and returns status, data and errors. */
export async function gql<T = Record<string, unknown>>(
  app: INestApplication,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  if (token) req.set('authorization', `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}

/** The error codes of a response, in order: what most assertions need. */
export function codes(response: GraphQLResponse<unknown>): Array<string | undefined> {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
