import { type ChainHead, type ChainRow, ChainWalker, digestText, rowHash } from './history-chain.js';

const TENANT = '00000000-0000-4000-8000-000000000001';

/** A well-formed chain of n entries, hashed as the trigger does. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  for (let i = 0; i < n; i++) {
    const row: ChainRow = {
      seq: String(10 + i * 3),
      tenantId: TENANT,
      entityType: 'parties',
      entityId: '00000000-0000-4000-8000-00000000000a',
      op: i === 0 ? 'insert' : 'update',
      actorLabel: 'dpo@example.org',
      note: i === 1 ? 'renamed' : null,
      recordedAt: `2026-11-0${i + 1}T10:00:00.000001Z`,
      effectiveAt: `2026-11-0${i + 1}T10:00:00.000000Z`,
      before: i === 0 ? null : `{"name": "v${i - 1}"}`,
      after: `{"name": "v${i}"}`,
      prevHash: rows.at(-1)?.hash ?? null,
      hash: '',
    };
    row.hash = rowHash(row);
    rows.push(row);
  }
  return rows;
}

function walk(rows: ChainRow[], head: ChainHead | null = headOf(rows)) {
  const walker = new ChainWalker();
  for (const row of rows) if (!walker.add(row)) break;
  return walker.finish(head);
}

const headOf = (rows: ChainRow[]): ChainHead => ({
  length: rows.length,
  lastSeq: rows.at(-1)?.seq ?? null,
  headHash: rows.at(-1)?.hash ?? null,
});

describe('history chain', () => {
  it('builds the same text as register_change_digest_text (NULLs empty, fields joined by |)', () => {
    const [first] = chain(1);
    expect(digestText(first!)).toBe(
      `|${TENANT}|10|parties|00000000-0000-4000-8000-00000000000a|insert|dpo@example.org||` +
        `2026-11-01T10:00:00.000001Z|2026-11-01T10:00:00.000000Z||{"name": "v0"}`,
    );
  });

  it('verifies an intact chain and an empty one', () => {
    const rows = chain(4);
    expect(walk(rows)).toEqual({
      ok: true,
      length: 4,
      headHash: rows[3]!.hash,
      firstBrokenSeq: null,
      problem: null,
    });
    expect(walk([], null)).toMatchObject({ ok: true, length: 0, headHash: null });
  });

  it('names the first entry whose content changed', () => {
    const rows = chain(4);
    rows[2] = { ...rows[2]!, after: '{"name": "forged"}' };
    expect(walk(rows)).toMatchObject({ ok: false, firstBrokenSeq: rows[2]!.seq, length: 2 });
  });

  it('names the entry after a removed one, and a chain whose start is missing', () => {
    const rows = chain(4);
    const head = headOf(rows);
    expect(walk([rows[0]!, rows[2]!, rows[3]!], head)).toMatchObject({
      ok: false,
      firstBrokenSeq: rows[2]!.seq,
      problem: expect.stringMatching(/does not link to entry 10/),
    });
    expect(walk(rows.slice(1), head)).toMatchObject({ ok: false, firstBrokenSeq: rows[1]!.seq });
  });

  it('detects a truncated tail and a changed head', () => {
    const rows = chain(4);
    expect(walk(rows.slice(0, 3), headOf(rows))).toMatchObject({
      ok: false,
      firstBrokenSeq: rows[3]!.seq,
      problem: expect.stringMatching(/latest entries are missing/),
    });
    expect(walk(rows, { ...headOf(rows), headHash: 'ab'.repeat(32) })).toMatchObject({
      ok: false,
      firstBrokenSeq: rows[3]!.seq,
    });
    expect(walk(rows, null)).toMatchObject({ ok: false, problem: expect.stringMatching(/no chain head/) });
  });
});
