import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { PDF_BYTES, emailTo, inboxWithClock, itemAudit } from '../../../test/helpers/inbox.ts';
import { addCenter, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';

const batch = (rows: unknown[]) => ({ channel: 'email', conversationDate: '2026-12-01', consent: 'confirmed', rows });

for (const engine of testEngines()) {
  describe(`inbox: converting to declarations, and retention (${engine})`, () => {
    let ctx: TestContext;
    let centerId: number;
    let volunteer: Actor;
    let outsider: Actor;

    before(async () => {
      ctx = await createTestContext(engine);
      centerId = await addCenter(ctx, '纽约中心');
      volunteer = await staffActor(ctx, 'volunteer', centerId);
      outsider = await staffActor(ctx, 'volunteer', await addCenter(ctx, '多伦多中心'));
    });
    after(() => ctx.close());

    test('a batch entered from an item links its declarations and converts the item in the same transaction', async () => {
      const received = await ctx.services.inbox.receive(emailTo(centerId, { body: '明德 退党\n\n李四，退团' }));
      assert.ok(received.ok);
      const id = received.value.id;
      const draft = await ctx.services.inbox.draft(volunteer, id);
      assert.ok(draft.ok);
      assert.deepEqual(draft.value.names, ['明德', '李四']);

      const refused = await ctx.services.batchEntry.submitBatch(outsider, batch([{ name: '明德', orgs: ['party'] }]), {
        acknowledgeDuplicates: true,
        inboxItem: id,
      });
      assert.deepEqual(refused, { ok: false, error: 'inbox.error.notConvertible' });

      const entered = await ctx.services.batchEntry.submitBatch(
        volunteer,
        batch([
          { name: '明德', orgs: ['party'] },
          { name: '李四', orgs: ['league'] },
        ]),
        { acknowledgeDuplicates: true, inboxItem: id },
      );
      assert.ok(entered.ok);
      const db = ctx.services.database.db;
      const links = await db.selectFrom('inbound_item_declarations').select('declaration_id').where('item_id', '=', id).execute();
      assert.equal(links.length, 2);
      assert.equal(
        (await db.selectFrom('inbound_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
        'converted',
      );
      const declarations = await db
        .selectFrom('declarations')
        .select('center_id')
        .where(
          'id',
          'in',
          links.map((l) => l.declaration_id),
        )
        .execute();
      assert.ok(declarations.every((d) => d.center_id === centerId));
      assert.equal((await itemAudit(ctx, id)).at(-1)!.action, 'inbox.item.converted');

      // Converted is final: a second batch from it enters nothing.
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('declarations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const again = await ctx.services.batchEntry.submitBatch(volunteer, batch([{ name: '王五', orgs: ['party'] }]), {
        acknowledgeDuplicates: true,
        inboxItem: id,
      });
      assert.deepEqual(again, { ok: false, error: 'inbox.error.notConvertible' });
      assert.equal(await count(), before);
    });

    test('items past their retention are purged, files first; declarations entered from them stay', async () => {
      const inbox = inboxWithClock(ctx, 30);
      const received = await inbox.service.receive(emailTo(centerId, { attachments: [{ name: 'a.pdf', bytes: PDF_BYTES }] }));
      assert.ok(received.ok);
      const id = received.value.id;
      const kept = await inbox.service.receive(emailTo(centerId));
      assert.ok(kept.ok);
      const entered = await ctx.services.batchEntry.submitBatch(volunteer, batch([{ name: '赵六', orgs: ['pioneers'] }]), {
        acknowledgeDuplicates: true,
        inboxItem: id,
      });
      assert.ok(entered.ok);
      const db = ctx.services.database.db;
      const [attachment] = await db.selectFrom('inbound_attachments').selectAll().where('item_id', '=', id).execute();
      const file = join(ctx.dir, 'inbox', String(centerId), attachment!.storage_key);
      assert.ok(existsSync(file));

      inbox.advanceHours(29 * 24);
      const early = await inbox.service.retention.purgeDue();
      assert.equal(early.items, 0);
      inbox.advanceHours(24);
      const report = await inbox.service.retention.purgeDue();
      assert.ok(report.items >= 2 && report.attachments >= 1);
      assert.equal(existsSync(file), false);
      assert.equal(await db.selectFrom('inbound_items').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      assert.equal((await db.selectFrom('inbound_attachments').select('id').where('item_id', '=', id).execute()).length, 0);
      const declaration = await db.selectFrom('declarations').select('id').where('batch_id', '=', entered.value.batchId).execute();
      assert.equal(declaration.length, 1);
      const purged = (await itemAudit(ctx, id)).at(-1)!;
      assert.deepEqual([purged.action, purged.actor], ['inbox.item.purged', 'system']);
      assert.deepEqual(await inbox.service.retention.purgeDue(), { items: 0, attachments: 0 });
    });
  });
}
