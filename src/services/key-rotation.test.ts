import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { KeyRotationUnderwayError, createServices } from '../composition.ts';
import { loadOrCreateNextKey, nextKeyPath, promoteNextKey } from '../crypto/key-rotation-files.ts';
import { keyCheckOf, keyPath } from '../crypto/keys.ts';
import { open } from '../crypto/seal.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { keyRotationRepository } from '../repositories/key-rotation-repository.ts';
import { createAttachmentStore } from './inbox/attachment-store.ts';
import { createKeyRotationService } from './key-rotation-service.ts';
import { runCliInProcess } from '../../test/helpers/cli.ts';
import { PASSWORD, signInAs, totpCode } from '../../test/helpers/console.ts';
import { testEngines } from '../../test/helpers/databases.ts';
import { addCenter, staffActor } from '../../test/helpers/outreach.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`staff key rotation (${engine})`, () => {
    test('re-seals every TOTP secret and channel secret, resumes after a stop, and the old key reads nothing new', async () => {
      const ctx = await createTestContext(engine);
      try {
        const members = [await signInAs(ctx, 'editor'), await signInAs(ctx, 'editor'), await signInAs(ctx, 'editor')];
        const admin = await staffActor(ctx, 'admin', null);
        const centerId = await addCenter(ctx, 'Rotation center');
        const imap = {
          address: 'rotation',
          imapHost: 'imap.example.org',
          imapPort: '993',
          imapTls: true,
          imapUser: 'inbox',
          imapPassword: 'imap password',
          imapFolder: 'INBOX',
        };
        assert.ok((await ctx.services.channels.settings.update(admin, centerId, imap)).ok);
        const webhook = await ctx.services.channels.settings.rotateWebhookSecret(admin, centerId);
        assert.ok(webhook.ok);
        const oldKey = readFileSync(keyPath(ctx.dir, 'staff'), 'utf8');
        const db = ctx.services.database.db;
        const sealedBefore = (await db.selectFrom('staff').select('totp_sealed').where('totp_sealed', 'is not', null).execute()).length;
        assert.equal(sealedBefore, 3);

        // The first run stops after its first batch of one, as a crash would.
        const rotation = createKeyRotationService({
          db,
          rotation: keyRotationRepository,
          keyChecks: keyChecksRepository,
          audit: createAuditRepository(ctx.services.keys),
          attachmentStore: (key) => createAttachmentStore(ctx.dir, key),
          now: () => new Date(),
        });
        const files = { next: () => loadOrCreateNextKey(ctx.dir, 'staff'), promote: (at: Date) => promoteNextKey(ctx.dir, 'staff', at) };
        await assert.rejects(
          rotation.rotate('staff', ctx.services.keys.staff, files, {
            batchSize: 1,
            afterBatch: () => {
              throw new Error('stopped');
            },
          }),
          /stopped/,
        );
        assert.ok(existsSync(nextKeyPath(ctx.dir, 'staff')));
        await assert.rejects(createServices(ctx.config), KeyRotationUnderwayError, 'no start with values under two keys');

        const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
        const resumed = await runCliInProcess(['keys', 'rotate', 'staff', '--batch', '1'], env);
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(resumed.stdout, /staff\.totp_sealed: 2 re-sealed, 1 already under the new key/);
        assert.match(resumed.stdout, /center_inbox_settings\.webhook_secret_sealed: 1 re-sealed/);
        assert.match(resumed.stdout, /center_inbox_settings\.imap_password_sealed: 1 re-sealed/);

        const newKey = readFileSync(keyPath(ctx.dir, 'staff'), 'utf8');
        assert.notEqual(newKey, oldKey);
        assert.ok(!existsSync(nextKeyPath(ctx.dir, 'staff')));
        const retired = readdirSync(join(ctx.dir, 'keys')).filter((file) => file.startsWith('staff.retired-'));
        assert.equal(retired.length, 1);
        assert.equal(readFileSync(join(ctx.dir, 'keys', retired[0]!), 'utf8'), oldKey, 'the old key is kept for old backups');
        const old = Buffer.from(oldKey.trim(), 'base64');
        for (const row of await db.selectFrom('staff').select(['id', 'totp_sealed']).where('totp_sealed', 'is not', null).execute()) {
          assert.throws(() => open(old, row.totp_sealed!, `totp:${row.id}`), 'no value is left under the old key');
        }
        const checks = await keyChecksRepository.all(db);
        assert.equal(checks.get('staff'), keyCheckOf(Buffer.from(newKey.trim(), 'base64'), 'staff'));

        // A service started on the new key signs the members in with their TOTP and reads the channel secrets.
        const again = await createServices(ctx.config);
        try {
          for (const member of members) {
            const session = await again.services.staffAuth.signIn(member.email, PASSWORD);
            assert.ok(session.ok);
            const verified = await again.services.staffAuth.verifyTotp(session.value, totpCode(member.totpSecret, 1));
            assert.ok(verified.ok, JSON.stringify(verified));
          }
          const [mailbox] = await again.services.channels.settings.mailboxes();
          assert.equal(mailbox?.password, 'imap password');
          const actions = (await again.services.audit.list({ limit: 50 })).map((entry) => entry.action);
          assert.ok(actions.includes('keys.rotationStarted') && actions.includes('keys.rotated'));
          assert.deepEqual((await again.services.audit.verify()).brokenAt, null);
        } finally {
          await again.close();
        }
      } finally {
        await ctx.close();
      }
    });
  });
}
