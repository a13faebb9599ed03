import { CompiledQuery, type Kysely, type KyselyPlugin, type QueryResult, type UnknownRow } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

/** The plan of every query `run` makes, one line per step, as the engine explains it. */
export async function plansOf(db: Kysely<Database>, postgres: boolean, run: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
  const executor = db.getExecutor();
  const captured: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(executor.compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args): Promise<QueryResult<UnknownRow>> => args.result,
  };
  await run(db.withPlugin(capture));
  const plans: string[] = [];
  for (const query of captured) {
    const explain = CompiledQuery.raw(`${postgres ? 'explain (costs off)' : 'explain query plan'} ${query.sql}`, [...query.parameters]);
    const rows = (await db.executeQuery(explain)).rows as Record<string, unknown>[];
    plans.push(rows.map((row) => String(row['QUERY PLAN'] ?? row.detail)).join('\n'));
  }
  return plans;
}
