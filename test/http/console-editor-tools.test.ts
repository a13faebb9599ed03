import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { catalogFor, type Locale } from '../../src/i18n/index.ts';
import { zonedDay } from '../../src/i18n/zoned-time.ts';
import { testEngines } from '../helpers/databases.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

async function lookup(ctx: TestContext, receipt: { registrationNumber: string; queryPassword: string }) {
  return (await postJson(ctx, '/api/v1/receipts/lookup', receipt)).json();
}

/** Through the audit service, which opens the sealed parts of an entry (a redaction's original). */
async function auditOf(ctx: TestContext, target: string, action: string) {
  const [entry] = await ctx.services.audit.list({ targetId: target, action, limit: 1 });
  return entry ? entry.details : null;
}

async function regionBreakdown(ctx: TestContext) {
  const rows = await ctx.services.database.db
    .selectFrom('daily_breakdown')
    .select(['key', 'declarations', 'people'])
    .where('dimension', '=', 'region')
    .where('declarations', '!=', 0)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.key, [Number(row.declarations), Number(row.people)]]));
}

for (const engine of testEngines()) {
  describe(`editors' feedback and redaction of names and region (${engine})`, () => {
    let ctx: TestContext;
    let editor: StaffClient;
    before(async () => {
      ctx = await createTestContext(engine);
      editor = await signInAs(ctx, 'editor');
    });
    after(() => ctx.close());

    test('the queue shows on whose behalf each declaration is made', async () => {
      const family = await submitDeclaration(ctx, { names: '安宁', behalf: 'family', consent: true });
      const html = await (await editor.get('/console/moderation')).text();
      const row = new RegExp(`data-number="${family.registrationNumber}"[\\s\\S]*?</tr>`).exec(html)![0];
      assert.match(row, /data-behalf="family">代家人声明</);
    });

    test('feedback written with a bulk approval reaches each declarant, and is audited', async () => {
      const a = await submitDeclaration(ctx, { names: '安宁' });
      const b = await submitDeclaration(ctx, { names: '志远' });
      const response = await editor.post('/console/moderation', {
        decision: 'approve',
        numbers: [a.registrationNumber, b.registrationNumber],
        feedback: '  谢谢您的勇气。\n已发表。 ',
      });
      assert.equal(response.status, 303);
      assert.match(response.headers.get('location')!, /done=2/);
      for (const receipt of [a, b]) {
        const status = await lookup(ctx, receipt);
        assert.equal(status.status, 'published');
        assert.equal(status.feedback, '谢谢您的勇气。\n已发表。');
        assert.equal((await auditOf(ctx, receipt.registrationNumber, 'declaration.approved'))!.feedback, '谢谢您的勇气。\n已发表。');
      }
      const page = await (
        await ctx.app.request('/en/receipt', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ registrationNumber: a.registrationNumber, queryPassword: a.queryPassword }).toString(),
        })
      ).text();
      assert.match(page, /id="feedback">谢谢您的勇气。/);
    });

    test('feedback with a rejection from the detail page; bad feedback changes nothing', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德' });
      const reasons = await ctx.services.moderation.reasons();
      const tooLong = await editor.post('/console/moderation', {
        decision: 'reject',
        reasonId: String(reasons[0]!.id),
        numbers: receipt.registrationNumber,
        returnTo: 'detail',
        feedback: '字'.repeat(1001),
      });
      assert.equal(tooLong.status, 422);
      assert.match(await tooLong.text(), /最多 1000 个字/);
      const bidi = await editor.post('/console/moderation', {
        decision: 'approve',
        numbers: receipt.registrationNumber,
        feedback: 'a\u202Eb',
      });
      assert.match(bidi.headers.get('location')!, /error=text\.bidi/);
      assert.equal((await lookup(ctx, receipt)).status, 'pending');

      const rejected = await editor.post('/console/moderation', {
        decision: 'reject',
        reasonId: String(reasons[0]!.id),
        numbers: receipt.registrationNumber,
        returnTo: 'detail',
        feedback: 'Please send it again without your phone number.',
      });
      assert.equal(rejected.status, 303);
      const status = await lookup(ctx, receipt);
      assert.equal(status.status, 'rejected');
      assert.equal(status.rejectReason, reasons[0]!.labels['zh-hans']);
      assert.equal(status.feedback, 'Please send it again without your phone number.');
      assert.equal(
        (await auditOf(ctx, receipt.registrationNumber, 'declaration.rejected'))!.feedback,
        'Please send it again without your phone number.',
      );
    });

    test('names and region redacted: permalink, search, signals and region figures follow; only the audit keeps the original', async () => {
      const receipt = await submitDeclaration(ctx, { names: '张建军、李秀兰', headcount: 3, region: '辽宁大连', title: '声明一' });
      const later = await submitDeclaration(ctx, { names: '张建军', region: '辽宁大连' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: receipt.registrationNumber });
      const permalink = `/zh-hans/declarations/${receipt.registrationNumber}`;
      assert.match(await (await ctx.app.request(permalink)).text(), /张建军/);
      const none = (await regionBreakdown(ctx)).none ?? [0, 0];
      assert.deepEqual((await regionBreakdown(ctx))['辽宁'], [1, 3]);
      const flagged = await (await editor.get(`/console/moderation/${later.registrationNumber}`)).text();
      assert.match(flagged, /可能重复 1/);

      const redacted = await editor.post(`/console/moderation/${receipt.registrationNumber}/redact`, {
        names: '某某、李秀兰',
        region: '',
        title: '声明一',
        statement: '',
      });
      assert.equal(redacted.status, 303);
      const page = await (await ctx.app.request(permalink)).text();
      assert.match(page, /某某/);
      assert.doesNotMatch(page, /张建军/);
      assert.doesNotMatch(page, /大连/);
      assert.match(page, /3/);
      const byOld = await (await ctx.app.request(`/zh-hans/search?q=${encodeURIComponent('张建军')}&field=alias`)).text();
      assert.doesNotMatch(byOld, new RegExp(receipt.registrationNumber));
      const byNew = await (await ctx.app.request(`/zh-hans/search?q=${encodeURIComponent('某某')}&field=alias`)).text();
      assert.match(byNew, new RegExp(receipt.registrationNumber));
      const byRegion = await (await ctx.app.request(`/zh-hans/search?q=${encodeURIComponent('大连')}&field=region`)).text();
      assert.doesNotMatch(byRegion, new RegExp(receipt.registrationNumber));
      const unflagged = await (await editor.get(`/console/moderation/${later.registrationNumber}`)).text();
      assert.doesNotMatch(unflagged, /可能重复/);
      const breakdown = await regionBreakdown(ctx);
      assert.equal(breakdown['辽宁'], undefined);
      assert.deepEqual(breakdown.none, [none[0]! + 1, none[1]! + 3]);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['names', 'alias_key', 'region', 'headcount'])
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { names: '["某某","李秀兰"]', alias_key: '某某', region: null, headcount: 3 });
      const audit = await auditOf(ctx, receipt.registrationNumber, 'declaration.redacted');
      assert.deepEqual(audit, { fields: ['names', 'region'], original: { names: ['张建军', '李秀兰'], region: '辽宁大连' } });
    });

    test('a redacted title: search finds a published declaration by its new title only, and a pending one not at all', async () => {
      const published = await submitDeclaration(ctx, { names: '赵德胜', title: '青山退党声明' });
      const pending = await submitDeclaration(ctx, { names: '钱德胜', title: '青山退团声明' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: published.registrationNumber });
      const byTitle = async (q: string) => (await ctx.app.request(`/zh-hans/search?q=${encodeURIComponent(q)}&field=title`)).text();
      assert.match(await byTitle('青山'), new RegExp(published.registrationNumber));

      for (const receipt of [published, pending]) {
        const redacted = await editor.post(`/console/moderation/${receipt.registrationNumber}/redact`, {
          names: receipt === published ? '赵德胜' : '钱德胜',
          region: '',
          title: '绿水声明',
          statement: '',
        });
        assert.equal(redacted.status, 303);
      }
      assert.doesNotMatch(await byTitle('青山'), new RegExp(published.registrationNumber));
      const byNew = await byTitle('绿水');
      assert.match(byNew, new RegExp(published.registrationNumber));
      assert.doesNotMatch(byNew, new RegExp(pending.registrationNumber));
    });

    test('redacted names must be valid and no more than the people; nothing changes otherwise', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德', region: '广东' });
      const path = `/console/moderation/${receipt.registrationNumber}/redact`;
      const tooMany = await editor.post(path, { names: '某某、某甲', region: '广东', title: '声明', statement: '' });
      assert.equal(tooMany.status, 422);
      assert.match(await tooMany.text(), /名字不能多于这份声明的人数/);
      const invalid = await editor.post(path, { names: 'x', region: '广东', title: '声明', statement: '' });
      assert.equal(invalid.status, 422);
      assert.match(await invalid.text(), /名字须为至少两个汉字的化名/);
      const empty = await editor.post(path, { names: ' 、 ', region: '广东', title: '声明', statement: '' });
      assert.equal(empty.status, 422);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['names', 'region', 'title'])
        .where('registration_number', '=', receipt.registrationNumber)
        .executeTakeFirstOrThrow();
      assert.equal(row.names, '["明德"]');
      assert.equal(row.region, '广东');
      assert.equal(await auditOf(ctx, receipt.registrationNumber, 'declaration.redacted'), null);
    });

    test('the newspaper export: featured or the whole day, in each language, Markdown dates unescaped', async () => {
      const featured = await submitDeclaration(ctx, {
        names: '国强',
        title: '国强的声明',
        region: '广东',
        statement: '2026-12-06 这一天，我退出。',
      });
      const plain = await submitDeclaration(ctx, { names: '志强', title: '志强的声明' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: [featured.registrationNumber, plain.registrationNumber] });
      const day = ctx.services.moderation.today();
      await editor.post(`/console/moderation/${featured.registrationNumber}/feature`, { day, featured: 'yes' });
      const page = await (await editor.get('/console/selection')).text();
      assert.match(page, new RegExp(`name="day" value="${day}"`));
      assert.match(page, /name="scope" value="day"/);

      const selection = await editor.post('/console/selection/export', { day, format: 'md', scope: 'featured', language: 'zh-hans' });
      assert.equal(selection.status, 200);
      assert.match(selection.headers.get('content-disposition')!, new RegExp(`filename="selection-${day}\\.zh-hans\\.md"`));
      const md = await selection.text();
      const written = (locale: Locale) => zonedDay(day, catalogFor(locale), ctx.config.timeZone);
      assert.ok(md.startsWith(`# 每日精选：${written('zh-hans')}\n`), md.slice(0, 40));
      assert.ok(md.includes(`- 发表于: ${written('zh-hans')}\n`));
      assert.match(md, /> 2026-12-06 这一天，我退出。/);
      assert.doesNotMatch(md, /\\-/);
      assert.doesNotMatch(md, /志强的声明/);

      const english = await editor.post('/console/selection/export', { day, format: 'md', scope: 'day', language: 'en' });
      assert.match(english.headers.get('content-disposition')!, new RegExp(`filename="published-${day}\\.en\\.md"`));
      const whole = await english.text();
      assert.ok(whole.startsWith(`# Statements published on ${written('en')}\n`));
      assert.match(whole, /## 国强的声明/);
      assert.match(whole, /## 志强的声明/);
      assert.match(whole, /- People: 1 person/);

      const hant = await (
        await editor.post('/console/selection/export', { day, format: 'html', scope: 'day', language: 'zh-hant' })
      ).text();
      assert.match(hant, /<html lang="zh-Hant">/);
      assert.match(hant, /<h2>國強的聲明<\/h2>/);
      assert.match(hant, /<h2>志強的聲明<\/h2>/);
      assert.ok(hant.includes(`<h1>${written('zh-hant')}發表的聲明</h1>`));

      const csv = await (await editor.post('/console/selection/export', { day, format: 'csv', scope: 'day' })).text();
      assert.match(csv, /^[a-z_,]+,published_at,published_on,time_zone\r\n/);
      assert.ok(csv.includes(`,${day},${ctx.config.timeZone}\r\n`), 'the day, and the zone it is a day of');
      assert.equal(
        csv.trim().split('\r\n').length,
        1 +
          (
            await ctx.services.database.db
              .selectFrom('declarations')
              .select('id')
              .where('counted_day', '=', day)
              .where('status', '=', 'published')
              .execute()
          ).length,
      );
      const audits = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'selection.exported')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audits.map((row) => JSON.parse(row.details)).map(({ scope, language, format }) => [scope, language, format]),
        [
          ['featured', 'zh-hans', 'md'],
          ['day', 'en', 'md'],
          ['day', 'zh-hant', 'html'],
          ['day', 'zh-hans', 'csv'],
        ],
      );
      assert.equal((await editor.post('/console/selection/export', { day, format: 'md', scope: 'week' })).status, 422);
    });
  });
}
