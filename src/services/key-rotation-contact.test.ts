import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { KeyMismatchError, KeyRotationUnderwayError, createServices } from '../composition.ts';
import { loadOrCreateNextKey, nextKeyPath, promoteNextKey } from '../crypto/key-rotation-files.ts';
import { keyCheckOf, keyPath } from '../crypto/keys.ts';
import { SYSTEM_ACTOR } from '../domain/staff/permissions.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { SEALED_COLUMNS, keyRotationRepository } from '../repositories/key-rotation-repository.ts';
import { open } from '../crypto/seal.ts';
import { createAttachmentStore } from './inbox/attachment-store.ts';
import { createKeyRotationService } from './key-rotation-service.ts';
import { sealingOf } from './key-rotation-sealing.ts';
import { createApp } from '../http/app.ts';
import { PreparedRoutes } from '../http/fast-lane/prepared-routes.ts';
import { createLogger } from '../logging/logger.ts';
import { runCliInProcess } from '../../test/helpers/cli.ts';
import { signInAs } from '../../test/helpers/console.ts';
import { testEngines } from '../../test/helpers/databases.ts';
import { PDF_BYTES, emailTo, inboxWithClock } from '../../test/helpers/inbox.ts';
import { moderationFixture } from '../../test/helpers/moderation-fixture.ts';
import { sentMail } from '../../test/helpers/newsletter.ts';
import { CAMPAIGN_FORM, addCenter, csvLines, importedCampaign, outreachWithClock, staffActor } from '../../test/helpers/outreach.ts';
import type { TestContext } from '../../test/helpers/test-context.ts';

const DO_NOT_CALL = '+86 137 0000 0001';
const TEXTS = {
  'zh-hans': { subject: '本期简讯', body: '简体正文' },
  'zh-hant': { subject: '本期簡訊', body: '繁體內文' },
  en: { subject: 'This issue', body: 'English text' },
};

/** The number of contact-sealed values in the database, over every column the rotation knows. */
async function sealedCount(ctx: TestContext): Promise<number> {
  let count = 0;
  for (const where of SEALED_COLUMNS.contact) count += (await keyRotationRepository.batch(ctx.services.database.db, where, 0, 1000)).length;
  return count;
}

