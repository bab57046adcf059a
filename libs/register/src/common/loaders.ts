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
    const values = new Map<K, V>();
    loader = new DataLoader<K, V>(
      async (keys) => {
        const results = await batch(keys);
        results.forEach((value, i) => {
          if (!(value instanceof Error)) values.set(keys[i]!, value);
        });
        return results;
      },
      { maxBatchSize: 1000 },
    );
    settled.set(loader as DataLoader<unknown, unknown>, values);
    holder.__loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** What each request loader's batches have answered so far (loaders are never cleared). */
const settled = new WeakMap<DataLoader<unknown, unknown>, Map<unknown, unknown>>();

/**
 * The value for `key`, without a promise when an earlier batch already answered it (the page
 * resolvers prefetch what their nested fields will ask for): graphql-js then completes the field,
 * and the object holding it, synchronously, instead of a promise per object. Else the loader's.
 */
export function loadNow<K, V>(loader: DataLoader<K, V>, key: K): V | Promise<V> {
  const values = settled.get(loader as DataLoader<unknown, unknown>) as Map<K, V> | undefined;
  return values?.has(key) ? values.get(key)! : loader.load(key);
}

/** The found values for `keys` (missing ones left out), without a promise when all are settled. */
export function loadPresent<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): V[] | Promise<V[]> {
  const values = settled.get(loader as DataLoader<unknown, unknown>) as Map<K, V | null> | undefined;
  if (values && keys.every((key) => values.has(key))) return present(keys.map((key) => values.get(key)!));
  return loader.loadMany(keys).then(present);
}

function present<V>(found: Array<V | null | Error>): V[] {
  return found.filter((value): value is V => value !== null && !(value instanceof Error));
}

/** Orders fetched rows as the keys asked for; a missing id yields null (not visible then). */
export function byKey<T extends { id: string }>(keys: readonly string[], rows: T[]): Array<T | null> {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}
