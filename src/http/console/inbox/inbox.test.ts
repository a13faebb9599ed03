import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs, type StaffClient } from '../../../../test/helpers/console.ts';
import { PDF_BYTES, PNG_BYTES, emailTo } from '../../../../test/helpers/inbox.ts';
import { addCenter } from '../../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';

/** A few bytes file-type takes for MP3 (an MPEG audio frame header). */
const MP3_BYTES = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(600)]);

for (const engine of testEngines()) {
  describe(`console inbox (${engine})`, () => {
    let ctx: TestContext;
    let centerId: number;
    let volunteer: StaffClient;
    let colleague: StaffClient;
    let centerAdmin: StaffClient;
    let outsider: StaffClient;

    const receive = async (overrides: Parameters<typeof emailTo>[1] = {}) => {
      const received = await ctx.services.inbox.receive(emailTo(centerId, overrides));
      assert.ok(received.ok);
      return received.value.id;
    };
    const mails = async () => {
      const dir = join(ctx.dir, 'mail');
      let files: string[] = [];
      try {
        files = readdirSync(dir).sort();
      } catch {
        return [];
      }
      return Promise.all(files.map((file) => simpleParser(readFileSync(join(dir, file)))));
    };
    const statusOf = async (id: number) =>
      (await ctx.services.database.db.selectFrom('inbound_items').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    before(async () => {
      ctx = await createTestContext(engine);
      centerId = await addCenter(ctx, '纽约中心');
      volunteer = await signInAs(ctx, 'volunteer', { centerId });
      colleague = await signInAs(ctx, 'volunteer', { centerId });
      centerAdmin = await signInAs(ctx, 'center_admin', { centerId });
      outsider = await signInAs(ctx, 'volunteer', { centerId: await addCenter(ctx, '多伦多中心') });
    });
    after(() => ctx.close());

    test('the list shows the center’s items with the sender masked; the item page shows it, audited, and the attachments safely', async () => {
      const id = await receive({
        attachments: [
          { name: 'fax.pdf', bytes: PDF_BYTES },
          { name: 'photo.png', bytes: PNG_BYTES },
          { name: 'voicemail.mp3', bytes: MP3_BYTES },
        ],
      });
      const list = await (await volunteer.get('/console/inbox')).text();
      assert.match(list, new RegExp(`href="/console/inbox/item/${id}"`));
      assert.match(list, /Z\*\*\*@Example\.org/);
      assert.doesNotMatch(list, /Zhang\.San/);
      assert.doesNotMatch(await (await outsider.get('/console/inbox')).text(), new RegExp(`/console/inbox/item/${id}"`));

      const page = await volunteer.get(`/console/inbox/item/${id}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Zhang\.San@Example\.org/);
      assert.match(html, /张三 退党/);
      assert.match(html, new RegExp(`<iframe src="/console/inbox/item/${id}/attachment/1" title="fax.pdf"></iframe>`));
      assert.match(html, new RegExp(`<img src="/console/inbox/item/${id}/attachment/2" alt="photo.png"`));
      assert.match(html, new RegExp(`<audio controls="" preload="none" src="/console/inbox/item/${id}/attachment/3"`));
      assert.match(html, new RegExp(`href="/console/batch\\?from=inbox:${id}&amp;channel=email"`));
      assert.doesNotMatch(html, /action="[^"]*\/assign"/, 'a volunteer does not assign');
      const viewed = await ctx.services.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'inbox.item.viewed')
        .where('target_id', '=', String(id))
        .execute();
      assert.equal(viewed.length, 1);

      const pdf = await volunteer.get(`/console/inbox/item/${id}/attachment/1`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
      assert.match(pdf.headers.get('content-security-policy') ?? '', /^sandbox; default-src 'none'/);
      assert.match(pdf.headers.get('content-disposition') ?? '', /^inline/);
      assert.deepEqual(new Uint8Array(await pdf.arrayBuffer()), PDF_BYTES);
      assert.equal((await volunteer.get(`/console/inbox/item/${id}/attachment/3`)).headers.get('content-type'), 'audio/mpeg');
      // Fetched straight by its address, without the item's page: still audited, with who and which.
      const opened = await ctx.services.database.db
        .selectFrom('audit_log')
        .select(['actor_id', 'details'])
        .where('action', '=', 'inbox.attachment.viewed')
        .where('target_id', '=', String(id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        opened.map((row) => [row.actor_id, JSON.parse(row.details).position]),
        [
          [volunteer.staffId, 1],
          [volunteer.staffId, 3],
        ],
      );

      assert.equal((await outsider.get(`/console/inbox/item/${id}`)).status, 404);
      assert.equal((await outsider.get(`/console/inbox/item/${id}/attachment/1`)).status, 404);
      for (const path of [
        `/console/inbox/item/${id}/attachment/9`,
        `/console/inbox/item/${id}/attachment/x`,
        '/console/inbox/item/0',
        '/console/inbox/item/99999999999',
      ]) {
        assert.equal((await volunteer.get(path)).status, 404, path);
      }
    });

    test('a global admin searches text within a center they choose, and is told to choose one', async () => {
      const admin = await signInAs(ctx, 'admin');
      await receive({ body: '只有这里有的字样' });
      const unchosen = await admin.get(`/console/inbox?q=${encodeURIComponent('只有这里')}`);
      assert.equal(unchosen.status, 422);
      assert.match(await unchosen.text(), /请先选择一个服务中心/);
      const chosen = await (await admin.get(`/console/inbox?center=${centerId}&q=${encodeURIComponent('只有这里')}`)).text();
      assert.match(chosen, /只有这里有的字样/);
    });

    test('taking is first come: the second gets the localized “moved” message and nothing changes', async () => {
      const id = await receive();
      const taken = await volunteer.post(`/console/inbox/item/${id}/take`);
      assert.equal(taken.status, 303);
      assert.equal(taken.headers.get('location'), `/console/inbox/item/${id}?done=taken`);
      const late = await colleague.post(`/console/inbox/item/${id}/take`);
      assert.equal(late.status, 409);
      assert.match(await late.text(), /这一项已经被别人处理过了/);
      const row = await ctx.services.database.db.selectFrom('inbound_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.assignee_id, volunteer.staffId);
      const mine = await (await volunteer.get('/console/inbox?view=mine')).text();
      assert.match(mine, new RegExp(`/console/inbox/item/${id}"`));
      const unassigned = await (await volunteer.get('/console/inbox?view=unassigned')).text();
      assert.doesNotMatch(unassigned, new RegExp(`/console/inbox/item/${id}"`));
    });

    test('a center admin assigns; the assignee is mailed a link; a volunteer may not', async () => {
      const id = await receive();
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/assign`, { member: String(colleague.staffId) })).status, 403);
      assert.equal((await centerAdmin.post(`/console/inbox/item/${id}/assign`, { member: String(outsider.staffId) })).status, 422);
      assert.equal((await centerAdmin.post(`/console/inbox/item/${id}/assign`, { member: 'nobody' })).status, 422);
      const assigned = await centerAdmin.post(`/console/inbox/item/${id}/assign`, { member: String(colleague.staffId) });
      assert.equal(assigned.status, 303);
      const notice = (await mails()).find((mail) => mail.text?.includes(`/console/inbox/item/${id}`));
      assert.ok(notice);
      assert.equal(notice.to && !Array.isArray(notice.to) ? notice.to.text : '', colleague.email);
      assert.doesNotMatch(notice.text ?? '', /Zhang|张三/);
    });

    test('snooze, wake and discard take their input from the form, refusing bad input with a localized 422', async () => {
      const id = await receive();
      const bad = await volunteer.post(`/console/inbox/item/${id}/snooze`, { until: 'next week' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /请按 年-月-日 时:分 填写一个晚于现在的时间/);
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/snooze`, { until: '2099-01-01T09:00' })).status, 303);
      assert.equal(await statusOf(id), 'snoozed');
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/wake`)).status, 303);
      assert.equal(await statusOf(id), 'new');
      // Discarding is final: the form preselects no reason, so the button alone does nothing.
      const form =
        /<form method="post" action="\/console\/inbox\/item\/\d+\/discard".*?<\/form>/s.exec(
          await (await volunteer.get(`/console/inbox/item/${id}`)).text(),
        )?.[0] ?? '';
      assert.match(form, /<select name="reason" required=""><option value="" selected="">请选择原因<\/option>/);
      assert.match(form, /作废后不能恢复/);
      const noReason = await volunteer.post(`/console/inbox/item/${id}/discard`, { reason: '' });
      assert.equal(noReason.status, 422);
      assert.equal(await statusOf(id), 'new');
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/discard`, { reason: 'spam' })).status, 303);
      assert.equal(await statusOf(id), 'discarded');
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/discard`, { reason: 'spam' })).status, 409);
      assert.equal((await volunteer.post('/console/inbox/item/abc/discard', { reason: 'spam' })).status, 404);
    });

    test('a reply is mailed to the sender and not stored', async () => {
      const id = await receive({ sender: 'reply-me@example.org', subject: '问询' });
      const sent = await volunteer.post(`/console/inbox/item/${id}/reply`, { body: '您好，我们已收到。' });
      assert.equal(sent.status, 303);
      const reply = (await mails()).find((mail) => mail.subject === 'Re: 问询');
      assert.ok(reply);
      assert.match(reply.text ?? '', /我们已收到/);
      const entries = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'inbox.item.replied')
        .execute();
      assert.ok(entries.every((entry) => !entry.details.includes('已收到')));
      assert.equal((await volunteer.post(`/console/inbox/item/${id}/reply`, { body: '' })).status, 422);
    });

    test('a reply or call note with bytes that were not UTF-8, controls or direction overrides is refused, localized, and nothing is sent or filed', async () => {
      const id = await receive({ sender: 'hostile@example.org', subject: '乱码' });
      const count = async (table: 'inbound_items' | 'audit_log') =>
        Number(
          (
            await ctx.services.database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const mailsBefore = (await mails()).length;
      const itemsBefore = await count('inbound_items');
      const auditBefore = await count('audit_log');
      for (const [text, message] of [
        ['您好\uFFFD\uFFFD', /无法识别的字符/],
        ['您好\u0000', /控制字符/],
        ['您好\u202Eevil', /改变文字方向/],
      ] as const) {
        const reply = await volunteer.post(`/console/inbox/item/${id}/reply`, { body: text });
        assert.equal(reply.status, 422);
        assert.match(await reply.text(), message);
        const call = await volunteer.post('/console/inbox/calls', { phone: '', note: text, outcome: 'answered' });
        assert.equal(call.status, 422);
        assert.match(await call.text(), message);
      }
      assert.equal((await mails()).length, mailsBefore, 'no reply was mailed');
      assert.equal(await count('inbound_items'), itemsBefore, 'no call was filed');
      assert.equal(await count('audit_log'), auditBefore + 3, 'only the three re-rendered item pages were audited as views');
    });

    test('logging a call makes an item in progress, the volunteer’s, in the same list', async () => {
      assert.equal((await volunteer.get('/console/inbox/calls')).status, 200);
      const bad = await volunteer.post('/console/inbox/calls', { phone: 'abc', note: '来电', outcome: 'answered' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /电话号码无效/);
      const logged = await volunteer.post('/console/inbox/calls', { phone: '13912345678', note: '要三退', outcome: 'declared' });
      assert.equal(logged.status, 303);
      const location = logged.headers.get('location') ?? '';
      assert.match(location, /^\/console\/inbox\/item\/\d+\?done=logged$/);
      const page = await (await volunteer.get(location)).text();
      assert.match(page, /来电已记录/);
      assert.match(page, /\+8613912345678/);
      assert.match(page, /处理中/);
    });

    test('convert opens batch entry prefilled from the item; committing the batch converts it', async () => {
      const id = await receive({ body: '安宁 退党\n明德，退团' });
      const form = await volunteer.get(`/console/batch?from=inbox:${id}`);
      assert.equal(form.status, 200);
      const html = await form.text();
      assert.match(html, new RegExp(`name="inboxItem" value="${id}"`));
      assert.match(html, /name="name_1" value="安宁"/);
      assert.match(html, /name="name_2" value="明德"/);
      assert.match(html, /id="inbox-text"/);
      assert.equal((await outsider.get(`/console/batch?from=inbox:${id}`)).status, 404);

      const entered = await volunteer.post('/console/batch', {
        count: '2',
        name_1: '安宁',
        orgs_1: 'party',
        headcount_1: '1',
        name_2: '明德',
        orgs_2: 'league',
        headcount_2: '1',
        channel: 'email',
        conversationDate: '2026-12-01',
        consent: 'confirmed',
        inboxItem: String(id),
        acknowledgeDuplicates: 'yes',
        action: 'submit',
      });
      assert.equal(entered.status, 200);
      assert.equal(await statusOf(id), 'converted');
      const page = await (await volunteer.get(`/console/inbox/item/${id}`)).text();
      assert.match(page, /2 份声明/);
      // The item lists them, so the volunteer can tell the caller their numbers: number, names, status.
      const numbers = await ctx.services.database.db
        .selectFrom('inbound_item_declarations as l')
        .innerJoin('declarations as d', 'd.id', 'l.declaration_id')
        .select('d.registration_number')
        .where('l.item_id', '=', id)
        .orderBy('d.id')
        .execute();
      const listed = /<ul class="declarations">(.*?)<\/ul>/s.exec(page)?.[1] ?? '';
      const rows = [...listed.matchAll(/<li>(.*?)<\/li>/gs)].map((match) => match[1]!.replace(/[ \n]+/g, ' '));
      assert.deepEqual(
        rows,
        numbers.map(
          (row, index) =>
            `${formatRegistrationNumber(row.registration_number).replaceAll(' ', '\u00a0')} · ${['安宁', '明德'][index]} · 等待审核`,
        ),
      );
      const again = await (await volunteer.get(`/console/batch?from=inbox:${id}`)).text();
      assert.match(again, /不能用来录入声明/);
    });
  });
}
