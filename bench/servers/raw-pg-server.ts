import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { StatementWithCommit } from '#database';

/**
 * The floor under any GraphQL server: plain `pg` replaying, for every HTTP request, the exact SQL
 * art30 sent for one such request (captured by the benchmark: transaction control, tenant setting,
 * authentication, data), on one pooled connection of the same app role, and answering the rows as
 * JSON. No GraphQL, no DataLoader, no mapping: what is left is PostgreSQL and the driver.
 *
 * Writes cannot be replayed verbatim (the second insert of the same id fails), so a write script
 * comes as variants (one captured request per tenant, say), each naming the ids the request
 * created: every replay takes the next variant and puts fresh UUIDs in their place, in the SQL and
 * in every value (JSON payloads included), so each replay is a distinct, valid write.
 */
interface Captured {
  text: string;
  values?: unknown[];
  /** Prepared by the driver under this name, as art30 did. */
  name?: string;
  /** art30's last write goes with its COMMIT in one message: so does its replay. */
  commitsAfter?: boolean;
}
interface Variant {
  statements: Captured[];
  /** Ids the captured request generated; replaced by new ones on every replay. */
  fresh: string[];
}
const port = Number(process.env.PORT);
/**
 * Registered by the benchmark (`PUT /<name>` with the statements as JSON, or `{ variants }`),
 * replayed by `POST /<name>`.
 */
const scripts = new Map<string, { variants: Variant[]; next: number }>();
const pool = new pg.Pool({ connectionString: process.env.BENCH_APP_URL, max: 10 });

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path === '/health') return void res.writeHead(200).end('{"status":"ok"}');
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    if (req.method === 'PUT') {
      const sent = JSON.parse(body) as
        | { statements: Captured[]; prepared?: Record<string, string> }
        | { variants: Variant[]; prepared?: Record<string, string> };
      for (const [name, text] of Object.entries(sent.prepared ?? {})) definitions.set(name, text);
      const variants = 'variants' in sent ? sent.variants : [{ statements: sent.statements, fresh: [] }];
      scripts.set(path.slice(1), { variants, next: 0 });
      return void res.writeHead(204).end();
    }
    const script = scripts.get(path.slice(1));
    if (!script) return void res.writeHead(404).end();
    const variant = script.variants[script.next++ % script.variants.length]!;
    void replay(withFreshIds(variant)).then(
      (rows) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
});

/** SQL-level prepared statements art30 EXECUTEs in a transaction's opening, by name. */
const definitions = new Map<string, string>();
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * As art30 does: `EXECUTE` a statement this connection has prepared, else `PREPARE` it first
 * (the captured text has the PREPARE only if art30's connection did not hold it yet).
 */
function onThisConnection(client: pg.PoolClient, text: string): string {
  const held = preparedOn.get(client) ?? new Set<string>();
  preparedOn.set(client, held);
  const bare = text.replace(/PREPARE (\w+) AS [^;]*; (?=EXECUTE \1\()/g, '');
  return bare.replace(/EXECUTE (\w+)\(/g, (execute, name: string) => {
    if (held.has(name)) return execute;
    held.add(name);
    return `PREPARE ${name} AS ${definitions.get(name)}; ${execute}`;
  });
}

async function replay(script: Captured[]): Promise<unknown[]> {
  const client = await pool.connect();
  try {
    const out: unknown[] = [];
    for (const s of script) {
      // A text of several statements (no values) answers one result each: keep the last's rows.
      const text = onThisConnection(client, s.text);
      const answered: pg.QueryResult | pg.QueryResult[] = s.commitsAfter
        ? await StatementWithCommit.send(client, text, s.values ?? [])
        : await client.query(s.name ? { name: s.name, text, values: s.values } : { text, values: s.values });
      const result = Array.isArray(answered) ? answered.at(-1)! : answered;
      if (result.rows?.length) out.push(result.rows);
    }
    return out;
  } finally {
    client.release();
  }
}

function withFreshIds({ statements, fresh }: Variant): Captured[] {
  if (fresh.length === 0) return statements;
  const ids = new Map(fresh.map((id) => [id, randomUUID()]));
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      let out = value;
      for (const [old, now] of ids) out = out.replaceAll(old, now);
      return out;
    }
    return Array.isArray(value) ? value.map(swap) : value;
  };
  return statements.map((s) => ({ ...s, text: swap(s.text) as string, values: s.values?.map(swap) }));
}

server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
