import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { KeyMismatchError, KeysMissingError, createServices } from '../composition.ts';
import { keyPath } from '../crypto/keys.ts';
import { auditAnchorsPath, readAuditAnchors } from '../crypto/audit-anchors.ts';
import { loadConfig } from '../config.ts';
import { createDatabase } from '../db/create-db.ts';
import { toDbTime } from '../db/time.ts';
import { GENESIS_HASH, auditHash, type AuditFields } from '../domain/audit/audit-chain.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { runCliInProcess } from '../../test/helpers/cli.ts';
import { createMigratedTestDatabase, testEngines } from '../../test/helpers/databases.ts';
import { createTestContext, makeTempDir, type TestContext } from '../../test/helpers/test-context.ts';

/** What someone with write access to the database, and nothing else, can do to the chain. */
async function rechainUnkeyed(ctx: TestContext, keyed: 0 | 1): Promise<void> {
  const db = ctx.services.database.db;
  let previous = GENESIS_HASH;
  for (const row of await db.selectFrom('audit_log').selectAll().orderBy('id').execute()) {
    const fields: AuditFields = {
      at: typeof row.at === 'string' ? row.at : row.at.toISOString(),
      actorId: row.actor_id,
      actor: row.actor,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
    };
    const hash = auditHash(previous, fields);
    await db.updateTable('audit_log').set({ prev_hash: previous, hash, keyed }).where('id', '=', row.id).execute();
    previous = hash;
  }
}

