import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { describe, test } from 'node:test';
import { KeyRotationUnderwayError, createServices } from '../composition.ts';
import { loadOrCreateNextKey, nextKeyPath, promoteNextKey } from '../crypto/key-rotation-files.ts';
import { keyCheckOf, keyPath } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import type { Executor } from '../repositories/executor.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { SEALED_COLUMNS, keyRotationRepository, type KeyRotationRepository } from '../repositories/key-rotation-repository.ts';
import { createAttachmentStore } from './inbox/attachment-store.ts';
import { RotationRefusedError, createKeyRotationService } from './key-rotation-service.ts';
import { sealingOf } from './key-rotation-sealing.ts';
import { runCliInProcess } from '../../test/helpers/cli.ts';
import { signInAs } from '../../test/helpers/console.ts';
import { testEngines } from '../../test/helpers/databases.ts';
import { PDF_BYTES, emailTo, inboxWithClock } from '../../test/helpers/inbox.ts';
import { addCenter } from '../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';

const keyIn = (path: string) => Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');

function rotationOf(ctx: TestContext, rotation: KeyRotationRepository = keyRotationRepository) {
  return createKeyRotationService({
    db: ctx.services.database.db,
    rotation,
    keyChecks: keyChecksRepository,
    audit: createAuditRepository(ctx.services.keys),
    attachmentStore: (key) => createAttachmentStore(ctx.dir, key),
    now: () => new Date(),
  });
}

const filesOf = (ctx: TestContext, name: 'staff' | 'contact') => ({
  next: () => loadOrCreateNextKey(ctx.dir, name),
  promote: (at: Date) => promoteNextKey(ctx.dir, name, at),
});

/** The staff members' TOTP secrets, as a sign-in would find them. */
const totpRows = (ctx: TestContext) =>
  ctx.services.database.db.selectFrom('staff').select(['id', 'totp_sealed']).where('totp_sealed', 'is not', null).orderBy('id').execute();

/** A sign-in still running on the old key seals a member's secret again (the same secret, a new nonce). */
async function sealUnderOld(ctx: TestContext, trx: Executor, id: number) {
  const row = await trx.selectFrom('staff').select('totp_sealed').where('id', '=', id).executeTakeFirstOrThrow();
  const old = ctx.services.keys.staff;
  const context = `totp:${id}`;
  let plain: string;
  try {
    plain = open(old, row.totp_sealed!, context);
  } catch {
    plain = open(keyIn(nextKeyPath(ctx.dir, 'staff')), row.totp_sealed!, context);
  }
  await trx
    .updateTable('staff')
    .set({ totp_sealed: seal(old, plain, context) })
    .where('id', '=', id)
    .execute();
}

