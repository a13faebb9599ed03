import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ensureCenter, signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { errorMessage } from '../../src/i18n/index.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CAMPAIGN = {
  name: '腊月外呼',
  startsOn: '2026-12-01',
  endsOn: '2027-01-31',
  callingFrom: '09:00',
  callingUntil: '20:30',
  timeZone: 'Asia/Shanghai',
  retentionDays: '90',
  leaseSize: '2',
  leaseHours: '24',
};

function upload(ctx: TestContext, client: StaffClient, path: string, file: Uint8Array | string | null) {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  if (file !== null) form.set('csv', new Blob([file], { type: 'text/csv' }), 'list.csv');
  return ctx.app.request(path, { method: 'POST', headers: { cookie: `tuidang_staff=${client.cookie}` }, body: form });
}

for (const engine of testEngines()) {
  describe(`console phone banks (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;
    let volunteer: StaffClient;
    let outsider: StaffClient;
    let campaign: string;

    before(async () => {
      ctx = await createTestContext(engine);
      admin = await signInAs(ctx, 'center_admin');
      volunteer = await signInAs(ctx, 'volunteer');
      outsider = await signInAs(ctx, 'volunteer', { centerId: await addCenter(ctx, '纽约中心') });
    });
    after(() => ctx.close());

    const contacts = async () =>
      (await ctx.services.database.db.selectFrom('outreach_contacts').select('status').execute()).map((row) => row.status);

    test('a center admin creates a campaign; bad settings come back with localized errors', async () => {
      const bad = await admin.post('/console/campaigns', { ...CAMPAIGN, endsOn: '2026-11-01', callingFrom: '25:00', centerId: '' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /结束日期不能早于开始日期/);
      assert.match(html, /请按 时:分 填写拨打时段/);
      const created = await admin.post('/console/campaigns', {
        ...CAMPAIGN,
        name: '<b>腊月</b>外呼',
        centerId: String(await ensureCenter(ctx)),
      });
      assert.equal(created.status, 303);
      campaign = created.headers.get('location')!.split('?')[0]!;
      assert.match(campaign, /^\/console\/campaign\/\d+$/);
      const page = await (await admin.get(`${campaign}?notice=saved&count=0`)).text();
      assert.match(page, /&lt;b&gt;腊月&lt;\/b&gt;外呼/);
      assert.match(page, /已保存/);
    });

    test('an upload is previewed with errors per line, then confirmed', async () => {
      const file =
        '电话,姓名,备注\n13800138000,<script>alert(1)</script>,\n12345,坏号码,\n13800138000,重复,\n+86 139 0000 0002,李四,"第二行\n备注"\n13900000003,王五,\n';
      const staged = await upload(ctx, admin, `${campaign}/import`, file);
      assert.equal(staged.status, 303);
      const preview = staged.headers.get('location')!;
      const html = await (await admin.get(preview)).text();
      assert.match(html, /data-count="accepted">3</);
      assert.match(html, /data-count="duplicates">1</);
      assert.match(html, /data-line="3"><td>3<\/td><td>电话号码无效/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.ok(!html.includes('13800138000'), 'the preview masks numbers');
      assert.deepEqual(await contacts(), ['staged', 'staged', 'staged']);
      const confirmed = await admin.post(`${preview}/confirm`);
      assert.equal(confirmed.status, 303);
      assert.match(confirmed.headers.get('location')!, /notice=committed&count=3/);
      assert.deepEqual(await contacts(), ['open', 'open', 'open']);
      assert.equal((await admin.post(`${preview}/confirm`)).status, 409, 'a second confirmation changes nothing');
    });

    test('a bad file is refused with a localized error and keeps nothing', async () => {
      const before = await contacts();
      const gbk = Buffer.concat([Buffer.from('电话,姓名\n13900000010,'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('\n')]);
      const cases: [Uint8Array | string | null, RegExp][] = [
        [gbk, /文件不是 UTF-8 编码/],
        ['name\n张三\n', /找不到电话列/],
        ['phone\n"13900000011\n', /引号不成对/],
        [null, /请选择要上传的 CSV 文件/],
      ];
      for (const [file, message] of cases) {
        const response = await upload(ctx, admin, `${campaign}/import`, file);
        assert.equal(response.status, 422);
        assert.match(await response.text(), message);
      }
      const huge = await upload(ctx, admin, `${campaign}/import`, `phone\n${'13900000012\n'.repeat(100_000)}`);
      assert.equal(huge.status, 413);
      assert.deepEqual(await contacts(), before);
      assert.equal((await upload(ctx, volunteer, `${campaign}/import`, 'phone\n13900000013\n')).status, 403);
    });

    test('a volunteer takes and gives back a lease; another center sees nothing', async () => {
      const list = await (await volunteer.get('/console/campaigns')).text();
      assert.match(list, new RegExp(`href="${campaign}"`));
      const taken = await volunteer.post(`${campaign}/lease`);
      assert.equal(taken.status, 303);
      assert.match(taken.headers.get('location')!, /notice=taken&count=2/);
      const page = await (await volunteer.get(taken.headers.get('location')!)).text();
      assert.match(page, /领取了 2 个号码/);
      assert.equal([...page.matchAll(/data-contact-id=/g)].length, 2);
      assert.match(page, /\+86 139\*+0002|\+86 138\*+8000/);
      assert.ok(!page.includes('import-form'), 'volunteers do not import');
      const released = await volunteer.post(`${campaign}/release`);
      assert.match(released.headers.get('location')!, /notice=released&count=2/);

      assert.equal((await outsider.get(campaign)).status, 404);
      assert.equal((await outsider.post(`${campaign}/lease`)).status, 404);
      assert.doesNotMatch(await (await outsider.get('/console/campaigns')).text(), /data-campaign-id/);
    });

    test('a center admin assigns numbers to a member and takes them back', async () => {
      const assigned = await admin.post(`${campaign}/assign`, { member: String(volunteer.staffId), count: '1' });
      assert.equal(assigned.status, 303);
      assert.match(assigned.headers.get('location')!, /notice=assigned&count=1/);
      const refused = await admin.post(`${campaign}/assign`, { member: String(outsider.staffId), count: '1' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /只能分配给本中心在职的义工或中心管理员/);
      const revoked = await admin.post(`${campaign}/revoke`, { member: String(volunteer.staffId) });
      assert.match(revoked.headers.get('location')!, /notice=revoked&count=1/);
    });

    test('the calling screen reveals a number only on request, audited, and wants an outcome before the next', async () => {
      assert.ok((await volunteer.post(`${campaign}/lease`)).status === 303);
      const screen = await (await volunteer.get(`${campaign}/call`)).text();
      const contact = /data-contact-id="(\d+)"/.exec(screen)![1]!;
      assert.doesNotMatch(screen, /href="tel:/);
      assert.match(screen, /\+86 1\d\d\*+\d{4}/);
      const revealed = await volunteer.post(`${campaign}/call/${contact}/reveal`);
      assert.equal(revealed.status, 200);
      assert.match(await revealed.text(), /<a href="tel:\+861\d{10}">\+861\d{10}<\/a>/);
      const audited = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'outreach.number.revealed')
        .execute();
      assert.equal(audited.length, 1);
      assert.equal((await outsider.post(`${campaign}/call/${contact}/reveal`)).status, 404);

      const missing = await volunteer.post(`${campaign}/call/${contact}`, {});
      assert.equal(missing.status, 422);
      assert.match(await missing.text(), /请先选择这通电话的结果/);
      const early = await volunteer.post(`${campaign}/call/${contact}?lang=en`, {
        outcome: 'callbackRequested',
        callbackAt: '2001-01-01T10:00',
      });
      assert.equal(early.status, 422);
      assert.match(await early.text(), /later than now/);
      const recorded = await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'noAnswer' });
      assert.equal(recorded.status, 303);
      const next = await (await volunteer.get(recorded.headers.get('location')!)).text();
      assert.match(next, /结果已记录/);
      assert.doesNotMatch(next, new RegExp(`data-contact-id="${contact}"`));
      assert.equal((await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'refused' })).status, 409, 'an outcome once');
      assert.ok((await volunteer.post(`${campaign}/release`)).status === 303);
    });

    test('a requested callback waits in the queue until its caller takes it back', async () => {
      assert.equal((await volunteer.post(`${campaign}/lease`)).status, 303);
      const screen = await (await volunteer.get(`${campaign}/call`)).text();
      const contact = /data-contact-id="(\d+)"/.exec(screen)![1]!;
      const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
      const recorded = await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'callbackRequested', callbackAt: tomorrow });
      assert.equal(recorded.status, 303);
      const queue = await (await volunteer.get('/console/callbacks')).text();
      assert.match(queue, new RegExp(`<table id="mine">.*data-contact-id="${contact}" data-state="upcoming".*未到时间`, 's'));
      assert.doesNotMatch(
        await (await admin.get('/console/callbacks')).text(),
        new RegExp(`data-contact-id="${contact}"`),
        'another member’s callback',
      );
      assert.equal((await outsider.post(`/console/callbacks/${contact}/take`)).status, 404);
      const taken = await volunteer.post(`/console/callbacks/${contact}/take`);
      assert.equal(taken.status, 303);
      assert.equal(taken.headers.get('location'), `${campaign}/call`);
      assert.match(await (await volunteer.get(`${campaign}/call`)).text(), new RegExp(`data-contact-id="${contact}"`));
      assert.equal((await volunteer.post(`${campaign}/release`)).status, 303);
    });

    test('a center admin writes the script as text; a bad line is named and nothing is saved', async () => {
      const bad = await admin.post(`${campaign}/script`, { script: '开场白\n- yes: 是' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /第 2 行无法识别/);
      assert.match(html, /- yes: 是<\/textarea>/, 'the text comes back to be fixed');
      const saved = await admin.post(`${campaign}/script`, {
        script: '您好，<b>我是</b>……\n? heard: 您听说过三退吗？\n- yes: 听说过\n- no: 没有',
      });
      assert.equal(saved.status, 303);
      assert.match(saved.headers.get('location')!, /notice=scriptSaved&count=1/);
      assert.equal((await volunteer.post(`${campaign}/script`, { script: 'x' })).status, 403);

      assert.equal((await volunteer.post(`${campaign}/lease`)).status, 303);
      const screen = await (await volunteer.get(`${campaign}/call`)).text();
      assert.match(screen, /您好，&lt;b&gt;我是&lt;\/b&gt;/);
      assert.match(screen, /name="answer.heard" value="yes"/);
      const contact = /data-contact-id="(\d+)"/.exec(screen)![1]!;
      const refused = await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'refused', 'answer.heard': 'maybe' });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /脚本的回答与当前脚本不符/);
      assert.equal((await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'refused', 'answer.heard': 'no' })).status, 303);
      const attempt = await ctx.services.database.db
        .selectFrom('outreach_attempts')
        .select(['answers', 'script_version'])
        .where('outcome', '=', 'refused')
        .executeTakeFirstOrThrow();
      assert.deepEqual([JSON.parse(attempt.answers), attempt.script_version], [{ heard: 'no' }, 1]);
      assert.equal((await volunteer.post(`${campaign}/release`)).status, 303);
    });

    test('the campaign page shows its figures to those who run it, not to callers', async () => {
      const page = await (await admin.get(campaign)).text();
      // So far: one unanswered call, one callback requested, one refusal.
      assert.match(page, /data-figure="attempts">3</);
      assert.match(page, /data-figure="reached">2</);
      assert.match(page, /data-figure="declared">0</);
      assert.match(page, /data-outcome="noAnswer"><td>无人接听<\/td><td>1</);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      assert.match(page, /<summary>每天的次数<\/summary>/);
      assert.match(page, new RegExp(`<th scope="row">${today}</th><td>3</td>`));
      assert.match(page, /<svg/);
      assert.doesNotMatch(await (await volunteer.get(campaign)).text(), /id="figures"/);
    });

    test('"declared" opens batch entry prefilled for the call, and what is entered there stays linked to the call', async () => {
      const staged = await upload(ctx, admin, `${campaign}/import`, 'phone,name\n13900000021,张真名\n');
      assert.equal((await admin.post(`${staged.headers.get('location')!}/confirm`)).status, 303);
      assert.equal((await volunteer.post(`${campaign}/lease`)).status, 303);
      const screen = await (await volunteer.get(`${campaign}/call`)).text();
      const contact = /data-contact-id="(\d+)"/.exec(screen)![1]!;
      assert.match(screen, /<fieldset id="declared">/);
      // The contact's real name is nowhere among the declared fields: the alias is typed, never copied.
      assert.doesNotMatch(/<fieldset id="declared">[\s\S]*?<\/fieldset>\s*<button/.exec(screen)![0], /张真名/);
      const attempts = async () => (await ctx.services.database.db.selectFrom('outreach_attempts').select('id').execute()).length;
      const recordedBefore = await attempts();

      const unconsented = await volunteer.post(`${campaign}/call/${contact}`, { outcome: 'declared', 'declared.alias': '安宁' });
      assert.equal(unconsented.status, 422);
      const refusal = await unconsented.text();
      assert.match(refusal, new RegExp(`请至少选择一个组织。 ${errorMessage('zh-hans', 'consent.notConfirmed')}`));
      assert.match(refusal, /id="declared-alias" name="declared.alias" value="安宁"/, 'the input comes back');
      const badAlias = await volunteer.post(`${campaign}/call/${contact}`, {
        outcome: 'declared',
        'declared.alias': 'x',
        'declared.orgs': 'party',
        'declared.consent': 'confirmed',
      });
      assert.equal(badAlias.status, 422);
      assert.match(await badAlias.text(), new RegExp(escapeRegExp(errorMessage('zh-hans', 'names.latinTooShort', { name: 'x' }))));
      assert.equal(await attempts(), recordedBefore, 'a refused "declared" records nothing');
      assert.match(await (await volunteer.get(`${campaign}/call`)).text(), new RegExp(`data-contact-id="${contact}"`), 'still held');

      const declared = await volunteer.post(`${campaign}/call/${contact}`, {
        outcome: 'declared',
        'declared.alias': '安宁',
        'declared.orgs': ['party', 'league'],
        'declared.behalf': 'family',
        'declared.consent': 'confirmed',
      });
      assert.equal(declared.status, 303);
      const location = declared.headers.get('location')!;
      const call = /^\/console\/batch\?channel=phone&call=(\d+)&/.exec(location)?.[1];
      assert.ok(call, location);
      assert.doesNotMatch(location, /13900000021|%E5%BC%A0/, 'nothing identifying in the link');
      const form = await (await volunteer.get(location)).text();
      assert.match(form, new RegExp(`name="call" value="${call}"`));
      assert.match(form, /id="name_1" name="name_1" value="安宁"/);
      assert.match(form, /id="orgs_1_party" name="orgs_1" value="party" checked/);
      assert.match(form, /id="orgs_1_league" name="orgs_1" value="league" checked/);
      assert.match(form, /<option value="family" selected/);
      assert.match(form, /id="consent"[^>]*checked/);
      assert.match(form, /<option value="phone" selected/);
      assert.match(form, /<dl class="facts" id="call-center"><dt>服务中心<\/dt><dd>纽约退党服务中心<\/dd><\/dl>/);
      const batch = {
        count: '1',
        name_1: '安宁',
        orgs_1: ['party', 'league'],
        behalf_1: 'family',
        headcount_1: '1',
        region_1: '河北',
        channel: 'phone',
        conversationDate: new Date().toISOString().slice(0, 10),
        consent: 'confirmed',
        action: 'submit',
        call,
      };
      const declarations = async () => (await ctx.services.database.db.selectFrom('declarations').select('id').execute()).length;
      const before = await declarations();
      const stranger = await admin.post('/console/batch', batch);
      assert.equal(stranger.status, 422, 'another member cannot link to this call');
      assert.match(await stranger.text(), /这批声明无法与那通电话关联/);
      assert.equal(await declarations(), before);
      const entered = await volunteer.post('/console/batch', batch);
      assert.equal(entered.status, 200);
      const links = await ctx.services.database.db.selectFrom('outreach_attempt_declarations').selectAll().execute();
      assert.deepEqual(
        links.map((link) => link.attempt_id),
        [Number(call)],
      );
      assert.equal(await declarations(), before + 1);
      const editor = await signInAs(ctx, 'editor');
      assert.match(
        await (await editor.get('/console/moderation')).text(),
        /<span class="call">电话外呼“&lt;b&gt;腊月&lt;\/b&gt;外呼”中录入<\/span>/,
      );
      assert.ok((await volunteer.post(`${campaign}/release`)).status === 303);
    });

    test('a center admin changes what follows an outcome, but never for the fixed ones', async () => {
      const page = await (await admin.get(campaign)).text();
      assert.match(page, /<tr data-outcome="declared"><td>同意三退<\/td><td>结束 <span class="hint">\(固定，不能更改\)<\/span>/);
      const saved = await admin.post(`${campaign}/consequences`, {
        'kind.noAnswer': 'retry',
        'afterHours.noAnswer': '2',
        'maxAttempts.noAnswer': '2',
        'kind.refused': 'callback',
        'for.refused': 'center',
        'kind.declared': 'close',
        'kind.busy': 'retry',
        'afterHours.busy': '1',
        'maxAttempts.busy': '5',
      });
      assert.equal(saved.status, 303);
      const stored = async () =>
        JSON.parse(
          (
            await ctx.services.database.db
              .selectFrom('outreach_campaigns')
              .select('consequences')
              .where('id', '=', Number(campaign.split('/').at(-1)))
              .executeTakeFirstOrThrow()
          ).consequences,
        );
      const expected = { noAnswer: { kind: 'retry', afterHours: 2, maxAttempts: 2 }, refused: { kind: 'callback', for: 'center' } };
      assert.deepEqual(await stored(), expected, 'defaults are left out');
      const refused = await admin.post(`${campaign}/consequences`, {
        'kind.declared': 'retry',
        'afterHours.declared': '1',
        'maxAttempts.declared': '2',
      });
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /的处理方式不能更改/);
      const outOfRange = await admin.post(`${campaign}/consequences`, {
        'kind.busy': 'retry',
        'afterHours.busy': '99999',
        'maxAttempts.busy': '2',
      });
      assert.equal(outOfRange.status, 422);
      assert.deepEqual(await stored(), expected, 'a refused form changes nothing');
      assert.equal((await volunteer.post(`${campaign}/consequences`, {})).status, 403);
    });

    test('each caller sees their own figures; the center admin sees every member’s; another center sees none', async () => {
      const mine = await (await volunteer.get('/console/calls')).text();
      assert.match(mine, /<table id="my-calls">.*&lt;b&gt;腊月&lt;\/b&gt;外呼/s);
      assert.doesNotMatch(mine, /id="center-calls"/);
      const center = await (await admin.get('/console/calls')).text();
      assert.match(center, /<table id="center-calls">.*Test volunteer/s);
      const outside = await (await outsider.get('/console/calls')).text();
      assert.doesNotMatch(outside, /Test volunteer|腊月/);

      assert.doesNotMatch(center, /<table id="leaderboard">/, 'nobody is on the leaderboard unless they choose to be');
      assert.equal((await volunteer.post('/console/calls/leaderboard', { on: 'yes' })).status, 303);
      const board = await (await admin.get('/console/calls')).text();
      assert.match(board, /<table id="leaderboard">.*Test volunteer/s);
      assert.doesNotMatch(await (await outsider.get('/console/calls')).text(), /<table id="leaderboard">/, 'another center’s board');
      assert.equal((await volunteer.post('/console/calls/leaderboard', {})).status, 303);
      assert.doesNotMatch(await (await admin.get('/console/calls')).text(), /<table id="leaderboard">/);
    });

    test('the do-not-call list takes numbers, answers lookups and refuses nonsense', async () => {
      const added = await admin.post('/console/do-not-call', { phone: '139 0000 0003' });
      assert.equal(added.status, 200);
      assert.match(await added.text(), /已加入名单，1 个待拨打的号码已停止拨打/);
      const check = await admin.post('/console/do-not-call/check?lang=en', { phone: '+8613900000003' });
      assert.match(await check.text(), /This number is on the list/);
      const bad = await admin.post('/console/do-not-call', { phone: '<script>' });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /电话号码无效/);
      assert.match(html, /value="&lt;script&gt;"/);
      assert.equal((await volunteer.get('/console/do-not-call')).status, 403);
    });
  });
}
