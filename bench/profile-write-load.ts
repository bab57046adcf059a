import pg from 'pg';
import { BenchContext } from './lib/bench-context.js';
import { startCpuProfile } from './lib/cpu-profile.js';
import { writeLoad } from './lib/write-load.js';
import { ADD_SUBPROCESSOR, WRITE_ENGAGEMENT } from './scenarios/add-subprocessor.bench.js';

/**
 * `NODE_ENV=production node dist/bench/profile-write-load.js [seconds]`: CPU profile of the API under
 * the add-subprocessor scenario's spread shape (16 connections, writes round-robin over every
 * tenant of the bench dataset; same BENCH_* knobs), the load generator in its own process. Prints
 * the top self time; the profile goes to `.cache/write-load.cpuprofile` (open it in Chrome DevTools
 * for inclusive time per layer). Unlike profile-add-subprocessor (sequential), this is the API as
 * it runs when the machine is busy: many requests interleaved on one event loop.
 */
const seconds = Number(process.argv[2] ?? 15);
const ctx = new BenchContext();
try {
  const data = await ctx.dataset();
  const owner = new pg.Client({ connectionString: (await ctx.db()).ownerUrl });
  await owner.connect();
  const targets: Array<{ token: string; vendorIds: string[] }> = [];
  for (const tenant of [data.big, ...data.others]) {
    const { rows } = await owner.query<{ id: string }>(`SELECT id FROM parties WHERE tenant_id = $1`, [
      tenant.tenantId,
    ]);
    targets.push({ token: tenant.token, vendorIds: rows.map((r) => r.id) });
  }
  await owner.end();
  const run = (prefix: string, secs: number) =>
    writeLoad({
      url: ctx.inProcessUrl(),
      query: ADD_SUBPROCESSOR,
      targets,
      engagement: WRITE_ENGAGEMENT,
      purposePrefix: prefix,
      connections: 16,
      seconds: secs,
    });
  await run('profile warm-up', 5);
  const profile = await startCpuProfile('write-load');
  const result = await run('profiled', seconds);
  const summary = await profile.stop();
  console.log(
    `${result.requests} requests in ${seconds} s (${Math.round(result.requests / seconds)}/s), ${result.graphqlErrors} GraphQL errors`,
  );
  console.log(summary);
} finally {
  await ctx.close();
}
