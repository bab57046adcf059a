import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import type pg from 'pg';
import {
  getNamedType,
  getNullableType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import {
  codes,
  createTestTenant,
  documentFor,
  gql,
  operationsOf,
  ownerClient,
  startTestApp,
  type TestTenant,
} from '#testing';

/**
 * Property-based hostile input over every mutation, generated from the schema's input types:
 * huge strings, any unicode, control characters and NUL, wrong types, unknown enum values, ids of
 * another tenant, random and malformed ids. Whatever comes, the answer is never a 5xx or
 * INTERNAL_SERVER_ERROR, every error carries a typed code, and a refused call changes nothing
 * (every table of the tenant, the register history included, is byte-for-byte as before).
 */

const TYPED = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'DOCUMENT_TOO_LARGE',
  'QUERY_TOO_COSTLY',
]);
/** signOut would end the session the property runs with; it takes no input anyway. */
const SKIPPED = new Set(['signOut']);
/** Samples per mutation; fast-check prints the seed of any failure, to replay it. */
const RUNS = 12;

describe('hostile input to every mutation', () => {
  let app: INestApplication;
  let a: TestTenant;
  let foreignIds: string[];
  let db: pg.Client;

  beforeAll(async () => {
    app = await startTestApp();
    db = await ownerClient();
    a = await createTestTenant(app, 'Hostile A');
    const b = await createTestTenant(app, 'Hostile B');
    const make = async (query: string) => {
      const res = await gql<Record<string, { id: string }>>(app, query, {}, b.ownerToken);
      return Object.values(res.data!)[0]!.id;
    };
    const party = await make(`mutation { createParty(input: { name: "B vendor", roles: [SUBPROCESSOR] }) { id } }`);
    foreignIds = [
      party,
      await make(`mutation { createProduct(input: { name: "B product" }) { id } }`),
      await make(`mutation { createEngagement(input: { vendorId: "${party}", purpose: "B hosting" }) { id } }`),
      await make(`mutation { createActivity(input: { name: "B activity", role: CONTROLLER }) { id } }`),
      b.id,
    ];
  });
  afterAll(() => Promise.all([app.close(), db.end()]));

  it('never answers 5xx, always a typed code, and a refused call writes nothing', async () => {
    const schema = app.get(GraphQLSchemaHost).schema;
    const mutations = operationsOf(schema).filter((op) => op.root === 'Mutation' && !SKIPPED.has(op.name));
    expect(mutations.length).toBeGreaterThan(20);
    for (const op of mutations) {
      const argsArb = fc.record(
        Object.fromEntries(op.field.args.map((arg) => [arg.name, valueArb(arg.type, foreignIds)])),
        { requiredKeys: op.field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name) },
      );
      await fc.assert(
        fc.asyncProperty(argsArb, async (args) => {
          const before = await snapshot(db, a.id);
          const res = await gql(app, documentFor(op, args), args, a.ownerToken);
          const context = `${op.name} ${JSON.stringify(args).slice(0, 300)} -> ${JSON.stringify(res).slice(0, 500)}`;
          expect({ context, status: res.status < 500 }).toEqual({ context, status: true });
          const got = codes(res);
          expect({ context, untyped: got.filter((c) => !c || !TYPED.has(c)) }).toEqual({ context, untyped: [] });
          if (got.length > 0) expect({ context, after: await snapshot(db, a.id) }).toEqual({ context, after: before });
        }),
        { numRuns: RUNS },
      );
    }
  }, 600_000);
});

/** Values for one input type: mostly plausible, often hostile, sometimes of the wrong type. */
function valueArb(type: GraphQLInputType, foreignIds: string[], depth = 0): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant({ nested: 'object' }), fc.constant(['x']));
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type) as GraphQLInputType;
  let arb: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    arb = fc.array(valueArb(inner.ofType as GraphQLInputType, foreignIds, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  } else if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    arb =
      depth > 3
        ? fc.constant({})
        : fc.record(Object.fromEntries(fields.map((f) => [f.name, valueArb(f.type, foreignIds, depth + 1)])), {
            requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
          });
  } else if (isEnumType(inner)) {
    const names = inner.getValues().map((v) => v.name);
    arb = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...names) },
      fc.constantFrom('NOT_A_VALUE', names[0]!.toLowerCase(), ''),
    );
  } else {
    arb = scalarArb(getNamedType(inner).name, foreignIds);
  }
  const withWrong = fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: wrongType });
  return nullable ? fc.option(withWrong, { nil: null, freq: 5 }) : withWrong;
}

function scalarArb(name: string, foreignIds: string[]): fc.Arbitrary<unknown> {
  const hostileText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
    fc.constantFrom(
      'x'.repeat(100_000),
      '𝕏'.repeat(20_000),
      'nul\u0000byte',
      '\uD800 lone surrogate',
      "'; DROP TABLE parties; --",
      '<script>alert(1)</script>',
      '  ',
      '\u202Eright-to-left',
      'P1Y',
      'NL',
      '2026-02-30',
    ),
  );
  switch (name) {
    case 'ID':
      return fc.oneof(
        fc.constantFrom(...foreignIds),
        fc.uuid().map(String),
        fc.constant(randomUUID()),
        hostileText,
        fc.constantFrom('00000000-0000-0000-0000-000000000000', '1 OR 1=1'),
      );
    case 'Int':
      return fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2 ** 31 - 1, 2 ** 40, 1.5), fc.constant('7'));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true }), fc.constant('1e309'));
    case 'Boolean':
      return fc.oneof(fc.boolean(), fc.constant('true'));
    case 'DateTime':
      return fc.oneof(
        fc
          .date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom('not a date', '99999-01-01T00:00:00Z', '2026-13-45T25:61:00Z', ''),
      );
    default:
      return hostileText;
  }
}

/** One digest per table with a tenant_id (rate-limit bookkeeping aside), read as the owner. */
async function snapshot(db: pg.Client, tenantId: string): Promise<Record<string, string>> {
  {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name <> 'rate_limit_buckets'`,
    );
    const union = rows
      .map(
        ({ table_name: t }) =>
          `SELECT '${t}' AS t, count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS d
             FROM ${db.escapeIdentifier(t)} x WHERE tenant_id = $1`,
      )
      .join(' UNION ALL ');
    const digests = await db.query<{ t: string; d: string }>(union, [tenantId]);
    const tenant = await db.query<{ d: string }>(`SELECT md5(x::text) AS d FROM tenants x WHERE id = $1`, [tenantId]);
    return Object.fromEntries([...digests.rows.map((r) => [r.t, r.d]), ['tenants', tenant.rows[0]?.d]]);
  }
}
