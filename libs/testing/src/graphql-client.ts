import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { recordErrors, recordSecret, recordSecretsIn } from './secrets-recorder.js';

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
  recordSecretsIn(res.text);
  recordErrors(res.body.errors);
  // A password that signed someone in (or set by accepting an invitation) is a secret too.
  const password = (variables.input as { password?: unknown } | undefined)?.password ?? findPassword(variables);
  if (typeof password === 'string' && res.body.data && !res.body.errors) recordSecret(password);
  return { status: res.status, data: res.body.data, errors: res.body.errors };
}

/** The error codes of a response, in order: what most assertions need. */
export function codes(response: GraphQLResponse<unknown>): Array<string | undefined> {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

function findPassword(variables: Record<string, unknown>): unknown {
  for (const value of Object.values(variables)) {
    if (value && typeof value === 'object' && 'password' in value) return (value as { password: unknown }).password;
  }
  return undefined;
}
