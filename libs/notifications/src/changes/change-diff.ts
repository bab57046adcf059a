import type { TenantTx } from '#database';
import type { Engagement } from '#register';
import type { FieldDiff } from './subprocessor-change.entity.js';

/** The engagement fields a notice reports, in the order it reports them. */
const NOTICE_FIELDS = [
  'vendorId',
  'purpose',
  'description',
  'productIds',
  'dataCategoryCodes',
  'processingLocations',
  'accessLocations',
  'transferMechanism',
  'supplementaryMeasures',
] as const;

/** Before and after of every reported field that differs (ids as stored; see `inWords`). */
export function engagementDiff(before: Engagement, after: Engagement): FieldDiff[] {
  const diff: FieldDiff[] = [];
  for (const field of NOTICE_FIELDS) {
    const was = normalise(before[field]);
    const is = normalise(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(is)) diff.push({ field, before: was, after: is });
  }
  return diff;
}

/**
 * The diff as customers read it: the vendor and products by name instead of by id (a notice that
 * says "vendorId: 1bea…" tells a customer nothing).
 */
export async function inWords(tx: TenantTx, diff: FieldDiff[]): Promise<FieldDiff[]> {
  const ids = diff
    .filter((d) => d.field === 'vendorId' || d.field === 'productIds')
    .flatMap((d) => [d.before, d.after].flat())
    .filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return diff;
  const rows = (await tx.em.query(
    `SELECT id, name FROM parties WHERE tenant_id = $1 AND id = ANY ($2::uuid[])
     UNION ALL SELECT id, name FROM products WHERE tenant_id = $1 AND id = ANY ($2::uuid[])`,
    [tx.tenantId, ids],
  )) as Array<{ id: string; name: string }>;
  const names = new Map(rows.map((row) => [row.id, row.name]));
  const name = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(name) : typeof value === 'string' ? (names.get(value) ?? value) : value;
  return diff.map((d) =>
    d.field === 'vendorId' || d.field === 'productIds'
      ? { field: d.field === 'vendorId' ? 'vendor' : 'products', before: name(d.before), after: name(d.after) }
      : d,
  );
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? null : [...value].sort();
  return value ?? null;
}
