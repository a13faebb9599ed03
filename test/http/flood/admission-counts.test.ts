import assert from 'node:assert/strict';
import { CompiledQuery } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { declarationInputSchema } from '../../../src/domain/declaration/declaration-input.ts';
import { counterRepository } from '../../../src/repositories/counter-repository.ts';
import { admissionCountsRepository } from '../../../src/repositories/admission-counts-repository.ts';
import { testEngines } from '../../helpers/databases.ts';
import { plansOf } from '../../helpers/query-plans.ts';
import { moderationFixture, type ModerationFixture } from '../../helpers/moderation-fixture.ts';

/*
 * The published count per admission class (docs/security.md, "Admission classes") is kept by the
 * counters, as the region and channel breakdowns are: it moves with publication and unpublication,
 * `counts reconcile` checks and repairs it, and reading it never groups the statements.
 */

const FIVE_MINUTES = 5 * 60 * 1000;

for (const engine of testEngines()) {
  describe(`published counts per admission class (${engine})`, () => {
    let f: ModerationFixture;
    before(async () => {
      f = await moderationFixture(engine);
    });
    after(() => f.ctx.close());

    async function classes(): Promise<Record<string, { statements: number; people: number }>> {
      const answer = await f.ctx.app.request('/api/v1/stats/admission');
      assert.equal(answer.status, 200);
      const { classes } = (await answer.json()) as { classes: { admission: string; statements: number; people: number }[] };
      return Object.fromEntries(classes.map(({ admission, statements, people }) => [admission, { statements, people }]));
    }

    test('publication and unpublication move their class; reconcile finds the rows right, and repairs them', async () => {
      const { ctx, moderation, editor } = f;
      const unproven = await f.declare({ headcount: 3 });
      const other = await f.declare({ headcount: 2 });
      const proven = await ctx.services.declarations.submit(declarationInputSchema.parse({ names: '明德', orgs: 'party', headcount: 5 }), {
        channel: 'api',
        locale: 'en',
        admission: 'public',
      });
      const pending = await f.declare({ headcount: 7 });
      assert.ok(
        (
          await moderation.approve(
            editor,
            [unproven, other, proven].map((r) => r.registrationNumber),
          )
        ).ok,
      );

      const first = await classes();
      assert.deepEqual(first.unproven, { statements: 2, people: 5 }, 'the pending one is not counted');
      assert.deepEqual(first.public, { statements: 1, people: 5 });
      assert.deepEqual(first.imported, { statements: 0, people: 0 }, 'every class is listed');

      const reason = (await moderation.reasons()).find((r) => r.labels.en.startsWith('Contains identifying'))!;
      assert.ok((await moderation.unpublish(editor, other.registrationNumber, reason.id)).ok);
      ctx.clock.advance(FIVE_MINUTES + 1);
      assert.deepEqual((await classes()).unproven, { statements: 1, people: 3 });
      assert.ok(pending);

      const clean = await ctx.services.counter.reconcile('test');
      assert.equal(clean.drift, false, 'the kept rows agree with the statements');

      await f.db.deleteFrom('daily_breakdown').where('dimension', '=', 'admission').execute();
      const repaired = await ctx.services.counter.reconcile('test');
      assert.equal(repaired.drift, true, 'missing class rows are drift');
      assert.ok(repaired.breakdownRowsDiffering >= 2);
      ctx.clock.advance(FIVE_MINUTES + 1);
      const after = await classes();
      assert.deepEqual(after.unproven, { statements: 1, people: 3 });
      assert.deepEqual(after.public, { statements: 1, people: 5 });
    });

    test("a range's breakdown searches its days, and the counts per class their dimension, never all rows", async () => {
      const db = f.db;
      const postgres = f.ctx.engine === 'postgres';
      // Days of counter rows in every dimension, as years of intake leave them.
      const rows = [];
      for (let day = 0; day < 400; day++) {
        const date = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
        for (const [dimension, key] of [
          ['region', '北京'],
          ['region', '上海'],
          ['channel', 'web'],
          ['center', 'none'],
          ['admission', 'public'],
        ] as const) {
          rows.push({ day: date, dimension, key, declarations: 1, people: 2 });
        }
      }
      for (let start = 0; start < rows.length; start += 500)
        await db
          .insertInto('daily_breakdown')
          .values(rows.slice(start, start + 500))
          .execute();
      if (postgres) await db.executeQuery(CompiledQuery.raw('analyze daily_breakdown'));
      const [range] = await plansOf(db, postgres, (plain) => counterRepository.breakdown(plain, 'region', '2020-06-01', '2020-06-30'));
      const [classes] = await plansOf(db, postgres, (plain) => admissionCountsRepository.published(plain));
      if (postgres) {
        assert.doesNotMatch(`${range}\n${classes}`, /Seq Scan on daily_breakdown/, `${range}\n${classes}`);
      } else {
        // Without statistics SQLite prefers an index with an equality on its first column: it must also hold the day.
        assert.match(
          range!,
          /daily_breakdown_dimension \(dimension=\? AND day>\? AND day<\?\)|daily_breakdown_pk \(day>\? AND day<\?\)/,
          range,
        );
        assert.match(classes!, /daily_breakdown_dimension \(dimension=\?\)/, classes);
      }
    });
  });
}
