import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { PNG_BYTES, emailTo, inboxWithClock, itemAudit } from '../../../test/helpers/inbox.ts';
import { addCenter, staffActor } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`inbox: working an item (${engine})`, () => {
    let ctx: TestContext;
    let inbox: ReturnType<typeof inboxWithClock>;
    let centerId: number;
    let otherCenter: number;
    let volunteer: Actor;
    let colleague: Actor;
    let centerAdmin: Actor;
    let outsider: Actor;

    const receive = async (overrides: Parameters<typeof emailTo>[1] = {}) => {
      const received = await inbox.service.receive(emailTo(centerId, { receivedAt: inbox.now(), ...overrides }));
      assert.ok(received.ok);
      return received.value.id;
    };
    const status = async (id: number) =>
      (await ctx.services.database.db.selectFrom('inbound_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).status;

    before(async () => {
      ctx = await createTestContext(engine);
      inbox = inboxWithClock(ctx);
      centerId = await addCenter(ctx, '纽约中心');
      otherCenter = await addCenter(ctx, '多伦多中心');
      volunteer = await staffActor(ctx, 'volunteer', centerId);
      colleague = await staffActor(ctx, 'volunteer', centerId);
      centerAdmin = await staffActor(ctx, 'center_admin', centerId);
      outsider = await staffActor(ctx, 'volunteer', otherCenter);
    });
    after(() => ctx.close());

    test('taking is a conditional move: the second to take it, or anyone after a discard, changes nothing', async () => {
      const id = await receive();
      assert.ok((await inbox.service.take(volunteer, id)).ok);
      assert.deepEqual(await inbox.service.take(colleague, id), { ok: false, error: 'inbox.error.moved' });
      const mine = await inbox.service.list(volunteer, { view: 'mine', status: 'open', centerId: null, beforeId: null });
      assert.ok(mine.ok && mine.value.items.some((item) => item.id === id && item.status === 'in_progress'));
      assert.deepEqual(await inbox.service.discard(volunteer, id, 'eaten'), { ok: false, error: 'inbox.error.reason' });
      assert.ok((await inbox.service.discard(colleague, id, 'spam')).ok);
      assert.deepEqual(await inbox.service.take(volunteer, id), { ok: false, error: 'inbox.error.moved' });
      assert.deepEqual(await inbox.service.discard(volunteer, id, 'spam'), { ok: false, error: 'inbox.error.moved' });
      assert.equal(await status(id), 'discarded');
      assert.deepEqual(
        (await itemAudit(ctx, id)).map((entry) => entry.action),
        ['inbox.item.received', 'inbox.item.taken', 'inbox.item.discarded'],
      );
    });

    test('another center sees none of it', async () => {
      const id = await receive();
      assert.deepEqual(await inbox.service.view(outsider, id), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await inbox.service.take(outsider, id), { ok: false, error: 'request.notFound' });
      const listed = await inbox.service.list(outsider, { view: 'all', status: 'open', centerId, beforeId: null });
      assert.ok(listed.ok && listed.value.items.length === 0);
    });

    test('only a center admin assigns, to a member of the item’s center, who is told by mail without the sender', async () => {
      const id = await receive();
      assert.deepEqual(await inbox.service.assign(volunteer, id, colleague.id), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await inbox.service.assign(centerAdmin, id, outsider.id), { ok: false, error: 'inbox.error.assignee' });
      assert.ok((await inbox.service.assign(centerAdmin, id, colleague.id)).ok);
      const row = await ctx.services.database.db.selectFrom('inbound_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.assignee_id], ['in_progress', colleague.id]);
      const mail = inbox.sent.at(-1)!;
      assert.equal(mail.to, colleague.email);
      assert.match(mail.text, new RegExp(`/console/inbox/item/${id}`));
      assert.doesNotMatch(mail.text, /Zhang|example\.org\b.*Zhang|张三/);
      // Reassigning an item in progress is allowed; the audit names the assignee by id.
      assert.ok((await inbox.service.assign(centerAdmin, id, volunteer.id)).ok);
      assert.match((await itemAudit(ctx, id)).at(-1)!.details, new RegExp(`"assignee":${volunteer.id}`));
    });

    test('a snoozed item lists with the new ones once its time has passed, and wakes when opened', async () => {
      const id = await receive();
      assert.deepEqual(await inbox.service.snooze(volunteer, id, '2026-12-07 09:59'), { ok: false, error: 'inbox.error.time' });
      assert.deepEqual(await inbox.service.snooze(volunteer, id, 'tomorrow'), { ok: false, error: 'inbox.error.time' });
      // 02:00 UTC is 10:00 in Shanghai: two hours on.
      assert.ok((await inbox.service.snooze(volunteer, id, '2026-12-07T12:00')).ok);
      const listed = async (state: 'new' | 'snoozed') => {
        const list = await inbox.service.list(volunteer, { view: 'all', status: state, centerId: null, beforeId: null });
        assert.ok(list.ok);
        return list.value.items.some((item) => item.id === id);
      };
      assert.deepEqual([await listed('new'), await listed('snoozed')], [false, true]);
      inbox.advanceHours(2);
      assert.deepEqual([await listed('new'), await listed('snoozed')], [true, false]);
      assert.equal(await status(id), 'snoozed');
      const opened = await inbox.service.view(volunteer, id);
      assert.ok(opened.ok && opened.value.status === 'new');
      assert.equal(await status(id), 'new');
      assert.deepEqual(
        (await itemAudit(ctx, id)).map((entry) => entry.action),
        ['inbox.item.received', 'inbox.item.snoozed', 'inbox.item.woken', 'inbox.item.viewed'],
      );
    });

    test('opening an item shows the sender and audits the reveal; search finds a sender by HMAC and text in memory', async () => {
      const id = await receive({ sender: 'Li.Si@Example.org', body: '王五 退队\n请帮忙' });
      const opened = await inbox.service.view(volunteer, id);
      assert.ok(opened.ok);
      assert.equal(opened.value.sender, 'Li.Si@Example.org');
      assert.equal(opened.value.canReply, true);
      const viewed = (await itemAudit(ctx, id)).at(-1)!;
      assert.equal(viewed.action, 'inbox.item.viewed');
      assert.doesNotMatch(viewed.details, /Li\.Si/i);

      const bySender = await inbox.service.search(volunteer, '  li.si@example.ORG ', null);
      assert.ok(bySender.ok && bySender.value.map((item) => item.id).includes(id));
      assert.ok(bySender.value.every((item) => item.maskedSender === 'L***@Example.org'));
      const byText = await inbox.service.search(volunteer, '王五', null);
      assert.ok(byText.ok && byText.value.map((item) => item.id).includes(id));
      const elsewhere = await inbox.service.search(outsider, '王五', null);
      assert.ok(elsewhere.ok && elsewhere.value.length === 0);
      assert.deepEqual(await inbox.service.search(volunteer, 'x', null), { ok: false, error: 'inbox.error.search' });
    });

    test('a reply goes from the registry’s address to the sender, and only its length is kept', async () => {
      const id = await receive({ subject: '求助', sender: 'wang@example.org' });
      assert.deepEqual(await inbox.service.reply(volunteer, id, '   '), { ok: false, error: 'inbox.error.replyEmpty' });
      assert.ok((await inbox.service.reply(volunteer, id, '收到，谢谢。')).ok);
      const mail = inbox.sent.at(-1)!;
      assert.deepEqual(
        [mail.to, mail.from, mail.subject, mail.text],
        ['wang@example.org', 'registry@example.org', 'Re: 求助', '收到，谢谢。'],
      );
      const entry = (await itemAudit(ctx, id)).at(-1)!;
      assert.equal(entry.action, 'inbox.item.replied');
      assert.deepEqual(JSON.parse(entry.details), { chars: 6 });
      const call = await inbox.service.logCall(volunteer, { centerId: null, phone: '', note: '来电', outcome: 'answered' });
      assert.ok(call.ok);
      assert.deepEqual(await inbox.service.reply(volunteer, call.value.id, '你好'), { ok: false, error: 'inbox.error.noReplyAddress' });
    });

    test('a mail server that is down fails a reply with a localized error, and leaves an assignment made', async () => {
      const id = await receive({ sender: 'down@example.org' });
      inbox.setMailDown(true);
      try {
        assert.deepEqual(await inbox.service.reply(volunteer, id, '你好'), { ok: false, error: 'inbox.error.mailFailed' });
        assert.ok((await inbox.service.assign(centerAdmin, id, colleague.id)).ok);
        assert.equal(await status(id), 'in_progress');
      } finally {
        inbox.setMailDown(false);
      }
      assert.ok(!(await itemAudit(ctx, id)).some((entry) => entry.action === 'inbox.item.replied'));
    });

    test('an attachment whose file is gone is not found, not a failure', async () => {
      const id = await receive({ attachments: [{ name: null, bytes: PNG_BYTES }] });
      const [row] = await ctx.services.database.db.selectFrom('inbound_attachments').selectAll().where('item_id', '=', id).execute();
      rmSync(join(ctx.dir, 'inbox', String(centerId), row!.storage_key));
      assert.deepEqual(await inbox.service.attachment(volunteer, id, 1), { ok: false, error: 'request.notFound' });
    });

    test('a logged call is the volunteer’s, in progress, its number sealed and found by HMAC', async () => {
      assert.deepEqual(await inbox.service.logCall(volunteer, { centerId: null, phone: '12', note: '', outcome: 'answered' }), {
        ok: false,
        error: 'inbox.error.phone',
      });
      assert.deepEqual(await inbox.service.logCall(volunteer, { centerId: null, phone: '', note: '', outcome: 'maybe' }), {
        ok: false,
        error: 'inbox.error.outcome',
      });
      const logged = await inbox.service.logCall(volunteer, {
        centerId: otherCenter,
        phone: '13812345678',
        note: '要三退，回拨',
        outcome: 'callback',
      });
      assert.ok(logged.ok);
      const row = await ctx.services.database.db
        .selectFrom('inbound_items')
        .selectAll()
        .where('id', '=', logged.value.id)
        .executeTakeFirstOrThrow();
      // A volunteer logs for their own center, whatever the form says.
      assert.deepEqual(
        [row.center_id, row.channel, row.status, row.assignee_id, row.created_by, row.call_outcome],
        [centerId, 'call', 'in_progress', volunteer.id, volunteer.id, 'callback'],
      );
      assert.doesNotMatch(row.sender_sealed ?? '', /138/);
      const found = await inbox.service.search(volunteer, '+86 138 1234 5678', null);
      assert.ok(found.ok && found.value.map((item) => item.id).includes(logged.value.id));
      assert.equal((await itemAudit(ctx, logged.value.id))[0]!.action, 'inbox.call.logged');
    });
  });
}