async function reveals(ctx: TestContext, count: number): Promise<number[]> {
  const audit = createAuditRepository(ctx.services.keys);
  const db = ctx.services.database.db;
  for (let i = 0; i < count; i++) {
    await db.transaction().execute((trx) =>
      audit.append(trx, {
        at: new Date(),
        actorId: null,
        actor: `editor ${i}`,
        action: 'contact.revealed',
        targetType: 'declaration',
        targetId: `R-${i}`,
        details: {},
      }),
    );
  }
  return (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((row) => row.id);
}

for (const engine of testEngines()) {
  describe(`the keyed audit chain (${engine})`, () => {
    let ctx: TestContext;
    beforeEach(async () => {
      ctx = await createTestContext(engine);
    });
    afterEach(() => ctx.close());

    test('a deleted middle entry is found even when every later link is recomputed', async () => {
      const ids = await reveals(ctx, 5);
      assert.deepEqual(await ctx.services.audit.verify(), { checked: 6, brokenAt: null, malformedAnchors: 0 });
      const db = ctx.services.database.db;
      const deleted = ids[3] as number;
      await db.deleteFrom('audit_log').where('id', '=', deleted).execute();

      // Recomputed as the unkeyed chain was: the keyed links cannot be made without the key.
      await rechainUnkeyed(ctx, 1);
      const keyedLie = await ctx.services.audit.verify();
      assert.equal(keyedLie.brokenAt, ids[0], 'the first entry already fails its keyed link');
      assert.equal(keyedLie.reason, 'hash');

      // Passed off as a chain from before the key: the anchors file says the chain was keyed.
      await rechainUnkeyed(ctx, 0);
      const downgraded = await ctx.services.audit.verify();
      assert.equal(downgraded.brokenAt, ids[0]);
      assert.equal(downgraded.reason, 'unkeyed');

      const cli = await runCliInProcess(['audit', 'verify'], { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl });
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /BROKEN at entry \d+ \(its link is unkeyed/);
    });

    test('a deleted tail is found once its head was anchored, and the anchor is in the data dir only', async () => {
      const ids = await reveals(ctx, 4);
      assert.equal(await ctx.services.audit.anchor(), true);
      assert.equal(await ctx.services.audit.anchor(), false, 'an unchanged head is not anchored twice');
      const last = ids.at(-1) as number;
      const anchors = readAuditAnchors(ctx.dir).anchors;
      assert.equal(anchors.at(-1)?.id, last);

      const db = ctx.services.database.db;
      await db
        .deleteFrom('audit_log')
        .where('id', '>=', ids[3] as number)
        .execute();
      assert.deepEqual(await ctx.services.audit.verify(), {
        checked: 3,
        brokenAt: last,
        reason: 'tail',
        anchoredBy: ['file'],
        malformedAnchors: 0,
      });
      const cli = await runCliInProcess(['audit', 'verify'], { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl });
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`BROKEN at entry ${last} \\(the log ends before this entry`));
      assert.match(readFileSync(auditAnchorsPath(ctx.dir), 'utf8'), new RegExp(`Z ${last} [0-9a-f]{64}\\n`, 'm'));
    });

    test('a missing or replaced audit key is refused once the chain is keyed, and no new key is kept', async () => {
      const file = keyPath(ctx.dir, 'audit');
      const saved = readFileSync(file, 'utf8');
      rmSync(file);
      await assert.rejects(createServices(ctx.config), KeysMissingError);
      assert.ok(!existsSync(file), 'the key made in vain is removed');
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      await assert.rejects(createServices(ctx.config), KeyMismatchError);
      writeFileSync(file, saved, { mode: 0o600 });
      await (await createServices(ctx.config)).close();
    });

    test("a redaction's original text is sealed in the entry and opened for the log's readers", async () => {
      const audit = createAuditRepository(ctx.services.keys);
      const db = ctx.services.database.db;
      const original = { title: '我叫张三，电话 13800000000' };
      await db.transaction().execute((trx) =>
        audit.append(trx, {
          at: new Date(),
          actorId: null,
          actor: 'editor',
          action: 'declaration.redacted',
          targetType: 'declaration',
          targetId: 'R-1',
          details: { fields: ['title'], original },
        }),
      );
      const raw = await db.selectFrom('audit_log').select('details').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.ok(!raw.details.includes('13800000000') && raw.details.includes('originalSealed'), raw.details);
      const [entry] = await ctx.services.audit.list({ action: 'declaration.redacted', limit: 1 });
      assert.deepEqual(entry?.details, { fields: ['title'], original });
      assert.equal((await ctx.services.audit.verify()).brokenAt, null);
    });

    test('entries from before the key are re-chained under it once, unless their chain was already broken', async () => {
      for (const tampered of [false, true]) {
        const dir = makeTempDir();
        const database = await createMigratedTestDatabase(engine, dir);
        try {
          const handle = createDatabase(database.url);
          let previous = GENESIS_HASH;
          for (let i = 0; i < 3; i++) {
            const fields: AuditFields = {
              at: toDbTime(new Date(Date.UTC(2025, 0, i + 1))) as string,
              actorId: null,
              actor: 'system',
              action: 'centers.created',
              targetType: 'center',
              targetId: String(i),
              details: '{}',
            };
            const hash = auditHash(previous, fields);
            await handle.db
              .insertInto('audit_log')
              .values({
                at: fields.at,
                actor_id: null,
                actor: fields.actor,
                action: fields.action,
                target_type: fields.targetType,
                target_id: fields.targetId,
                details: tampered && i === 1 ? '{"changed":true}' : fields.details,
                prev_hash: previous,
                hash,
              })
              .execute();
            previous = hash;
          }
          await handle.close();
          const composition = await createServices(loadConfig({ TUIDANG_DATA_DIR: dir, DATABASE_URL: database.url }));
          try {
            const rows = await composition.database.db.selectFrom('audit_log').select('keyed').orderBy('id').execute();
            const verified = await composition.services.audit.verify();
            if (tampered) {
              assert.deepEqual(
                rows.slice(0, 3).map((row) => row.keyed),
                [0, 0, 0],
                'an altered history is not blessed',
              );
              assert.equal(verified.brokenAt !== null, true);
            } else {
              assert.deepEqual(
                rows.map((row) => row.keyed),
                [1, 1, 1, 1],
                're-chained, then keys.created',
              );
              assert.deepEqual(verified, { checked: 4, brokenAt: null, malformedAnchors: 0 });
            }
          } finally {
            await composition.close();
          }
        } finally {
          await database.drop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
  });
}
