import type { RegisterEntityType } from '../history/register-change.entity.js';

/**
 * The FROM clause for a register table: the table itself for now, or the register as it stood at
 * `asOf`, rebuilt from the history. The rebuilt rows have the table's own row type
 * (jsonb_populate_record), so the same WHERE, ORDER BY and row mapping serve both.
 *
 * `params` is the statement's parameter list; the as-of instant is appended to it.
 */
export function registerSource(table: RegisterEntityType, asOf: Date | undefined, params: unknown[]): string {
  if (!asOf) return table;
  params.push(asOf);
  return `(SELECT (jsonb_populate_record(NULL::${table}, h.after)).*
             FROM (SELECT DISTINCT ON (c.entity_id) c.after
                     FROM register_changes c
                    WHERE c.tenant_id = app_current_tenant() AND c.entity_type = '${table}'
                      AND c.effective_at <= $${params.length}
                    ORDER BY c.entity_id, c.effective_at DESC, c.seq DESC) h
            WHERE h.after IS NOT NULL)`;
}
