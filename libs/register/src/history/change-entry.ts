import type { Words } from './change-labels.js';
import { entityName, fieldDiff, type FieldDiff, summarise } from './change-summary.js';
import type { RegisterEntityType } from './register-change.entity.js';

/** A register_changes row as the changelog reads it (jsonb parsed, timestamps as Dates). */
export interface StoredChange {
  seq: string;
  tx_id: string;
  entity_type: RegisterEntityType;
  entity_id: string;
  op: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor_label: string;
  note: string | null;
  effective_at: Date;
  recorded_at: Date;
}

/** One history entry, explained: what happened to which entity, in words and as a diff. */
export interface ChangeEntry {
  seq: string;
  txId: string;
  entityType: RegisterEntityType;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
  name: Words;
  summary: Words;
  fields: FieldDiff[];
  actor: string;
  note: string | null;
  effectiveAt: Date;
  recordedAt: Date;
}

/** The entries one transaction wrote: one change as a person made it. */
export interface ChangeSet {
  id: string;
  effectiveAt: Date;
  recordedAt: Date;
  actor: string;
  note: string | null;
  summary: Words;
  changes: ChangeEntry[];
}

export function explain(rows: StoredChange[], names: ReadonlyMap<string, string>): ChangeEntry[] {
  return rows.map((row) => {
    const facts = { entityType: row.entity_type, op: row.op, before: row.before, after: row.after };
    const current = row.after ?? row.before;
    return {
      seq: row.seq,
      txId: row.tx_id,
      entityType: row.entity_type,
      entityId: row.entity_id,
      op: row.op,
      name: {
        nl: entityName(row.entity_type, current, names, 'nl'),
        en: entityName(row.entity_type, current, names, 'en'),
      },
      summary: summarise(facts, names),
      fields: row.op === 'update' ? fieldDiff(row.entity_type, row.before, row.after) : [],
      actor: row.actor_label,
      note: row.note,
      effectiveAt: row.effective_at,
      recordedAt: row.recorded_at,
    };
  });
}

export function changeSet(id: string, changes: ChangeEntry[]): ChangeSet {
  const first = changes[0]!;
  const join = (lang: 'nl' | 'en') => [...new Set(changes.map((c) => c.summary[lang]))].join('; ');
  return {
    id,
    effectiveAt: new Date(Math.max(...changes.map((c) => c.effectiveAt.getTime()))),
    recordedAt: new Date(Math.min(...changes.map((c) => c.recordedAt.getTime()))),
    actor: first.actor,
    note: first.note,
    summary: { nl: join('nl'), en: join('en') },
    changes,
  };
}
