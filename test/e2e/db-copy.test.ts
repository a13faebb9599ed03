import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { legacyPostLines } from '../../src/tools/seed/legacy-posts.ts';
import { COPIED_TABLES, NOT_COPIED_TABLES, copyDatabase } from '../../src/tools/copy.ts';
import { createDatabase } from '../../src/db/create-db.ts';
import { declarationInputSchema } from '../../src/domain/declaration/declaration-input.ts';
import { createTestDatabase, testEngines, type TestDatabase } from '../helpers/databases.ts';
import { postJson } from '../helpers/requests.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { MAX_BULK } from '../../src/services/moderation/decisions.ts';

const DECLARATIONS = 2_345;
/** Posts of the old archive imported beside them. */
const IMPORTED = 30;
const DO_NOT_CALL = 2_500;

/** Strips what differs on every response (the CSP nonce) so two servers' pages compare equal. */
const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');

for (const engine of testEngines()) {
  describe(`tuidang db copy: SQLite → ${engine}`, () => {
    let source: TestContext;
    let target: TestDatabase;
    let importedPeople = 0;
    const receipts: { registrationNumber: string; queryPassword: string }[] = [];

    before(async () => {
      source = await createTestContext('sqlite');
      target = await createTestDatabase(engine, source.dir, 'copy.sqlite');
      const { declarations, moderation } = source.services;
      const submissions = Array.from({ length: DECLARATIONS }, (_, i) =>
        declarations.submit(
          declarationInputSchema.parse({
            names: ['明德', '安宁', '志远'].slice(0, (i % 3) + 1),
            orgs: ['party', 'league', 'pioneers'].slice(i % 3),
            headcount: (i % 3) + 1 + (i % 7),
            region: i % 2 ? '广东' : undefined,
            statement: `第 ${i} 份`,
            contact: i % 50 === 0 ? `p${i}@example.org` : undefined,
          }),
          { channel: 'api', locale: 'zh-hans' },
        ),
      );
      receipts.push(...(await Promise.all(submissions)));
      const numbers = receipts.map((receipt) => receipt.registrationNumber);
      // The console's limit per decision holds for the system actor too.
      for (let start = 0; start < 1500; start += MAX_BULK)
        await moderation.approve(SYSTEM_ACTOR, numbers.slice(start, Math.min(start + MAX_BULK, 1500)));
      await moderation.reject(SYSTEM_ACTOR, numbers.slice(1500, 1700), '重复');
      for (const receipt of receipts.slice(1400, 1450)) await declarations.retract(receipt.registrationNumber, receipt.queryPassword);
      // A table keyed by something other than an id, over more than one batch: the do-not-call list.
      const at = new Date().toISOString();
      await source.services.database.db
        .insertInto('outreach_do_not_call')
        .values(Array.from({ length: DO_NOT_CALL }, (_, i) => ({ phone_hmac: i.toString(16).padStart(64, '0'), created_at: at })))
        .execute();
      // The previous site's day totals: carried over, so the copy must show the same total.
      const legacy = 'date,people,party\n2012-04-16,123456,40000\n2020-12-14,654321,\n';
      assert.ok((await source.services.history.importTotals(new TextEncoder().encode(legacy), { dryRun: false, actor: 'test' })).ok);
      // And posts of the old archive on one of those days: the copy rebuilds the people they take off it.
      const posts = join(source.dir, 'posts.jsonl');
      writeFileSync(posts, [...legacyPostLines({ posts: IMPORTED, from: '2012-04-16', until: '2012-04-16', format: 'jsonl' })].join(''));
      const imported = await source.services.history.importPosts(posts, 'posts.jsonl', { actor: 'test' });
      assert.ok(imported.ok && imported.report.written === IMPORTED);
      importedPeople = Number(
        (await source.services.database.db.selectFrom('imported_days').select('people').executeTakeFirstOrThrow()).people,
      );
      assert.ok(importedPeople >= IMPORTED);
      // Logged before the copy, so the copy carries the same leaves and salts, which permalinks show; a
      // server logging the copied queue on its own would draw salts of its own.
      await source.services.log.publish();
    });
    after(async () => {
      await source.close().catch(() => {});
      await target.drop();
    });

    test('every table of the schema is copied', async () => {
      const tables = await source.services.database.db.introspection.getTables();
      const dataTables = tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
      assert.deepEqual([...dataTables].sort(), [...COPIED_TABLES, ...NOT_COPIED_TABLES].sort());
    });

    test('an interrupted copy resumes and verifies', async () => {
      const from = createDatabase(source.config.databaseUrl);
      const to = createDatabase(target.url);
      let batches = 0;
      await assert.rejects(
        copyDatabase(from, to, ({ copied }) => {
          if (copied > 0 && ++batches === 2) throw new Error('interrupted');
        }),
        /interrupted/,
      );
      const partial = await to.db
        .selectFrom('declarations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(partial.n) > 0 && Number(partial.n) < DECLARATIONS, `partial copy holds ${partial.n}`);
      await from.close();
      await to.close();

      const result = await runCliInProcess(['db', 'copy', '--from', source.config.databaseUrl, '--to', target.url], {});
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /Verified: the target matches the source/);
      const rows = DECLARATIONS + IMPORTED;
      assert.match(result.stdout, new RegExp(`declarations: source ${rows} rows, target ${rows} rows`));
      assert.match(result.stdout, new RegExp(`outreach_do_not_call: source ${DO_NOT_CALL} rows, target ${DO_NOT_CALL} rows`));
      assert.match(result.stderr, /declarations: .* rows \(100%\)/, 'progress is shown');

      const again = await runCliInProcess(['db', 'copy', '--from', source.config.databaseUrl, '--to', target.url], {});
      assert.equal(again.code, 0, 'a second run copies nothing and still verifies');
    });

    test('the copy serves the same pages, receipts and totals', async () => {
      const original = await startServerProcess({ TUIDANG_DATA_DIR: source.dir, DATABASE_URL: source.config.databaseUrl });
      const copy = await startServerProcess({ TUIDANG_DATA_DIR: source.dir, DATABASE_URL: target.url });
      try {
        for (const receipt of [receipts[0]!, receipts[777]!, receipts[1499]!]) {
          for (const locale of ['zh-hans', 'zh-hant', 'en']) {
            const path = `/${locale}/declarations/${receipt.registrationNumber}`;
            const [a, b] = await Promise.all([fetch(original.url + path), fetch(copy.url + path)]);
            assert.equal(b.status, 200);
            assert.equal(withoutNonce(await b.text()), withoutNonce(await a.text()), path);
          }
        }
        for (const receipt of [receipts[1420]!, receipts[1600]!, receipts[2000]!]) {
          const lookup = (url: string) =>
            fetch(`${url}/api/v1/receipts/lookup`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(receipt),
            }).then((response) => response.json());
          assert.deepEqual(await lookup(copy.url), await lookup(original.url));
        }
        const counter = async (url: string) => {
          const { total, inRegistry, carriedOver, organizations } = await (await fetch(`${url}/api/v1/counter`)).json();
          return { total, inRegistry, carriedOver, organizations };
        };
        const copied = await counter(copy.url);
        assert.equal(copied.carriedOver, 123456 + 654321 - importedPeople);
        assert.deepEqual(copied, await counter(original.url));
        const fresh = await fetch(`${copy.url}/api/v1/declarations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ names: '新人', orgs: ['party'] }),
        });
        assert.equal(fresh.status, 201, 'new rows get new ids after the copy');
      } finally {
        await original.stop();
        await copy.stop();
      }
      const people = async (url: string) => {
        const handle = createDatabase(url);
        const row = await sql<{ people: number }>`select sum(headcount) as people from declarations where status = 'published'`.execute(
          handle.db,
        );
        await handle.close();
        return Number(row.rows[0]!.people);
      };
      assert.equal(await people(target.url), await people(source.config.databaseUrl));
    });

    test('bad arguments are refused with the usage', async () => {
      for (const args of [
        ['db', 'copy', '--from', source.config.databaseUrl],
        ['db', 'copy', '--from', 'mysql://x', '--to', target.url],
        ['db', 'copy', '--from', target.url, '--to', target.url],
        ['db', 'move'],
      ]) {
        const result = await runCliInProcess(args, {});
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, /tuidang db copy --from/);
      }
    });
  });
}

describe('tuidang db backup', () => {
  test('copies a live SQLite database consistently, and never overwrites', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      for (let i = 0; i < 20; i++) await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['league'] });
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const file = `${ctx.dir}/backup.sqlite`;
      const result = await runCliInProcess(['db', 'backup', '--to', file], env);
      assert.equal(result.code, 0, result.stderr);
      const copy = createDatabase(`sqlite:${file}`);
      const row = await copy.db
        .selectFrom('declarations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await copy.close();
      assert.equal(Number(row.n), 20);

      const again = await runCliInProcess(['db', 'backup', '--to', file], env);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already exists/);
      const postgres = await runCliInProcess(['db', 'backup', '--to', `${ctx.dir}/x.sqlite`], {
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      });
      assert.equal(postgres.code, 2);
      assert.match(postgres.stderr, /pg_dump/);
      const missing = await runCliInProcess(['db', 'backup', '--to', `${ctx.dir}/y.sqlite`], { TUIDANG_DATA_DIR: `${ctx.dir}/nothing` });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /no database/);
    } finally {
      await ctx.close();
    }
  });
});
