import DataLoader from 'dataloader';

/**
 * DataLoaders live on the GraphQL context object, which exists once per request: created on first
 * use, keyed by name and as-of instant, never shared between requests (or tenants).
 */
export function requestLoader<K, V>(
  context: object,
  name: string,
  asOf: Date | undefined,
  batch: (keys: readonly K[]) => Promise<Array<V | Error>>,
): DataLoader<K, V> {
  const holder = context as { __loaders?: Map<string, DataLoader<unknown, unknown>> };
  holder.__loaders ??= new Map();
  const key = `${name}@${asOf?.toISOString() ?? 'now'}`;
  let loader = holder.__loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
    holder.__loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders fetched rows as the keys asked for; a missing id yields null (not visible then). */
export function byKey<T extends { id: string }>(keys: readonly string[], rows: T[]): Array<T | null> {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}
