import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery } from 'kysely';
import { archiveRepository } from '../../../src/repositories/archive-repository.ts';
import { testEngines } from '../../helpers/databases.ts';
import { plansOf as plansIn } from '../../helpers/query-plans.ts';
import { harness, type Harness } from './harness.ts';

const FLOOD = 1000;
/** Published declarations under other aliases: the flood is a small part of the table, as it would be at 34 million. */
const OTHERS = 20_000;
const BATCH = 500;

const plansOf = (h: Harness, run: Parameters<typeof plansIn>[2]) => plansIn(h.ctx.services.database.db, h.ctx.engine === 'postgres', run);

for (const engine of testEngines()) {
  describe(`public search by alias reads published rows only (${engine})`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(engine);
      await h.publish([{ names: '明德' }, { names: '明德' }, { names: '安宁' }]);
      // Rows copied from a published one: then a flood of pending declarations under its alias.
      const db = h.ctx.services.database.db;
      const model = await db.selectFrom('declarations').selectAll().where('alias_key', '=', '明德').executeTakeFirstOrThrow();
      const { id: _id, ...columns } = model;
      // Many published ones under other aliases first, so that reading every published row is no plan
      // either. PostgreSQL's statistics are taken then: a flood of thousands in a table of millions is
      // far below what makes autovacuum analyze it again, so the planner meets the flood with the
      // statistics it had before.
      for (let start = 0; start < FLOOD + OTHERS; start += BATCH) {
        const pending = start >= OTHERS;
        if (start === OTHERS && engine === 'postgres') await db.executeQuery(CompiledQuery.raw('analyze declarations'));
        const rows = Array.from({ length: BATCH }, (_, i) => ({
          ...columns,
          registration_number: String(9_000_000_000_000_000 + start + i),
          registration_serial: 1_000_000 + start + i,
          ...(pending ? { status: 'pending' as const, published_at: null, counted_day: null } : { alias_key: `安宁${start + i}` }),
        }));
        await db
          .insertInto('declarations')
          .values(rows as never)
          .execute();
      }
    });
    after(() => h.close());

    test('exact and prefix searches read the index of published rows, past any number of pending ones', async () => {
      const exact = await plansOf(h, (db) => archiveRepository.aliasExact(db, '明德', { limit: 21 }));
      const prefix = await plansOf(h, (db) => archiveRepository.aliasPrefix(db, '明', { limit: 21 }));
      for (const plan of [...exact, ...prefix]) {
        assert.match(plan, /declarations_alias_published/, plan);
        assert.doesNotMatch(plan, /declarations_alias_id|Seq Scan on declarations k|SCAN k\b/, plan);
      }
      const found = await archiveRepository.aliasExact(h.ctx.services.database.db, '明德', { limit: 21 });
      assert.equal(found.length, 2, 'the two published, none of the pending');
    });

    test('the moderation signals still find pending rows under an alias through the full index', async () => {
      const db = h.ctx.services.database.db;
      const pending = await db
        .selectFrom('declarations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('alias_key', '=', '明德')
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      assert.equal(Number(pending.n), FLOOD);
    });
  });
}
