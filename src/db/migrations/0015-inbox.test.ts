import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createMigratedTestDatabase, testEngines, type TestDatabase } from '../../../test/helpers/databases.ts';
import { makeTempDir } from '../../../test/helpers/test-context.ts';
import { createDatabase, type DatabaseHandle } from '../create-db.ts';
import { statusesBefore } from '../../domain/inbox/item-status.ts';

const AT = '2026-12-07T01:00:00.000Z';

for (const engine of testEngines()) {
  describe(`migration 0015: the intake inbox (${engine})`, () => {
    const dir = makeTempDir();
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let centerId: number;

    before(async () => {
      database = await createMigratedTestDatabase(engine, dir);
      handle = createDatabase(database.url);
      const center = await handle.db
        .insertInto('centers')
        .values({
          name: '纽约退党服务中心',
          city: 'New York',
          country: 'US',
          hotlines: '[]',
          languages: '中文',
          is_public: 1,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      centerId = center.id;
    });
    after(async () => {
      await handle.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const item = (sourceRef: string | null) => ({
      center_id: centerId,
      channel: 'email' as const,
      status: 'new' as const,
      sender_hmac: 'hmac',
      sender_sealed: 'sealed',
      body_sealed: 'sealed',
      source_ref: sourceRef,
      received_at: AT,
      created_at: AT,
      updated_at: AT,
      purge_after: AT,
    });

    test('a redelivered message is refused by its source reference; items without one are not', async () => {
      await handle.db.insertInto('inbound_items').values(item('msg-1')).execute();
      await assert.rejects(handle.db.insertInto('inbound_items').values(item('msg-1')).execute());
      await handle.db
        .insertInto('inbound_items')
        .values([item(null), item(null)])
        .execute();
    });

    test('a move is a conditional UPDATE: the second one to discard changes nothing', async () => {
      const { id } = await handle.db.insertInto('inbound_items').values(item('msg-2')).returning('id').executeTakeFirstOrThrow();
      const discard = () =>
        handle.db
          .updateTable('inbound_items')
          .set({ status: 'discarded', discard_reason: 'spam', updated_at: AT })
          .where('id', '=', id)
          .where('status', 'in', statusesBefore('discarded'))
          .executeTakeFirst();
      assert.equal(Number((await discard()).numUpdatedRows), 1);
      assert.equal(Number((await discard()).numUpdatedRows), 0);
    });

    test('attachments are numbered once per item', async () => {
      const { id } = await handle.db.insertInto('inbound_items').values(item('msg-3')).returning('id').executeTakeFirstOrThrow();
      const attachment = (key: string) => ({
        item_id: id,
        position: 1,
        media_type: 'application/pdf',
        size: 4,
        sha256: 'ab',
        storage_key: key,
        created_at: AT,
      });
      await handle.db.insertInto('inbound_attachments').values(attachment('a')).execute();
      await assert.rejects(handle.db.insertInto('inbound_attachments').values(attachment('b')).execute());
    });
  });
}
