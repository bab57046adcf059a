import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/**
 * The baseline: PostGraphile v5 (Amber preset) on the same database, logged in as the same app role
 * (no superuser, no BYPASSRLS), with `app.tenant_id` set per transaction through pgSettings, exactly
 * as art30 does, so row-level security filters both the same way. The tenant comes from the
 * `x-tenant-id` header: PostGraphile checks no token (which favours it: art30 verifies a session).
 */
const port = Number(process.env.PORT);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.BENCH_APP_URL!, schemas: ['public'] })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false },
  grafast: {
    explain: false,
    context(requestContext) {
      const header = requestContext.node?.req.headers['x-tenant-id'];
      const tenant = typeof header === 'string' && UUID.test(header) ? header : '';
      return { pgSettings: { 'app.tenant_id': tenant } };
    },
  },
  schema: { pgForbidSetofFunctionsToReturnNull: true },
});
const serv = pgl.createServ(grafserv);
// createHandler, not addTo: addTo would also answer /health (with a 404)
const graphql = serv.createHandler();
const server = createServer((req, res) =>
  graphql(req, res, () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')),
);
await pgl.getSchema(); // build the schema before answering /health
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(pgl.release()).then(() => process.exit(0));
});
