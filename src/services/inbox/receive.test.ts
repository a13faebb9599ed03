import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { PDF_BYTES, PNG_BYTES, emailTo } from '../../../test/helpers/inbox.ts';
import { addCenter } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { INBOX_LIMITS } from './receive.ts';

for (const engine of testEngines()) {
  describe(`inbox: receiving a message (${engine})`, () => {
    let ctx: TestContext;
    let centerId: number;

    before(async () => {
      ctx = await createTestContext(engine);
      centerId = await addCenter(ctx, '纽约中心');
    });
    after(() => ctx.close());

    test('seals the sender, subject and body, keeps a PDF and a PNG as sealed files, and audits without the sender', async () => {
      const message = emailTo(centerId, {
        attachments: [
          { name: 'fax.pdf', bytes: PDF_BYTES },
          { name: 'photo.exe', bytes: PNG_BYTES },
          { name: 'names.pdf', bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>') },
        ],
      });
      const received = await ctx.services.inbox.receive(message);
      assert.ok(received.ok);
      assert.deepEqual({ duplicate: received.value.duplicate, dropped: received.value.dropped }, { duplicate: false, dropped: 1 });
      const db = ctx.services.database.db;
      const row = await db.selectFrom('inbound_items').selectAll().where('id', '=', received.value.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'new');
      assert.equal(row.assignee_id, null);
      assert.equal(row.dropped_attachments, 1);
      for (const sealed of [row.sender_sealed, row.subject_sealed, row.body_sealed]) {
        assert.ok(sealed?.startsWith('v1.'));
        assert.doesNotMatch(sealed ?? '', /Zhang|张三|三退/);
      }
      assert.ok(row.sender_hmac);
      // Retention: 90 days from receipt by default.
      const kept = new Date(row.purge_after).getTime() - new Date(row.created_at).getTime();
      assert.equal(kept, 90 * 86_400_000);

      const attachments = await db
        .selectFrom('inbound_attachments')
        .selectAll()
        .where('item_id', '=', received.value.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        attachments.map((a) => [a.position, a.media_type, a.size]),
        [
          [1, 'application/pdf', PDF_BYTES.byteLength],
          [2, 'image/png', PNG_BYTES.byteLength],
        ],
      );
      for (const attachment of attachments) {
        const file = join(ctx.dir, 'inbox', String(centerId), attachment.storage_key);
        assert.ok(existsSync(file));
        assert.doesNotMatch(readFileSync(file).toString('latin1'), /%PDF|PNG/);
      }

      const entry = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'inbox.item.received')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(entry.actor, 'system');
      assert.equal(entry.target_id, String(received.value.id));
      assert.doesNotMatch(entry.details, /Zhang|example\.org|三退/i);
      assert.deepEqual(JSON.parse(entry.details), { channel: 'email', center: centerId, attachments: 2, dropped: 1 });
    });

    test('a redelivery of the same message is the first item, and writes no second file', async () => {
      const message = emailTo(centerId, { attachments: [{ name: null, bytes: PDF_BYTES }] });
      const first = await ctx.services.inbox.receive(message);
      assert.ok(first.ok);
      const files = readdirSync(join(ctx.dir, 'inbox', String(centerId))).length;
      const again = await ctx.services.inbox.receive({ ...message, body: 'changed' });
      assert.deepEqual(again, { ok: true, value: { id: first.value.id, duplicate: true, dropped: 0 } });
      assert.equal(readdirSync(join(ctx.dir, 'inbox', String(centerId))).length, files);
      // Another center may hold a message of the same reference: it is not a redelivery there.
      const other = await addCenter(ctx, '多伦多中心');
      const elsewhere = await ctx.services.inbox.receive({ ...message, centerId: other });
      assert.ok(elsewhere.ok && !elsewhere.value.duplicate);
    });

    test('drops what exceeds the limits: more than 10 attachments, one over 10 MB, more than 25 MB in all', async () => {
      const big = new Uint8Array(INBOX_LIMITS.attachmentBytes);
      big.set(PDF_BYTES);
      const tooBig = new Uint8Array(INBOX_LIMITS.attachmentBytes + 1);
      tooBig.set(PDF_BYTES);
      const many = Array.from({ length: 12 }, () => ({ name: null, bytes: PNG_BYTES }));
      const counted = await ctx.services.inbox.receive(emailTo(centerId, { attachments: many }));
      assert.ok(counted.ok);
      assert.equal(counted.value.dropped, 2);
      const sized = await ctx.services.inbox.receive(
        emailTo(centerId, {
          attachments: [
            { name: null, bytes: tooBig },
            { name: null, bytes: big },
            { name: null, bytes: big },
            { name: null, bytes: big },
          ],
        }),
      );
      assert.ok(sized.ok);
      // The 10 MB + 1 byte file, and the third 10 MB one (past 25 MB).
      assert.equal(sized.value.dropped, 2);
    });

    test('refuses an unknown center or channel, and a body over the limit, writing nothing', async () => {
      const before = await ctx.services.database.db
        .selectFrom('inbound_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.deepEqual(await ctx.services.inbox.receive(emailTo(999_999)), { ok: false, error: 'inbox.error.center' });
      assert.deepEqual(await ctx.services.inbox.receive(emailTo(centerId, { channel: 'pigeon' as never })), {
        ok: false,
        error: 'inbox.error.channel',
      });
      assert.deepEqual(await ctx.services.inbox.receive(emailTo(centerId, { body: 'x'.repeat(INBOX_LIMITS.bodyChars + 1) })), {
        ok: false,
        error: 'inbox.error.tooLong',
      });
      const after = await ctx.services.database.db
        .selectFrom('inbound_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });
  });
}
