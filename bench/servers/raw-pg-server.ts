import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The floor under any GraphQL server: plain `pg` replaying, for every HTTP request, the exact SQL
 * art30 sent for one such request (captured by the benchmark: transaction control, tenant setting,
 * authentication, data), on one pooled connection of the same app role, and answering the rows as
 * JSON. No GraphQL, no DataLoader, no mapping: what is left is PostgreSQL and the driver.
 */
interface Captured {
  text: string;
  values?: unknown[];
}
const port = Number(process.env.PORT);
/** Registered by the benchmark (`PUT /<name>` with the statements as JSON), replayed by `POST /<name>`. */
const scripts = new Map<string, Captured[]>();
const pool = new pg.Pool({ connectionString: process.env.BENCH_APP_URL, max: 10 });

const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path === '/health') return void res.writeHead(200).end('{"status":"ok"}');
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    if (req.method === 'PUT') {
      scripts.set(path.slice(1), JSON.parse(body) as Captured[]);
      return void res.writeHead(204).end();
    }
    const script = scripts.get(path.slice(1));
    if (!script) return void res.writeHead(404).end();
    void replay(script).then(
      (rows) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
});

async function replay(script: Captured[]): Promise<unknown[]> {
  const client = await pool.connect();
  try {
    const out: unknown[] = [];
    for (const s of script) {
      // A text of several statements (no values) answers one result each: keep the last's rows.
      const answered: pg.QueryResult | pg.QueryResult[] = await client.query(s.text, s.values);
      const result = Array.isArray(answered) ? answered.at(-1)! : answered;
      if (result.rows?.length) out.push(result.rows);
    }
    return out;
  } finally {
    client.release();
  }
}

server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
