import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KeyMismatchError, KeysMissingError, createServices } from '../../src/composition.ts';
import { testEngines } from '../helpers/databases.ts';
import { signInAs } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`a data dir whose keys were not restored with the database (${engine})`, () => {
    let ctx: TestContext;
    const keyFile = (name: string) => join(ctx.dir, 'keys', `${name}.key`);
    /** Starts once more on the same data dir and database, and closes what started. */
    const restart = async () => {
      await (await createServices(ctx.config)).close();
    };
    const saved = new Map<string, string>();
    const save = (name: string) => saved.set(name, readFileSync(keyFile(name), 'utf8'));
    const restore = (name: string) => writeFileSync(keyFile(name), saved.get(name)!, { mode: 0o600 });

    before(async () => {
      ctx = await createTestContext(engine);
      for (const name of ['contact', 'receipt', 'staff', 'audit', 'index']) save(name);
    });
    after(() => ctx.close());

    test('an empty registry gets its keys; one with declarations refuses to start and keeps no new key', async () => {
      const receiptKey = keyFile('receipt');
      assert.ok(existsSync(receiptKey), 'keys are made on first start');
      const receipt = await ctx.services.declarations.submit(
        {
          names: ['王明华'],
          headcount: 1,
          orgs: ['league'],
          title: undefined,
          region: undefined,
          statement: undefined,
          behalf: 'self',
          consent: true,
          contact: undefined,
        },
        { channel: 'api', locale: 'zh-hans' },
      );

      rmSync(receiptKey);
      rmSync(keyFile('contact'));
      await assert.rejects(createServices(ctx.config), (error: Error) => {
        assert.ok(error instanceof KeysMissingError);
        assert.match(error.message, /receipt\.key/);
        assert.match(error.message, /contact\.key/);
        assert.match(error.message, /docs\/operations\.md, "Backups"/);
        return true;
      });
      assert.ok(!existsSync(receiptKey), 'the key made in vain is removed, so the next start fails too');
      assert.ok(!existsSync(keyFile('contact')));
      await assert.rejects(createServices(ctx.config), KeysMissingError);

      // Its own receipts still work on the running service, whose keys are in memory.
      assert.equal((await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword)).ok, true);
      restore('receipt');
      restore('contact');
      await restart();
    });

    test('a missing staff.key is refused once an authenticator is sealed under it', async () => {
      await signInAs(ctx, 'editor');
      // As in a database from before the check values: the sealed authenticator alone says the key is needed.
      await ctx.services.database.db.deleteFrom('key_checks').execute();
      rmSync(keyFile('staff'));
      await assert.rejects(
        createServices(ctx.config),
        (error: Error) => error instanceof KeysMissingError && /staff\.key is missing/.test(error.message),
      );
      assert.ok(!existsSync(keyFile('staff')));
      restore('staff');
      await restart();
    });

    test('a missing contact.key is refused once its check value is stored, even before any contact', async () => {
      rmSync(keyFile('contact'));
      await assert.rejects(
        createServices(ctx.config),
        (error: Error) => error instanceof KeysMissingError && /contact\.key is missing/.test(error.message),
      );
      restore('contact');
      await restart();
    });

    test('a receipt.key swapped for another valid key is refused, and left where it is', async () => {
      const other = `${randomBytes(32).toString('base64')}\n`;
      writeFileSync(keyFile('receipt'), other, { mode: 0o600 });
      await assert.rejects(createServices(ctx.config), (error: Error) => {
        assert.ok(error instanceof KeyMismatchError);
        assert.match(error.message, /receipt\.key: not the key this database was written with/);
        return true;
      });
      assert.equal(readFileSync(keyFile('receipt'), 'utf8'), other, 'an operator’s file is never removed');
      restore('receipt');
      await restart();
    });

    test('the database holds a check value per key, from which the key cannot be read', async () => {
      const rows = await ctx.services.database.db.selectFrom('key_checks').select(['name', 'check_value']).orderBy('name').execute();
      assert.deepEqual(
        rows.map((row) => row.name),
        ['audit', 'contact', 'index', 'receipt', 'staff'],
      );
      for (const row of rows) {
        const key = Buffer.from(saved.get(row.name)!.trim(), 'base64');
        assert.ok(!Buffer.from(row.check_value, 'base64url').includes(key.subarray(0, 8)));
        assert.equal(row.check_value.length, 43, 'a SHA-256 HMAC');
      }
      // A database from before the checks gets them at its next start, from the keys it has.
      await ctx.services.database.db.deleteFrom('key_checks').execute();
      await restart();
      const again = await ctx.services.database.db.selectFrom('key_checks').select(['name', 'check_value']).orderBy('name').execute();
      assert.deepEqual(again, rows);
    });
  });
}
