import assert from 'node:assert/strict';
import { createHmac, hkdfSync } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { KeysMissingError, createServices } from '../../src/composition.ts';
import { keyPath } from '../../src/crypto/keys.ts';
import { emailHmac, sealEmail, tokenHmac } from '../../src/services/newsletter/newsletter-deps.ts';
import { doNotCallRepository } from '../../src/repositories/outreach/do-not-call-repository.ts';
import { subscribersRepository } from '../../src/repositories/newsletter/subscribers-repository.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { staffActor } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The HMAC keys as they were derived before the index root: from the contact key, under these names. */
const before0031 = (contact: Buffer, purpose: string) =>
  Buffer.from(hkdfSync('sha256', contact, Buffer.alloc(0), `tuidang ${purpose}`, 32));
const keyOf = (ctx: TestContext, name: string) => Buffer.from(readFileSync(keyPath(ctx.dir, name as 'index'), 'utf8').trim(), 'base64');

for (const engine of testEngines()) {
  describe(`the index root of the blind indexes (${engine})`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(engine);
    });
    after(() => ctx.close());

    test('a new registry gets a root of its own, owner-only and recorded by its check value', async () => {
      assert.equal(statSync(keyPath(ctx.dir, 'index')).mode & 0o777, 0o600);
      assert.notDeepEqual(keyOf(ctx, 'index'), keyOf(ctx, 'contact'));
      assert.ok(
        (await ctx.services.database.db.selectFrom('key_checks').select('name').where('name', '=', 'index').executeTakeFirst()) !==
          undefined,
      );
    });

    test('a registry from before the root gets the contact key’s bytes as its root: every stored HMAC still matches', async () => {
      const db = ctx.services.database.db;
      const contact = keyOf(ctx, 'contact');
      // The data dir and database as they were before: no index.key, no check value for it, HMACs under keys derived from contact.key.
      rmSync(keyPath(ctx.dir, 'index'));
      await db.deleteFrom('key_checks').where('name', '=', 'index').execute();
      const phones = before0031(contact, 'outreach phones');
      await doNotCallRepository.add(
        db,
        createHmac('sha256', phones).update('outreach phone +8613700000001').digest('base64url'),
        new Date(),
      );
      const newsletter = before0031(contact, 'newsletter');
      const hmac = emailHmac(newsletter, 'old-reader@example.org');
      const token = 'A'.repeat(43);
      const row = {
        emailSealed: sealEmail(contact, hmac, 'old-reader@example.org'),
        emailHmac: hmac,
        language: 'en' as const,
        tokenHmac: tokenHmac(newsletter, token)!,
        consentedAt: new Date(),
        termsVersion: '1',
      };
      await subscribersRepository.insert(db, row, new Date());

      const upgraded = await createServices(ctx.config);
      try {
        assert.deepEqual(keyOf(ctx, 'index'), contact, 'the root is the old derivation input');
        assert.equal(statSync(keyPath(ctx.dir, 'index')).mode & 0o777, 0o600);
        assert.deepEqual(upgraded.keys.outreachPhones, phones);
        assert.deepEqual(upgraded.keys.newsletter, newsletter);
        assert.deepEqual(upgraded.keys.inboxSenders, before0031(contact, 'inbox senders'));
        const admin = await staffActor(ctx, 'admin', null);
        assert.deepEqual(await upgraded.services.outreach.doNotCall.isListed(admin, '+86 137 0000 0001'), { ok: true, value: true });
        assert.deepEqual(await upgraded.services.newsletter.subscriptions.linkState(token), { ok: true, value: 'pending' });
        const [entry] = (await upgraded.services.audit.list({ limit: 5 })).filter((e) => e.action === 'keys.created');
        assert.deepEqual(entry?.details, { keys: [], fromContactKey: ['index'] });
        assert.equal((await db.selectFrom('key_checks').select('name').where('name', '=', 'index').execute()).length, 1);
      } finally {
        await upgraded.close();
      }
      // The next start reads the file it made: nothing more is written or recorded.
      await (await createServices(ctx.config)).close();
      assert.deepEqual(keyOf(ctx, 'index'), contact);
    });

    test('lost with the contact key, the root is refused as missing where HMACs are stored', async () => {
      const saved = { contact: readFileSync(keyPath(ctx.dir, 'contact')), index: readFileSync(keyPath(ctx.dir, 'index')) };
      rmSync(keyPath(ctx.dir, 'contact'));
      rmSync(keyPath(ctx.dir, 'index'));
      await assert.rejects(
        createServices(ctx.config),
        (error: Error) => error instanceof KeysMissingError && /contact\.key/.test(error.message) && /index\.key/.test(error.message),
      );
      for (const name of ['contact', 'index'] as const) {
        assert.throws(() => statSync(keyPath(ctx.dir, name)), 'the keys made in vain are removed');
        writeFileSync(keyPath(ctx.dir, name), saved[name], { mode: 0o600 });
      }
      await (await createServices(ctx.config)).close();
    });

    test('a contact rotation run before the first start after the upgrade inherits the root first, and keeps it', async () => {
      const db = ctx.services.database.db;
      const contact = keyOf(ctx, 'contact');
      assert.deepEqual(keyOf(ctx, 'index'), contact, 'as the upgrade above left it');
      rmSync(keyPath(ctx.dir, 'index'));
      await db.deleteFrom('key_checks').where('name', '=', 'index').execute();
      const rotated = await runCliInProcess(['keys', 'rotate', 'contact'], {
        TUIDANG_DATA_DIR: ctx.dir,
        DATABASE_URL: ctx.config.databaseUrl,
      });
      assert.equal(rotated.code, 0, rotated.stderr);
      assert.deepEqual(keyOf(ctx, 'index'), contact, 'the root is the old contact key');
      assert.notDeepEqual(keyOf(ctx, 'contact'), contact, 'the contact key is new');
      const started = await createServices(ctx.config);
      try {
        const admin = await staffActor(ctx, 'admin', null);
        assert.deepEqual(await started.services.outreach.doNotCall.isListed(admin, '+86 137 0000 0001'), { ok: true, value: true });
        const recent = (await started.services.audit.list({ limit: 10 })).filter((entry) => entry.action.startsWith('keys.'));
        assert.deepEqual(
          recent.slice(0, 3).map((entry) => entry.action),
          ['keys.rotated', 'keys.rotationStarted', 'keys.created'],
          'the inherited root recorded before the rotation began',
        );
        assert.deepEqual(recent[2]?.details, { keys: [], fromContactKey: ['index'] });
        assert.equal((await started.services.audit.verify()).brokenAt, null);
      } finally {
        await started.close();
      }
    });

    test('a rotation refused on wrong keys removes the root it inherited, as a start does', async () => {
      const saved = readFileSync(keyPath(ctx.dir, 'index'));
      // Lost after the contact rotation above: the copy of the contact key a run inherits is not the root.
      rmSync(keyPath(ctx.dir, 'index'));
      const refused = await runCliInProcess(['keys', 'rotate', 'staff'], {
        TUIDANG_DATA_DIR: ctx.dir,
        DATABASE_URL: ctx.config.databaseUrl,
      });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /Not the keys this database was written with: .*index\.key/);
      assert.throws(() => statSync(keyPath(ctx.dir, 'index')), 'the inherited root is not kept');
      writeFileSync(keyPath(ctx.dir, 'index'), saved, { mode: 0o600 });
      await (await createServices(ctx.config)).close();
    });
  });
}
