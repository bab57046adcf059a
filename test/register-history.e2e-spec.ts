import type { INestApplication } from '@nestjs/common';
import { type Principal, Role } from '#core';
import { TenantDb } from '#database';
import { PartiesService } from '#register';
import { codes, createTestTenant, gql, ownerClient, startTestApp, type TestTenant } from '#testing';
import { HistoryVerifier } from '../libs/register/src/history/history-verifier.js';

const CREATE = `mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdatePartyInput!) { updateParty(input: $input) { id } }`;
const DELETE = `mutation($id: ID!) { deleteParty(id: $id) { id } }`;
const LIST = `query($asOf: DateTime) { parties(asOf: $asOf) { totalCount edges { node { id name country roles } } } }`;
const GET = `query($id: ID!, $asOf: DateTime) { party(id: $id, asOf: $asOf) { id name country roles } }`;
const VERIFY = `{ verifyRegisterHistory { ok length headHash checkedAt firstBrokenSeq problem } }`;
const CHANGELOG = `query($first: Int, $after: String, $since: DateTime, $until: DateTime, $entityType: RegisterEntityType, $entityId: ID, $locale: Locale) {
  registerChangelog(first: $first, after: $after, since: $since, until: $until, entityType: $entityType, entityId: $entityId, locale: $locale) {
    totalCount headHash chainLength pageInfo { hasNextPage endCursor }
    edges { node { id actor note effectiveAt recordedAt summary summaryNl summaryEn
      changes { seq entityType entityId op name summary fields { field label labelNl before after } } } }
  } }`;