for (const engine of testEngines()) {
  describe(`key rotation passes until nothing is left under the old key (${engine})`, () => {
    test('a value sealed under the old key behind the walk, or between a read and its write, is re-sealed before the switch', async () => {
      const ctx = await createTestContext(engine);
      try {
        for (let i = 0; i < 3; i++) await signInAs(ctx, 'editor');
        const ids = (await totpRows(ctx)).map((row) => Number(row.id));
        let writes = 0;
        const racing: KeyRotationRepository = {
          ...keyRotationRepository,
          async replace(trx, where, values) {
            if (where.column === 'totp_sealed' && ++writes === 2) {
              await sealUnderOld(ctx, trx, ids[0]!);
              await sealUnderOld(ctx, trx, values[0]!.id);
            }
            return keyRotationRepository.replace(trx, where, values);
          },
        };
        const report = await rotationOf(ctx, racing).rotate('staff', ctx.services.keys.staff, filesOf(ctx, 'staff'), { batchSize: 1 });
        assert.deepEqual(report.columns[0], { name: 'staff.totp_sealed', resealed: 4, already: 0 });
        const next = keyIn(keyPath(ctx.dir, 'staff'));
        for (const row of await totpRows(ctx)) assert.doesNotThrow(() => open(next, row.totp_sealed!, `totp:${row.id}`), `staff ${row.id}`);
        assert.equal((await keyChecksRepository.all(ctx.services.database.db)).get('staff'), keyCheckOf(next, 'staff'));
        assert.equal((await keyChecksRepository.rotationsUnderway(ctx.services.database.db)).size, 0, 'the mark goes with the switch');
      } finally {
        await ctx.close();
      }
    });

    test('an inbox item received under the old contact key after the walk passed its columns is re-sealed, file and all', async () => {
      const ctx = await createTestContext(engine);
      try {
        const centerId = await addCenter(ctx, 'Passes center');
        const inbox = inboxWithClock(ctx).service;
        const mail = (n: number) => emailTo(centerId, { subject: `主题 ${n}`, attachments: [{ name: `${n}.pdf`, bytes: PDF_BYTES }] });
        assert.ok((await inbox.receive(mail(1))).ok);
        let received = false;
        const late: KeyRotationRepository = {
          ...keyRotationRepository,
          async attachmentFiles(db, afterId, limit) {
            // Every column has been walked once: the web process still running on the old key receives a message.
            if (!received) {
              received = true;
              assert.ok((await inbox.receive(mail(2))).ok);
            }
            return keyRotationRepository.attachmentFiles(db, afterId, limit);
          },
        };
        await rotationOf(ctx, late).rotate('contact', ctx.services.keys.contact, filesOf(ctx, 'contact'), { batchSize: 1 });
        assert.ok(received);
        const db = ctx.services.database.db;
        const next = keyIn(keyPath(ctx.dir, 'contact'));
        let values = 0;
        for (const where of SEALED_COLUMNS.contact) {
          const context = sealingOf('contact', where, next).context;
          for (const row of await keyRotationRepository.batch(db, where, 0, 100)) {
            values++;
            assert.doesNotThrow(() => open(next, row.sealed, context(row)), `${where.table}.${where.column} of ${row.id}`);
          }
        }
        assert.equal(values, 8, 'sender, subject, body and attachment name of both items');
        const files = await keyRotationRepository.attachmentFiles(db, 0, 10);
        assert.equal(files.length, 2);
        for (const file of files) assert.deepEqual(new Uint8Array(await createAttachmentStore(ctx.dir, next).get(file)), PDF_BYTES);
      } finally {
        await ctx.close();
      }
    });

    test('a value under neither key stops the rotation unswitched, and every process sees it under way', async () => {
      const ctx = await createTestContext(engine);
      try {
        for (let i = 0; i < 2; i++) await signInAs(ctx, 'editor');
        const db = ctx.services.database.db;
        const [, second] = await totpRows(ctx);
        const kept = second!.totp_sealed!;
        const stray = seal(randomBytes(32), 'not a secret of ours', `totp:${second!.id}`);
        await db.updateTable('staff').set({ totp_sealed: stray }).where('id', '=', second!.id).execute();
        await assert.rejects(
          rotationOf(ctx).rotate('staff', ctx.services.keys.staff, filesOf(ctx, 'staff'), { batchSize: 10 }),
          (error: Error) => error instanceof RotationRefusedError && /staff\.totp_sealed of \d+ opens under neither/.test(error.message),
        );
        assert.equal((await keyChecksRepository.all(db)).get('staff'), keyCheckOf(ctx.services.keys.staff, 'staff'), 'not switched');

        // Another machine sharing the database has no keys/staff.next.key, and still does not start.
        const aside = `${nextKeyPath(ctx.dir, 'staff')}.aside`;
        renameSync(nextKeyPath(ctx.dir, 'staff'), aside);
        await assert.rejects(
          createServices(ctx.config),
          (error: Error) => error instanceof KeyRotationUnderwayError && /marked in the database/.test(error.message),
        );
        // Nor does a run there go on with a new key of its own.
        const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
        const elsewhere = await runCliInProcess(['keys', 'rotate', 'staff'], env);
        assert.equal(elsewhere.code, 1);
        assert.match(elsewhere.stderr, /under way in this database with another new key/);
        assert.ok(!existsSync(nextKeyPath(ctx.dir, 'staff')), 'no new key made');

        renameSync(aside, nextKeyPath(ctx.dir, 'staff'));
        const stopped = await runCliInProcess(['keys', 'rotate', 'staff'], env);
        assert.equal(stopped.code, 1);
        assert.match(stopped.stderr, /Staff key rotation stopped, the old key still in use: .*opens under neither/);
        await db.updateTable('staff').set({ totp_sealed: kept }).where('id', '=', second!.id).execute();
        const finished = await runCliInProcess(['keys', 'rotate', 'staff'], env);
        assert.equal(finished.code, 0, finished.stderr);
        const again = await createServices(ctx.config);
        try {
          const actions = (await again.services.audit.list({ limit: 20 }))
            .map((entry) => entry.action)
            .filter((a) => a.startsWith('keys.rot'));
          assert.deepEqual(actions, ['keys.rotated', 'keys.rotationStarted'], 'one start, audited with its mark');
        } finally {
          await again.close();
        }
      } finally {
        await ctx.close();
      }
    });

    test('a writer that keeps sealing under the old key is not outrun: the rotation stops unswitched', async () => {
      const ctx = await createTestContext(engine);
      try {
        for (let i = 0; i < 2; i++) await signInAs(ctx, 'editor');
        let passes = 0;
        const busy: KeyRotationRepository = {
          ...keyRotationRepository,
          async replace(trx, where, values) {
            if (where.column === 'totp_sealed') {
              passes++;
              await sealUnderOld(ctx, trx, values[0]!.id);
            }
            return keyRotationRepository.replace(trx, where, values);
          },
        };
        await assert.rejects(
          rotationOf(ctx, busy).rotate('staff', ctx.services.keys.staff, filesOf(ctx, 'staff'), { batchSize: 10 }),
          (error: Error) => error instanceof RotationRefusedError && /after 10 passes .*stop every process/.test(error.message),
        );
        assert.equal(passes, 10);
        const db = ctx.services.database.db;
        assert.equal((await keyChecksRepository.all(db)).get('staff'), keyCheckOf(ctx.services.keys.staff, 'staff'), 'not switched');
        assert.ok(existsSync(keyPath(ctx.dir, 'staff')) && existsSync(nextKeyPath(ctx.dir, 'staff')), 'no file renamed');
      } finally {
        await ctx.close();
      }
    });

    test('a run resumed after its new key file was made, but before the start was audited, audits the start', async () => {
      const ctx = await createTestContext(engine);
      try {
        await signInAs(ctx, 'editor');
        loadOrCreateNextKey(ctx.dir, 'staff');
        const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
        const rotated = await runCliInProcess(['keys', 'rotate', 'staff'], env);
        assert.equal(rotated.code, 0, rotated.stderr);
        const entries = await ctx.services.audit.list({ limit: 20 });
        assert.equal(entries.filter((entry) => entry.action === 'keys.rotationStarted' && entry.targetId === 'staff').length, 1);
      } finally {
        await ctx.close();
      }
    });
  });
}
