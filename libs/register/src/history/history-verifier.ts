import { Injectable } from '@nestjs/common';
import type { Principal } from '#core';
import type { TenantTx } from '#database';
import { RegisterWriter } from '../common/register-writer.js';
import { type ChainHead, type ChainRow, type ChainVerdict, ChainWalker } from './history-chain.js';

export interface HistoryVerification extends ChainVerdict {
  checkedAt: Date;
}

const BATCH_SIZE = 1000;
const UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Recomputes a tenant's hash chain in TypeScript, independently of the trigger that wrote it:
 * entries are read in seq order in batches (bounded memory), with PostgreSQL rendering the
 * columns exactly as the trigger hashed them.
 */
@Injectable()
export class HistoryVerifier {
  constructor(private readonly register: RegisterWriter) {}

  verify(principal: Principal): Promise<HistoryVerification> {
    return this.register.read(principal, (tx) => this.verifyIn(tx));
  }

  /** Inside a caller's transaction (the CLI and exports run it per tenant). */
  async verifyIn(tx: TenantTx, batchSize = BATCH_SIZE): Promise<HistoryVerification> {
    const checkedAt = new Date();
    // Writers extend a tenant's chain one at a time under the head row's lock, so every entry up
    // to the head read here is committed; later ones are concurrent writes, checked next time.
    const head = await this.head(tx);
    const walker = new ChainWalker();
    let after = '0';
    for (;;) {
      const rows = await this.batch(tx, after, head?.lastSeq ?? null, batchSize);
      if (rows.length === 0 || !rows.every((row) => walker.add(row))) break;
      after = rows.at(-1)!.seq;
      if (rows.length < batchSize) break;
    }
    const verdict = walker.finish(head);
    if (!verdict.ok) return { ...verdict, checkedAt };
    const stray = await this.strayEntry(tx, head);
    if (stray) {
      return {
        ...verdict,
        ok: false,
        firstBrokenSeq: stray,
        problem: `Entry ${stray} comes after the chain head, which does not record it: it was added outside the chain.`,
        checkedAt,
      };
    }
    return { ...verdict, checkedAt };
  }

  private async head(tx: TenantTx): Promise<ChainHead | null> {
    const [row] = (await tx.em.query(
      `SELECT length::text AS length, last_seq::text AS last_seq, encode(head_hash, 'hex') AS head_hash
         FROM register_chain_heads WHERE tenant_id = $1`,
      [tx.tenantId],
    )) as Array<{ length: string; last_seq: string | null; head_hash: string | null }>;
    return row ? { length: Number(row.length), lastSeq: row.last_seq, headHash: row.head_hash } : null;
  }

  private async batch(tx: TenantTx, after: string, upTo: string | null, size: number): Promise<ChainRow[]> {
    const bound = upTo === null ? '' : 'AND c.seq <= $3::bigint';
    return (await tx.em.query(
      // Qualified names throughout: a bare ORDER BY seq would sort by the text alias (1, 10, 2).
      `SELECT c.seq::text AS "seq", c.tenant_id::text AS "tenantId", c.entity_type AS "entityType",
              c.entity_id::text AS "entityId", c.op, c.actor_label AS "actorLabel", c.note,
              to_char(c.recorded_at AT TIME ZONE 'UTC', ${UTC}) AS "recordedAt",
              to_char(c.effective_at AT TIME ZONE 'UTC', ${UTC}) AS "effectiveAt",
              c.before::text AS "before", c.after::text AS "after",
              encode(c.prev_hash, 'hex') AS "prevHash", encode(c.hash, 'hex') AS "hash"
         FROM register_changes c
        WHERE c.tenant_id = $1 AND c.seq > $2::bigint ${bound}
        ORDER BY c.seq LIMIT ${Math.max(1, Math.floor(size))}`,
      upTo === null ? [tx.tenantId, after] : [tx.tenantId, after, upTo],
    )) as ChainRow[];
  }

  /** An entry past the head while the head has not moved was not appended by the trigger. */
  private async strayEntry(tx: TenantTx, head: ChainHead | null): Promise<string | null> {
    const [row] = (await tx.em.query(
      `SELECT min(c.seq)::text AS seq, (SELECT last_seq::text FROM register_chain_heads WHERE tenant_id = $1) AS last_seq
         FROM register_changes c WHERE c.tenant_id = $1 AND c.seq > $2::bigint`,
      [tx.tenantId, head?.lastSeq ?? '0'],
    )) as Array<{ seq: string | null; last_seq: string | null }>;
    if (!row?.seq) return null;
    return row.last_seq === (head?.lastSeq ?? null) ? row.seq : null;
  }
}
