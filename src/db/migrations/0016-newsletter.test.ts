import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createMigratedTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { deliveriesRepository } from '../../repositories/newsletter/deliveries-repository.ts';
import { issuesRepository } from '../../repositories/newsletter/issues-repository.ts';
import { subscribersRepository } from '../../repositories/newsletter/subscribers-repository.ts';

const AT = new Date('2026-12-07T01:00:00.000Z');
const TEXT = { subject: 's', body: 'b' };
const TEXTS = { 'zh-hans': TEXT, 'zh-hant': TEXT, en: TEXT };

for (const engine of testEngines()) {
  describe(`migration 0016: the newsletter (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;

    before(async () => {
      database = await createMigratedTestDatabase(engine, dir);
      handle = createDatabase(database.url);
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const row = (n: number) => ({
      emailSealed: `sealed-${n}`,
      emailHmac: `hmac-${n}`,
      language: 'en' as const,
      tokenHmac: `token-${n}`,
      consentedAt: AT,
      termsVersion: 'v',
    });

    test('one row per address; a second insert of it is no row', async () => {
      assert.ok(await subscribersRepository.insert(handle.db, row(1), AT));
      assert.equal(await subscribersRepository.insert(handle.db, row(1), AT), undefined);
    });

    test('statuses move by conditional UPDATE: confirming twice changes one row once', async () => {
      const id = (await subscribersRepository.insert(handle.db, row(2), AT))!;
      assert.equal(await subscribersRepository.move(handle.db, id, 'confirmed', AT), true);
      assert.equal(await subscribersRepository.move(handle.db, id, 'confirmed', AT), false);
      assert.equal(await subscribersRepository.move(handle.db, id, 'unsubscribed', AT), true);
      assert.equal(await subscribersRepository.move(handle.db, id, 'confirmed', AT), false);
    });

    test('sending queues one delivery per confirmed subscriber, once', async () => {
      const confirmed = (await subscribersRepository.insert(handle.db, row(3), AT))!;
      await subscribersRepository.move(handle.db, confirmed, 'confirmed', AT);
      await subscribersRepository.insert(handle.db, row(4), AT);
      const issue = await issuesRepository.insert(handle.db, TEXTS, null, AT);
      assert.equal(await deliveriesRepository.queueIssue(handle.db, issue, AT), 1);
      await assert.rejects(deliveriesRepository.queueIssue(handle.db, issue, AT));
      const due = await deliveriesRepository.due(handle.db, AT, 50);
      assert.deepEqual(
        due.map((d) => d.subscriberId),
        [confirmed],
      );
      assert.equal(await deliveriesRepository.claim(handle.db, due[0]!.id, 0, 'th', new Date(AT.getTime() + 1000), AT), true);
      assert.equal(await deliveriesRepository.claim(handle.db, due[0]!.id, 0, 'th2', new Date(AT.getTime() + 1000), AT), false);
      assert.deepEqual(await deliveriesRepository.due(handle.db, AT, 50), []);
    });
  });
}
