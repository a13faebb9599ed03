import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { auditAnchorsPath, readAuditAnchors } from '../../../src/crypto/audit-anchors.ts';
import { GENESIS_HASH, auditHash, type AuditFields } from '../../../src/domain/audit/audit-chain.ts';
import { openCheckpoint } from '../../../src/domain/log/checkpoint.ts';
import { parseVerifierKey } from '../../../src/domain/log/note.ts';
import { createAuditRepository } from '../../../src/repositories/audit-repository.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { signInAs } from '../../helpers/console.ts';
import { testEngines } from '../../helpers/databases.ts';
import { publishOne } from '../../helpers/mirror-kit.ts';
import { createTestContext, makeTempDir, type TestContext } from '../../helpers/test-context.ts';

/** Privileged actions, each an audit entry in its own transaction, as contact reveals are. */
async function reveals(ctx: TestContext, count: number): Promise<void> {
  const audit = createAuditRepository(ctx.services.keys);
  for (let i = 0; i < count; i++) {
    await ctx.services.database.db.transaction().execute((trx) =>
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
}

async function auditRows(ctx: TestContext) {
  return ctx.services.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** What someone with write access to the database, and nothing else, can do: recompute every link without the key. */
async function rechainUnkeyed(ctx: TestContext, keyed: 0 | 1): Promise<void> {
  let previous = GENESIS_HASH;
  for (const row of await auditRows(ctx)) {
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
    await ctx.services.database.db.updateTable('audit_log').set({ prev_hash: previous, hash, keyed }).where('id', '=', row.id).execute();
    previous = hash;
  }
}

for (const engine of testEngines()) {
  describe(`the audit chain's head in the log's checkpoints (${engine})`, () => {
    let ctx: TestContext;
    let env: Record<string, string>;
    /** Publishes a statement and runs a log batch: its checkpoint anchors the head of the moment. */
    const checkpoint = async () => {
      await publishOne(ctx, ['明德']);
      const published = await ctx.services.log.publish();
      const head = (await auditRows(ctx)).at(-1)!;
      return { size: published.size, head };
    };
    beforeEach(async () => {
      ctx = await createTestContext(engine);
      env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
    });
    afterEach(() => ctx.close());

    test('each checkpoint carries the head as an extension line; standard verifiers and mirrors accept it; intact passes', async () => {
      await reveals(ctx, 3);
      const { size, head } = await checkpoint();
      const note = await (await ctx.app.request('/log/checkpoint')).text();
      const [origin, treeSize, root, extension, blank] = note.split('\n');
      assert.equal(origin, ctx.services.log.origin);
      assert.equal(treeSize, String(size));
      assert.match(root!, /^[A-Za-z0-9+/]{43}=$/);
      assert.equal(extension, `tuidang-audit-head ${head.id} ${head.hash}`);
      assert.equal(blank, '', 'the signatures follow a blank line, as in any signed note');
      const opened = openCheckpoint(note, parseVerifierKey(ctx.services.log.verifierKey)!);
      assert.ok(!('error' in opened), 'the log signs the extension line with the rest');
      assert.equal(opened.size, size);

      const verified = await ctx.services.audit.verify();
      assert.deepEqual(verified, { checked: head.id, brokenAt: null, malformedAnchors: 0 });
      const cli = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(cli.code, 0, cli.stderr);

      // The log's own verifier reads a mirror of it as before: the line is not part of the tree.
      const mirror = makeTempDir();
      assert.equal((await runCliInProcess(['log', 'mirror', '--out', mirror], env)).code, 0);
      const logVerified = await runCliInProcess(
        ['log', 'verify', '--url', mirror, '--key', ctx.services.log.verifierKey, '--state', join(makeTempDir(), 'state.json')],
        env,
      );
      assert.equal(logVerified.code, 0, logVerified.stderr);
      assert.match(logVerified.stdout, /Statements: 1 \(1 declared, 0 withdrawn\)/);
    });

    test('a tail deleted after a checkpoint anchored it is found, naming the checkpoint, without the anchors file', async () => {
      const admin = await signInAs(ctx, 'admin');
      await reveals(ctx, 4);
      const { size, head } = await checkpoint();
      // The file anchored the head of the context's start only; the checkpoint is the one anchor of the later entries.
      assert.ok(readAuditAnchors(ctx.dir).anchors.every((anchor) => anchor.id < head.id));
      rmSync(auditAnchorsPath(ctx.dir));
      await ctx.services.database.db
        .deleteFrom('audit_log')
        .where('id', '>', head.id - 3)
        .execute();
      assert.deepEqual(await ctx.services.audit.verify(), {
        checked: head.id - 3,
        brokenAt: head.id,
        reason: 'tail',
        anchoredBy: [{ checkpoint: size }],
        malformedAnchors: 0,
      });
      const cli = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(cli.code, 1);
      assert.match(
        cli.stderr,
        new RegExp(
          `BROKEN at entry ${head.id} \\(the log ends before this entry.*anchored by the transparency log's checkpoint of size ${size}\\)`,
        ),
      );
      const shown = {
        'zh-hans': `哈希链在第 ${head.id} 条处断裂！ 与之矛盾的锚点：透明日志大小为 ${size} 的检查点。`,
        'zh-hant': `雜湊鏈在第 ${head.id} 筆處斷裂！ 與之矛盾的錨點：透明日誌大小為 ${size} 的檢查點。`,
        en: `Hash chain BROKEN at entry ${head.id}! Contradicted by the transparency log&#39;s checkpoint of size ${size}.`,
      };
      for (const [locale, text] of Object.entries(shown)) {
        const page = await (await admin.get(`/console/audit?lang=${locale}`)).text();
        assert.ok(page.includes(text), `${locale}: ${/id="chain-status">([^<]*)</.exec(page)?.[1]}`);
      }
    });

    test('a middle entry rewritten and every link recomputed without the key is found, though the anchors file is gone', async () => {
      await reveals(ctx, 5);
      await checkpoint();
      rmSync(auditAnchorsPath(ctx.dir));
      const rows = await auditRows(ctx);
      const middle = rows[Math.floor(rows.length / 2)]!;
      await ctx.services.database.db.updateTable('audit_log').set({ actor: 'nobody' }).where('id', '=', middle.id).execute();

      await rechainUnkeyed(ctx, 1);
      const keyedLie = await ctx.services.audit.verify();
      assert.equal(keyedLie.brokenAt, rows[0]!.id, 'the first entry already fails its keyed link');
      assert.equal(keyedLie.reason, 'hash');

      // Passed off as a chain from before the key: with no file, only the checkpoint says it was keyed.
      await rechainUnkeyed(ctx, 0);
      const downgraded = await ctx.services.audit.verify();
      assert.equal(downgraded.brokenAt, rows[0]!.id);
      assert.equal(downgraded.reason, 'unkeyed');
      // A start does not re-chain it under the key either (audit-service.ts keyLegacyChain), so it stays broken.
      const cli = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, /BROKEN at entry \d+ \(its link is unkeyed/);
      assert.equal((await auditRows(ctx)).filter((row) => row.keyed === 1).length, 0, 'nothing was re-chained');
    });

    test('a checkpoint whose anchor line was edited in the database no longer verifies, and says so', async () => {
      await reveals(ctx, 2);
      const first = await checkpoint();
      await reveals(ctx, 2);
      const second = await checkpoint();
      // Verified once, so the process has checked both signatures already (checkpoint-anchors.ts keeps them).
      assert.equal((await ctx.services.audit.verify()).brokenAt, null);
      // Cut the tail, and point the newest checkpoint's line at the head the first one anchored.
      await ctx.services.database.db.deleteFrom('audit_log').where('id', '>', first.head.id).execute();
      const stored = await ctx.services.database.db
        .selectFrom('log_checkpoints')
        .select('note')
        .where('size', '=', second.size)
        .executeTakeFirstOrThrow();
      const edited = stored.note.replace(
        `tuidang-audit-head ${second.head.id} ${second.head.hash}`,
        `tuidang-audit-head ${first.head.id} ${first.head.hash}`,
      );
      assert.notEqual(edited, stored.note);
      await ctx.services.database.db.updateTable('log_checkpoints').set({ note: edited }).where('size', '=', second.size).execute();
      // An older checkpoint's valid note copied over the newest one names another size: refused too.
      const verified = await ctx.services.audit.verify();
      assert.deepEqual(verified.unverifiedCheckpoints, [second.size]);
      const admin = await signInAs(ctx, 'admin');
      const page = await (await admin.get('/console/audit?lang=en')).text();
      assert.match(page, /id="checkpoints-status">1 stored checkpoint\(s\) do not verify under the log&#39;s keys/);
      const cli = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(cli.code, 1);
      assert.match(cli.stderr, new RegExp(`1 checkpoint\\(s\\) do not verify under the log's keys.*sizes ${second.size}\\)`));

      const firstNote = await ctx.services.database.db
        .selectFrom('log_checkpoints')
        .select('note')
        .where('size', '=', first.size)
        .executeTakeFirstOrThrow();
      await ctx.services.database.db.updateTable('log_checkpoints').set({ note: firstNote.note }).where('size', '=', second.size).execute();
      assert.deepEqual((await ctx.services.audit.verify()).unverifiedCheckpoints, [second.size]);
    });

    test('newest checkpoints deleted from the database with the tail they anchored are caught by a copy kept outside', async () => {
      await reveals(ctx, 2);
      const first = await checkpoint();
      await reveals(ctx, 3);
      const second = await checkpoint();
      const mirror = makeTempDir();
      assert.equal((await runCliInProcess(['log', 'mirror', '--out', mirror], env)).code, 0);
      // A database writer's whole cover-up: the tail, the checkpoint that anchored it; the file is out of reach, or lost.
      rmSync(auditAnchorsPath(ctx.dir));
      const db = ctx.services.database.db;
      await db.deleteFrom('audit_log').where('id', '>', first.head.id).execute();
      await db.deleteFrom('log_checkpoints').where('size', '=', second.size).execute();
      assert.equal((await ctx.services.audit.verify()).brokenAt, null, 'what the database still holds agrees with itself');

      const copy = join(mirror, 'checkpoint');
      assert.deepEqual(await ctx.services.audit.verify([readFileSync(copy, 'utf8')]), {
        checked: first.head.id,
        brokenAt: second.head.id,
        reason: 'tail',
        anchoredBy: [{ checkpoint: second.size, outside: true }],
        malformedAnchors: 0,
      });
      const cli = await runCliInProcess(['audit', 'verify', '--checkpoint', copy], env);
      assert.equal(cli.code, 1);
      assert.match(
        cli.stderr,
        new RegExp(`BROKEN at entry ${second.head.id} .*checkpoint of size ${second.size} given with --checkpoint\\)`),
      );
      const missing = await runCliInProcess(['audit', 'verify', '--checkpoint', join(mirror, 'nothing')], env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read the checkpoint/);
    });
  });
}
