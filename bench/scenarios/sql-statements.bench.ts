import type { BenchContext } from '../lib/bench-context.js';
import type { Scenario } from '../lib/scenario.js';
import { carriesData } from '../lib/sql-counter.js';
import { DEEP_REGISTER_QUERY } from './deep-register-query.bench.js';

const BOOKKEEPING = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SET TRANSACTION|SELECT set_config)/i;

/**
 * The SQL one deep register query sends, statement by statement. Its nesting levels that read
 * rows: activities (1); their controllers' and recipients' parties and their engagements (2); the
 * engagements' vendors (3), which the page prefetches with the level-2 parties. The test in
 * test/register-activities.e2e-spec.ts holds the bound.
 */
export const sqlStatements: Scenario = {
  name: 'sql-statements',
  summary: 'SQL statements per deep register query, listed',
  async run(ctx: BenchContext) {
    const { big } = await ctx.dataset();
    const captured = await ctx.replayable('deep', JSON.stringify({ query: DEEP_REGISTER_QUERY }), big.token);
    const list = captured.statements.map((s, i) => {
      const sql = s.text.replace(/\s+/g, ' ').trim();
      const kind = !carriesData(sql) ? 'bookkeeping' : BOOKKEEPING.test(sql) ? 'bookkeeping and data' : 'data';
      return `| ${i + 1} | ${kind} | \`${(sql.length > 110 ? `${sql.slice(0, 107)}…` : sql).replace(/\|/g, '\\|')}\` |`;
    });
    return {
      title: 'SQL statements per deep register query',
      figures: { total: captured.total, data: captured.data },
      markdown: `Counted on the pg driver while one deep register query (the query above) is answered: **${captured.total}**
statements, **${captured.data}** of them carrying data, for a query with 3 nesting levels that read rows.

| # | kind | statement |
| --- | --- | --- |
${list.join('\n')}`,
    };
  },
};
