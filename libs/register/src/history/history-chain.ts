import { createHash } from 'node:crypto';

/**
 * One stored history entry as PostgreSQL renders its columns (text, hex, UTC timestamps), so the
 * digest text below is byte-identical to what `register_change_digest_text()` hashed.
 */
export interface ChainRow {
  seq: string;
  tenantId: string;
  entityType: string;
  entityId: string;
  op: string;
  actorLabel: string;
  note: string | null;
  /** `YYYY-MM-DDTHH:MI:SS.USZ`, rendered in UTC by PostgreSQL. */
  recordedAt: string;
  effectiveAt: string;
  /** `before::text` / `after::text` (jsonb's canonical text). */
  before: string | null;
  after: string | null;
  prevHash: string | null;
  hash: string;
}

export interface ChainHead {
  length: number;
  lastSeq: string | null;
  headHash: string | null;
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries checked (the chain's length when it verifies). */
  length: number;
  headHash: string | null;
  firstBrokenSeq: string | null;
  problem: string | null;
}

/** The same text as the SQL function: fields joined by '|', NULLs as empty strings. */
export function digestText(row: ChainRow): string {
  return [
    row.prevHash ?? '',
    row.tenantId,
    row.seq,
    row.entityType,
    row.entityId,
    row.op,
    row.actorLabel,
    row.note ?? '',
    row.recordedAt,
    row.effectiveAt,
    row.before ?? '',
    row.after ?? '',
  ].join('|');
}

export function rowHash(row: ChainRow): string {
  return createHash('sha256').update(digestText(row), 'utf8').digest('hex');
}

/**
 * Walks a tenant's chain in seq order, one row at a time (the caller streams batches), and stops
 * at the first entry that does not link to its predecessor or does not match its own hash.
 */
export class ChainWalker {
  private count = 0;
  private lastHash: string | null = null;
  private lastSeq: string | null = null;
  private broken: { seq: string; problem: string } | null = null;

  /** False once the chain is broken: the caller can stop reading. */
  add(row: ChainRow): boolean {
    if (this.broken) return false;
    if (row.prevHash !== this.lastHash) {
      this.broken = {
        seq: row.seq,
        problem:
          this.lastSeq === null
            ? `Entry ${row.seq} is the first entry but links to an earlier one: the start of the history is missing.`
            : `Entry ${row.seq} does not link to entry ${this.lastSeq}: an entry between them was removed, or entries were reordered.`,
      };
      return false;
    }
    if (rowHash(row) !== row.hash) {
      this.broken = {
        seq: row.seq,
        problem: `Entry ${row.seq} does not match its hash: it was changed after it was recorded.`,
      };
      return false;
    }
    this.count += 1;
    this.lastHash = row.hash;
    this.lastSeq = row.seq;
    return true;
  }

  /** Compares the walked chain with the recorded head (null: no head row). */
  finish(head: ChainHead | null): ChainVerdict {
    const fail = (seq: string | null, problem: string): ChainVerdict => ({
      ok: false,
      length: this.count,
      headHash: head?.headHash ?? null,
      firstBrokenSeq: seq,
      problem,
    });
    if (this.broken) return fail(this.broken.seq, this.broken.problem);
    const expected = head ?? { length: 0, lastSeq: null, headHash: null };
    if (expected.lastSeq !== this.lastSeq) {
      if (expected.lastSeq === null)
        return fail(this.lastSeq, 'The history has entries but no chain head records them.');
      // The sequence is shared by all tenants, so the first missing number is unknowable: name the
      // newest entry the head vouches for.
      const kept = this.lastSeq === null ? 'no entries' : `entries up to ${this.lastSeq}`;
      return fail(
        expected.lastSeq,
        `The chain head records ${expected.length} entries up to entry ${expected.lastSeq}, but the history has ${kept}: the latest entries are missing.`,
      );
    }
    if (expected.headHash !== this.lastHash || expected.length !== this.count) {
      return fail(this.lastSeq, `The chain head does not match entry ${this.lastSeq}: the head was changed.`);
    }
    return { ok: true, length: this.count, headHash: this.lastHash, firstBrokenSeq: null, problem: null };
  }
}