for (const engine of testEngines()) {
  describe(`contact key rotation (${engine})`, () => {
    test('re-seals every contact detail and file, keeps every blind index, resumes after a stop, and runs once', async () => {
      const f = await moderationFixture(engine);
      const ctx = f.ctx;
      try {
        const declared = await f.declare({ contact: 'rotate-me@example.org' });
        const centerId = await addCenter(ctx, 'Rotation center');
        const admin = await staffActor(ctx, 'admin', null);
        const volunteer = await staffActor(ctx, 'volunteer', centerId);
        const outreach = outreachWithClock(ctx).service;
        assert.ok((await outreach.doNotCall.add(admin, DO_NOT_CALL)).ok);
        const campaign = await importedCampaign(outreach, admin, centerId, 3, { leaseSize: '3' });
        const inbox = inboxWithClock(ctx);
        const sender = 'Rotated.Sender@Example.org';
        const received = await inbox.service.receive(
          emailTo(centerId, { sender, subject: '轮换主题', body: '轮换正文', attachments: [{ name: 'names.pdf', bytes: PDF_BYTES }] }),
        );
        assert.ok(received.ok);
        const itemId = received.value.id;
        const subscribedAt = new Date();
        assert.ok((await ctx.services.newsletter.subscriptions.signUp({ email: 'reader@example.org', language: 'en' }, subscribedAt)).ok);
        const token = /confirm\/([A-Za-z0-9_-]{43})/.exec((await sentMail(ctx)).at(-1)!.text ?? '')![1]!;
        assert.ok((await ctx.services.newsletter.subscriptions.confirm(token, subscribedAt)).ok);
        const sealed = await sealedCount(ctx);
        assert.ok(sealed >= 12, `every kind of contact-sealed column has a value (${sealed})`);

        const oldKey = readFileSync(keyPath(ctx.dir, 'contact'), 'utf8');
        const indexKey = readFileSync(keyPath(ctx.dir, 'index'), 'utf8');
        const db = ctx.services.database.db;
        const rotation = createKeyRotationService({
          db,
          rotation: keyRotationRepository,
          keyChecks: keyChecksRepository,
          audit: createAuditRepository(ctx.services.keys),
          attachmentStore: (key) => createAttachmentStore(ctx.dir, key),
          now: () => new Date(),
        });
        const next = () => loadOrCreateNextKey(ctx.dir, 'contact');

        // The first run stops after its first batch of one, as a crash would.
        await assert.rejects(
          rotation.rotate(
            'contact',
            ctx.services.keys.contact,
            { next, promote: (at) => promoteNextKey(ctx.dir, 'contact', at) },
            {
              batchSize: 1,
              afterBatch: () => {
                throw new Error('stopped');
              },
            },
          ),
          /stopped/,
        );
        assert.ok(existsSync(nextKeyPath(ctx.dir, 'contact')));
        await assert.rejects(createServices(ctx.config), KeyRotationUnderwayError, 'no start with values under two keys');

        // The second stops after the check value changed, before the files are renamed.
        await assert.rejects(
          rotation.rotate(
            'contact',
            ctx.services.keys.contact,
            {
              next,
              promote: () => {
                throw new Error('stopped before the rename');
              },
            },
            { batchSize: 2 },
          ),
          /before the rename/,
        );
        const newKey = Buffer.from(readFileSync(nextKeyPath(ctx.dir, 'contact'), 'utf8').trim(), 'base64');
        assert.equal((await keyChecksRepository.all(db)).get('contact'), keyCheckOf(newKey, 'contact'));

        // The command finishes: nothing is left to re-seal, and the check value is written once.
        const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
        const finished = await runCliInProcess(['keys', 'rotate', 'contact', '--batch', '2'], env);
        assert.equal(finished.code, 0, finished.stderr);
        assert.doesNotMatch(finished.stdout, /: [1-9]\d* re-sealed/, 'a run after the last value was re-sealed changes nothing');
        assert.match(finished.stdout, /declarations\.contact_sealed: 0 re-sealed, 1 already under the new key/);
        assert.match(finished.stdout, /inbox attachment files: 0 re-sealed, 1 already under the new key/);
        assert.equal(readFileSync(keyPath(ctx.dir, 'contact'), 'utf8').trim(), newKey.toString('base64'));
        assert.equal(readFileSync(keyPath(ctx.dir, 'index'), 'utf8'), indexKey, 'the index root is not touched');
        const retired = readdirSync(join(ctx.dir, 'keys')).filter((file) => file.startsWith('contact.retired-'));
        assert.equal(retired.length, 1);
        assert.equal(readFileSync(join(ctx.dir, 'keys', retired[0]!), 'utf8'), oldKey, 'the old key is kept for old backups');
        assert.equal(await sealedCount(ctx), sealed, 'no value lost');

        // The old key opens nothing any more: every column, and the attachment file.
        const old = Buffer.from(oldKey.trim(), 'base64');
        for (const where of SEALED_COLUMNS.contact) {
          const context = sealingOf('contact', where, old).context;
          for (const row of await keyRotationRepository.batch(db, where, 0, 1000))
            assert.throws(() => open(old, row.sealed, context(row)), `${where.table}.${where.column} of ${row.id} under the old key`);
        }
        const [stored] = await keyRotationRepository.attachmentFiles(db, 0, 10);
        await assert.rejects(createAttachmentStore(ctx.dir, old).get(stored!));

        // A service started on the new key shows every value where staff read it, and every blind index still matches.
        const again = await createServices(ctx.config);
        try {
          const services = { ...again.services, database: again.database, keys: again.keys };
          const app = createApp({ logger: createLogger('error'), services, prepared: new PreparedRoutes() });
          const after: TestContext = { ...ctx, services, app };
          // The console's pages, as staff read them: a contact reveal, an inbox item and its attachment.
          const staff = await signInAs(after, 'admin');
          const revealed = await staff.post(`/console/moderation/${declared.registrationNumber}/contact`, { reason: '回复来信' });
          assert.match(await revealed.text(), /rotate-me@example\.org/);
          const itemPage = await (await staff.get(`/console/inbox/item/${itemId}`)).text();
          assert.match(itemPage, /Rotated\.Sender@Example\.org/);
          assert.match(itemPage, /轮换正文/);
          const file = await staff.get(`/console/inbox/item/${itemId}/attachment/1`);
          assert.equal(file.status, 200);
          assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PDF_BYTES);

          const calls = outreachWithClock(after).service;
          assert.ok((await calls.leases.take(volunteer, campaign)).ok);
          const contactIds = await db
            .selectFrom('outreach_contacts')
            .select('id')
            .where('campaign_id', '=', campaign)
            .orderBy('id')
            .execute();
          const numbers: string[] = [];
          for (const { id } of contactIds) {
            const revealed = await calls.calls.reveal(volunteer, campaign, id);
            assert.ok(revealed.ok, JSON.stringify(revealed));
            numbers.push(revealed.value.number);
          }
          assert.equal(new Set(numbers).size, 3);
          for (const number of numbers) assert.match(number, /^\+86139\d{8}$/);
          assert.deepEqual(await calls.doNotCall.isListed(admin, DO_NOT_CALL), { ok: true, value: true });
          // A new list with a number of the old one twice and the do-not-call number: both found by HMAC.
          const second = await calls.campaigns.create(admin, { ...CAMPAIGN_FORM, name: '第二轮', centerId: String(centerId) });
          assert.ok(second.ok);
          const staged = await calls.imports.stage(admin, second.value.id, csvLines('phone', [numbers[0]!, numbers[0]!, DO_NOT_CALL]));
          assert.ok(staged.ok && staged.value.kind === 'staged');
          assert.deepEqual(
            {
              accepted: staged.value.summary.accepted,
              duplicates: staged.value.summary.duplicates,
              doNotCall: staged.value.summary.doNotCall,
            },
            { accepted: 1, duplicates: 1, doNotCall: 1 },
          );

          const items = inboxWithClock(after).service;
          const item = await items.view(admin, itemId);
          assert.ok(item.ok);
          assert.equal(item.value.sender, sender);
          assert.equal(item.value.body, '轮换正文');
          assert.equal(item.value.attachments[0]?.name, 'names.pdf');
          const attachment = await items.attachment(admin, itemId, item.value.attachments[0]!.position);
          assert.ok(attachment.ok);
          assert.deepEqual(new Uint8Array(attachment.value.bytes), PDF_BYTES);
          const bySender = await items.search(admin, 'rotated.sender@example.org', centerId);
          assert.deepEqual(bySender.ok && bySender.value.map((summary) => summary.id), [itemId]);

          const issue = await again.services.newsletter.issues.create(SYSTEM_ACTOR, TEXTS);
          assert.ok(issue.ok);
          assert.deepEqual(await again.services.newsletter.issues.send(SYSTEM_ACTOR, issue.value), { ok: true, recipients: 1 });
          assert.equal((await again.services.newsletter.sendDue(new Date())).sent, 1);
          const mail = (await sentMail(ctx)).at(-1)!;
          assert.match(mail.text ?? '', /English text/);
          assert.match(JSON.stringify(mail.to), /reader@example\.org/, 'the address opened under the new key');
          assert.equal((await again.services.newsletter.subscriptions.linkState(token)).ok, true, 'a link token still matches');

          const entries = await again.services.audit.list({ limit: 100 });
          assert.equal(entries.filter((entry) => entry.action === 'keys.rotated' && entry.targetId === 'contact').length, 1);
          assert.equal(entries.filter((entry) => entry.action === 'keys.rotationStarted' && entry.targetId === 'contact').length, 1);
          assert.equal((await again.services.audit.verify()).brokenAt, null);
        } finally {
          await again.close();
        }

        // The index root lost: the copy of the (new) contact key a start would make is not it, and is refused.
        rmSync(keyPath(ctx.dir, 'index'));
        await assert.rejects(
          createServices(ctx.config),
          (error: Error) => error instanceof KeyMismatchError && /index\.key/.test(error.message),
        );
        assert.ok(!existsSync(keyPath(ctx.dir, 'index')), 'the wrong root is not kept');
        writeFileSync(keyPath(ctx.dir, 'index'), indexKey, { mode: 0o600 });
        await (await createServices(ctx.config)).close();

        const refused = await runCliInProcess(['keys', 'rotate', 'index'], env);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /The index key is not rotated/);
      } finally {
        await ctx.close();
      }
    });
  });
}