interface Verification {
  ok: boolean;
  length: number;
  headHash: string | null;
  firstBrokenSeq: string | null;
  problem: string | null;
}
interface ChangeSet {
  id: string;
  actor: string;
  note: string | null;
  effectiveAt: string;
  recordedAt: string;
  summary: string;
  summaryNl: string;
  summaryEn: string;
  changes: Array<{
    seq: string;
    entityType: string;
    entityId: string;
    op: string;
    name: string;
    summary: string;
    fields: Array<{ field: string; label: string; labelNl: string; before: string | null; after: string | null }>;
  }>;
}
interface Changelog {
  registerChangelog: {
    totalCount: number;
    headHash: string | null;
    chainLength: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: ChangeSet }>;
  };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('register: history (changelog, asOf, hash chain)', () => {
  let app: INestApplication;
  let a: TestTenant;
  let b: TestTenant;
  let upcloud: string;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'A');
    b = await createTestTenant(app, 'B');
  });
  afterAll(() => app.close());

  const create = async (tenant: TestTenant, input: Record<string, unknown>) => {
    const res = await gql<{ createParty: { id: string } }>(app, CREATE, { input }, tenant.ownerToken);
    expect(res.errors).toBeUndefined();
    return res.data!.createParty.id;
  };
  const verify = async (tenant: TestTenant) => {
    const res = await gql<{ verifyRegisterHistory: Verification }>(app, VERIFY, {}, tenant.ownerToken);
    expect(res.errors).toBeUndefined();
    return res.data!.verifyRegisterHistory;
  };
  const changelog = async (tenant: TestTenant, vars: Record<string, unknown> = {}, token = tenant.ownerToken) => {
    const res = await gql<Changelog>(app, CHANGELOG, vars, token);
    expect(res.errors).toBeUndefined();
    return res.data!.registerChangelog;
  };

  it('answers a list and a single read as of T exactly as before a later change, and the chain verifies', async () => {
    upcloud = await create(a, { name: 'UpCloud Ltd', roles: ['SUBPROCESSOR'], country: 'FI' });
    const ploi = await create(a, { name: 'Ploi.io', roles: ['SUBPROCESSOR'], country: 'NL' });
    await pause();
    const listBefore = (await gql(app, LIST, {}, a.ownerToken)).data;
    const upcloudBefore = (await gql(app, GET, { id: upcloud }, a.ownerToken)).data;
    const t = new Date().toISOString();
    await pause();

    await gql(app, UPDATE, { input: { id: upcloud, name: 'UpCloud Oy', country: 'DE' } }, a.ownerToken);
    await gql(app, DELETE, { id: ploi }, a.ownerToken);
    await create(a, { name: 'Mailgun', roles: ['SUBPROCESSOR'], country: 'US' });

    expect((await gql(app, LIST, { asOf: t }, a.ownerToken)).data).toEqual(listBefore);
    expect((await gql(app, GET, { id: upcloud, asOf: t }, a.ownerToken)).data).toEqual(upcloudBefore);
    expect((await gql(app, GET, { id: ploi, asOf: t }, a.ownerToken)).data).toEqual({
      party: { id: ploi, name: 'Ploi.io', country: 'NL', roles: ['SUBPROCESSOR'] },
    });
    expect(codes(await gql(app, GET, { id: ploi }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect((await gql<{ parties: { totalCount: number } }>(app, LIST, {}, a.ownerToken)).data!.parties.totalCount).toBe(
      2,
    );

    const verdict = await verify(a);
    expect(verdict).toMatchObject({ ok: true, length: 5, firstBrokenSeq: null, problem: null });
    expect(verdict.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does the same for activities, and words their updates field by field', async () => {
    const tenant = await createTestTenant(app, 'Activities');
    const fields = `id name retention { duration trigger } recipients { kind name }`;
    const created = await gql<{ createActivity: { id: string } }>(
      app,
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
      {
        input: {
          name: 'Leerlingadministratie',
          role: 'CONTROLLER',
          retention: [{ duration: 'P1Y', trigger: 'RT_CONTRACT_END', action: 'RA_DELETE' }],
        },
      },
      tenant.ownerToken,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createActivity.id;
    const list = `query($asOf: DateTime) { activities(asOf: $asOf) { totalCount edges { node { ${fields} } } } }`;
    const one = `query($id: ID!, $asOf: DateTime) { activity(id: $id, asOf: $asOf) { ${fields} } }`;
    const listBefore = (await gql(app, list, {}, tenant.ownerToken)).data;
    const oneBefore = (await gql(app, one, { id }, tenant.ownerToken)).data;
    await pause();
    const t = new Date().toISOString();
    await pause();
    const updated = await gql(
      app,
      `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { id } }`,
      {
        input: {
          id,
          retention: [{ duration: 'P2Y', trigger: 'RT_CONTRACT_END', action: 'RA_DELETE' }],
          recipients: [{ kind: 'RK_INTERNAL', name: 'Mentoren' }],
        },
      },
      tenant.ownerToken,
    );
    expect(updated.errors).toBeUndefined();
    expect((await gql(app, list, { asOf: t }, tenant.ownerToken)).data).toEqual(listBefore);
    expect((await gql(app, one, { id, asOf: t }, tenant.ownerToken)).data).toEqual(oneBefore);
    expect((await gql(app, one, { id }, tenant.ownerToken)).data).not.toEqual(oneBefore);
    expect((await changelog(tenant, { locale: 'nl' })).edges.map((e) => e.node.summary)).toEqual([
      'Activiteit Leerlingadministratie: ontvangers, bewaartermijn gewijzigd',
      'Activiteit Leerlingadministratie toegevoegd',
    ]);
    expect(await verify(tenant)).toMatchObject({ ok: true, length: 2 });
  });

  it('reads the changelog per transaction, newest first, in words and as a diff, with the chain head', async () => {
    const log = await changelog(a, { locale: 'nl' });
    expect(log.totalCount).toBe(5);
    expect(log.chainLength).toBe(5);
    expect(log.headHash).toBe((await verify(a)).headHash);
    expect(log.edges.map((e) => e.node.summary)).toEqual([
      'Subverwerker Mailgun toegevoegd',
      'Subverwerker Ploi.io verwijderd',
      'Subverwerker UpCloud Oy (voorheen UpCloud Ltd): naam, land gewijzigd',
      'Subverwerker Ploi.io toegevoegd',
      'Subverwerker UpCloud Ltd toegevoegd',
    ]);
    const rename = log.edges[2]!.node;
    expect(rename.summaryEn).toBe('Subprocessor UpCloud Oy (was UpCloud Ltd): name, country changed');
    expect(rename.actor).toBe(`owner@${a.slug}.test`);
    expect(rename.changes[0]!.fields).toEqual([
      { field: 'name', label: 'naam', labelNl: 'naam', before: '"UpCloud Ltd"', after: '"UpCloud Oy"' },
      { field: 'country', label: 'land', labelNl: 'land', before: '"FI"', after: '"DE"' },
    ]);
    expect((await changelog(a, { locale: 'en', first: 1 })).edges[0]!.node.summary).toBe('Subprocessor Mailgun added');
  });

  it('pages with cursors and filters by object, type and time', async () => {
    const first = await changelog(a, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await changelog(a, { first: 2, after: first.pageInfo.endCursor });
    const third = await changelog(a, { first: 2, after: second.pageInfo.endCursor });
    const ids = [...first.edges, ...second.edges, ...third.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.pageInfo.hasNextPage).toBe(false);

    const ofUpcloud = await changelog(a, { entityId: upcloud, entityType: 'PARTY' });
    expect(ofUpcloud.totalCount).toBe(2);
    expect(await changelog(a, { entityType: 'ACTIVITY' })).toMatchObject({ totalCount: 0, edges: [] });
    const newest = first.edges[0]!.node.effectiveAt;
    expect((await changelog(a, { since: newest })).totalCount).toBe(1);
    expect((await changelog(a, { until: new Date(Date.parse(newest) - 1).toISOString() })).totalCount).toBe(4);

    const bad = await gql(app, CHANGELOG, { after: 'not-a-cursor' }, a.ownerToken);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged = Buffer.from(JSON.stringify(["'; drop", '1'])).toString('base64url');
    expect(codes(await gql(app, CHANGELOG, { after: forged }, a.ownerToken))).toEqual(['BAD_USER_INPUT']);
    const backwards = await gql(app, CHANGELOG, { since: newest, until: '2000-01-01T00:00:00Z' }, a.ownerToken);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    expect(codes(await gql(app, CHANGELOG, { entityId: 'nope' }, a.ownerToken))).toEqual(['BAD_USER_INPUT']);
  });

  it("gives one object's history, and keeps tenants apart", async () => {
    const id = await create(b, { name: 'B-vendor', roles: ['PROCESSOR'] });
    await gql(app, UPDATE, { input: { id, country: 'BE' } }, b.ownerToken);
    const query = `query($id: ID!) { entityHistory(entityType: PARTY, entityId: $id, locale: en) { op summary actor } }`;
    expect((await gql(app, query, { id }, b.ownerToken)).data).toEqual({
      entityHistory: [
        { op: 'UPDATE', summary: 'Processor B-vendor: country changed', actor: `owner@${b.slug}.test` },
        { op: 'INSERT', summary: 'Processor B-vendor added', actor: `owner@${b.slug}.test` },
      ],
    });
    expect(codes(await gql(app, query, { id }, a.ownerToken))).toEqual(['NOT_FOUND']);
    expect((await changelog(a, { entityId: id })).totalCount).toBe(0);
    expect((await changelog(b)).totalCount).toBe(2);
    expect((await verify(b)).length).toBe(2);
  });

  it('lets viewers and auditors read the changelog and verify', async () => {
    for (const role of [Role.VIEWER, Role.AUDITOR]) {
      const token = await a.tokenFor(role, role === Role.AUDITOR ? new Date(Date.now() + 86_400_000) : null);
      expect((await changelog(a, { first: 1 }, token)).totalCount).toBe(5);
      expect(codes(await gql(app, VERIFY, {}, token))).toEqual([]);
    }
    expect(codes(await gql(app, VERIFY))).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps backdated imports (effectiveAt) in the chain and in time order', async () => {
    const tenant = await createTestTenant(app, 'Backdated');
    const parties = app.get(PartiesService);
    const principal = ownerOf(tenant);
    await parties.create(principal, { name: 'Google Workspace', roles: ['subprocessor'] } as never, {
      effectiveAt: new Date('2022-02-21T09:00:00Z'),
      note: 'Google Workspace toegevoegd bij de subverwerkers.',
    });
    await create(tenant, { name: 'UpCloud', roles: ['SUBPROCESSOR'] });
    expect(await verify(tenant)).toMatchObject({ ok: true, length: 2 });
    const log = await changelog(tenant, { locale: 'nl' });
    expect(log.edges.map((e) => e.node.summary)).toEqual([
      'Subverwerker UpCloud toegevoegd',
      'Subverwerker Google Workspace toegevoegd',
    ]);
    const imported = log.edges[1]!.node;
    expect(imported).toMatchObject({
      effectiveAt: '2022-02-21T09:00:00.000Z',
      note: 'Google Workspace toegevoegd bij de subverwerkers.',
    });
    expect(Date.parse(imported.recordedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    const asOf = `query { parties(asOf: "2022-03-01T00:00:00Z") { edges { node { name } } } }`;
    expect((await gql(app, asOf, {}, tenant.ownerToken)).data).toEqual({
      parties: { edges: [{ node: { name: 'Google Workspace' } }] },
    });
  });

  it('walks the chain in numeric seq order across a change in digit count (…9, …10)', async () => {
    const tenant = await createTestTenant(app, 'Digits');
    const db = await ownerClient();
    try {
      // The sequence is shared by all tenants: jump it to just below a power of ten.
      const { rows } = await db.query<{ next: string }>(`SELECT last_value::text AS next FROM register_changes_seq`);
      const target = 10n ** BigInt(rows[0]!.next.length + 1) - 3n;
      await db.query(`SELECT setval('register_changes_seq', $1::bigint)`, [target.toString()]);
    } finally {
      await db.end();
    }
    const id = await create(tenant, { name: 'Vendor', roles: ['SUBPROCESSOR'] });
    for (let i = 1; i <= 4; i++) await gql(app, UPDATE, { input: { id, name: `Vendor ${i}` } }, tenant.ownerToken);
    expect(await verify(tenant)).toMatchObject({ ok: true, length: 5 });
    expect((await changelog(tenant)).edges.map((e) => e.node.summary)[0]).toBe(
      'Subprocessor Vendor 4 (was Vendor 3): name changed',
    );
  });

  describe('tampering with stored history is detected at the right entry', () => {
    /** A fresh tenant with five entries; returns their seqs in order. */
    async function tenantWithHistory(): Promise<{ tenant: TestTenant; seqs: string[] }> {
      const tenant = await createTestTenant(app, 'Tamper');
      const id = await create(tenant, { name: 'Vendor 0', roles: ['SUBPROCESSOR'] });
      for (let i = 1; i <= 3; i++) await gql(app, UPDATE, { input: { id, name: `Vendor ${i}` } }, tenant.ownerToken);
      await create(tenant, { name: 'Other', roles: [] });
      const db = await ownerClient();
      try {
        const { rows } = await db.query<{ seq: string }>(
          `SELECT seq::text AS seq FROM register_changes WHERE tenant_id = $1 ORDER BY seq`,
          [tenant.id],
        );
        expect(await verify(tenant)).toMatchObject({ ok: true, length: 5 });
        return { tenant, seqs: rows.map((r) => r.seq) };
      } finally {
        await db.end();
      }
    }

    /** Runs SQL as the owner with the append-only trigger off, as an attacker with database access could. */
    async function tamper(sql: string, params: unknown[]): Promise<void> {
      const db = await ownerClient();
      try {
        await db.query('ALTER TABLE register_changes DISABLE TRIGGER register_changes_append_only');
        await db.query(sql, params);
      } finally {
        await db.query('ALTER TABLE register_changes ENABLE TRIGGER register_changes_append_only');
        await db.end();
      }
    }

    it('an edited after', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      await tamper(
        `UPDATE register_changes SET after = jsonb_set(after, '{name}', '"Forged"') WHERE tenant_id = $1 AND seq = $2`,
        [tenant.id, seqs[2]],
      );
      expect(await verify(tenant)).toMatchObject({
        ok: false,
        firstBrokenSeq: seqs[2],
        length: 2,
        problem: expect.stringMatching(/changed after it was recorded/),
      });
    });

    it('an edited actor_label', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      await tamper(`UPDATE register_changes SET actor_label = 'someone-else' WHERE tenant_id = $1 AND seq = $2`, [
        tenant.id,
        seqs[1],
      ]);
      expect(await verify(tenant)).toMatchObject({ ok: false, firstBrokenSeq: seqs[1] });
    });

    it('a deleted middle entry, also when read in small batches', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      const inBatchesOfTwo = () =>
        app.get(TenantDb).run(tenant.id, (tx) => app.get(HistoryVerifier).verifyIn(tx, 2), { readOnly: true });
      expect(await inBatchesOfTwo()).toMatchObject({ ok: true, length: 5 });
      await tamper(`DELETE FROM register_changes WHERE tenant_id = $1 AND seq = $2`, [tenant.id, seqs[2]]);
      const expected = {
        ok: false,
        length: 2,
        firstBrokenSeq: seqs[3],
        problem: expect.stringMatching(/removed, or entries were reordered/),
      };
      expect(await verify(tenant)).toMatchObject(expected);
      expect(await inBatchesOfTwo()).toMatchObject(expected);
    });

    it('two entries reordered (their hashes swapped)', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      await tamper(
        `UPDATE register_changes c SET hash = o.hash FROM register_changes o
          WHERE c.tenant_id = $1 AND o.tenant_id = $1 AND ((c.seq = $2 AND o.seq = $3) OR (c.seq = $3 AND o.seq = $2))`,
        [tenant.id, seqs[1], seqs[2]],
      );
      expect(await verify(tenant)).toMatchObject({ ok: false, firstBrokenSeq: seqs[1] });
    });

    it('a truncated tail', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      await tamper(`DELETE FROM register_changes WHERE tenant_id = $1 AND seq = $2`, [tenant.id, seqs[4]]);
      expect(await verify(tenant)).toMatchObject({
        ok: false,
        firstBrokenSeq: seqs[4],
        length: 4,
        problem: expect.stringMatching(/latest entries are missing/),
      });
    });

    it('two entries reordered by their positions (seq numbers swapped)', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      const move = (from: string, to: string) =>
        tamper(`UPDATE register_changes SET seq = $3::bigint WHERE tenant_id = $1 AND seq = $2::bigint`, [
          tenant.id,
          from,
          to,
        ]);
      const aside = String(BigInt(seqs[4]!) + 2000000n);
      await move(seqs[1]!, aside);
      await move(seqs[2]!, seqs[1]!);
      await move(aside, seqs[2]!);
      expect(await verify(tenant)).toMatchObject({ ok: false, firstBrokenSeq: seqs[1] });
    });

    /** A forged entry for `seq`, linked to `prevSeq`'s hash, hashed as the trigger would. */
    const FORGE = `
      INSERT INTO register_changes (tenant_id, seq, tx_id, entity_type, entity_id, op, before, after, actor_label,
                                    note, recorded_at, effective_at, prev_hash, hash)
      SELECT c.tenant_id, $3::bigint, c.tx_id, c.entity_type, c.entity_id, 'update', c.after,
             jsonb_set(c.after, '{name}', '"Forged"'), 'forger', NULL, c.recorded_at, c.effective_at, c.hash,
             sha256(convert_to(register_change_digest_text(c.hash, c.tenant_id, $3::bigint, c.entity_type, c.entity_id,
               'update', 'forger', NULL, c.recorded_at, c.effective_at, c.after,
               jsonb_set(c.after, '{name}', '"Forged"')), 'UTF8'))
        FROM register_changes c WHERE c.tenant_id = $1 AND c.seq = $2::bigint`;

    it('a forged entry inserted between two, even with a correct hash and link', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      // Make room after entry 1: the later entries move up, the forgery takes entry 2's place.
      await tamper(`UPDATE register_changes SET seq = seq + 1000000 WHERE tenant_id = $1 AND seq >= $2::bigint`, [
        tenant.id,
        seqs[2],
      ]);
      await tamper(FORGE, [tenant.id, seqs[1], seqs[2]]);
      const verdict = await verify(tenant);
      // The forgery itself verifies; the entries it displaced are no longer where the head says.
      expect(verdict).toMatchObject({ ok: false, length: 3, firstBrokenSeq: seqs[4] });
      expect(verdict.problem).toMatch(/latest entries are missing/);
    });

    it('a forged entry appended after the head, with a correct hash and link', async () => {
      const { tenant, seqs } = await tenantWithHistory();
      const forged = String(BigInt(seqs[4]!) + 1000000n);
      await tamper(FORGE, [tenant.id, seqs[4], forged]);
      expect(await verify(tenant)).toMatchObject({
        ok: false,
        firstBrokenSeq: forged,
        problem: expect.stringMatching(/added outside the chain/),
      });
    });

    it("the tenant's whole history truncated", async () => {
      const { tenant, seqs } = await tenantWithHistory();
      await tamper(`DELETE FROM register_changes WHERE tenant_id = $1`, [tenant.id]);
      expect(await verify(tenant)).toMatchObject({
        ok: false,
        length: 0,
        firstBrokenSeq: seqs[4],
        problem: expect.stringMatching(/latest entries are missing/),
      });
    });

    it("does not affect another tenant's chain", async () => {
      expect(await verify(a)).toMatchObject({ ok: true, length: 5 });
    });
  });
});

function ownerOf(tenant: TestTenant): Principal {
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    role: Role.OWNER,
    kind: 'user',
    actorId: tenant.id,
    actorLabel: `owner@${tenant.slug}.test`,
  };
}
