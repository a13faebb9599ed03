import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { LOCALES, type Locale } from '../../src/i18n/index.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { postForm, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

/**
 * 17:30 UTC on 6 December is 01:30 on 7 December in Beijing, the default counting zone: every page
 * must say 7 December, as the archive's day pages do, and say that it is Beijing time.
 */
const SUBMITTED = new Date('2026-12-06T17:30:00Z');

const EXPECTED: Record<Locale, { date: string; dateTime: string; published: string; dayTitle: string }> = {
  'zh-hans': {
    date: '2026年12月7日（北京时间）',
    dateTime: '2026年12月7日 01:30（北京时间）',
    published: '发表于2026年12月7日（北京时间）',
    dayTitle: '2026年12月7日发表的声明',
  },
  'zh-hant': {
    date: '2026年12月7日（北京時間）',
    dateTime: '2026年12月7日 凌晨1:30（北京時間）',
    published: '發表於2026年12月7日（北京時間）',
    dayTitle: '2026年12月7日發表的聲明',
  },
  en: {
    date: 'December 7, 2026 (Beijing time)',
    dateTime: 'December 7, 2026 at 1:30 AM (Beijing time)',
    published: 'published December 7, 2026 (Beijing time)',
    dayTitle: 'December 7, 2026',
  },
};

for (const engine of testEngines()) {
  describe(`one day, one clock (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;
    let published: { registrationNumber: string; queryPassword: string };
    let pending: { registrationNumber: string; queryPassword: string };

    before(async () => {
      ctx = await createTestContext(engine);
      // The clock every part of the app reads; only Date is replaced, timers run as usual.
      mock.timers.enable({ apis: ['Date'], now: SUBMITTED });
      admin = await signInAs(ctx, 'admin');
      published = await submitDeclaration(ctx, { title: '凌晨的声明' });
      pending = await submitDeclaration(ctx, { title: '还在等待的声明' });
      const outcome = await ctx.services.moderation.approve(SYSTEM_ACTOR, [published.registrationNumber]);
      assert.deepEqual(outcome.ok && outcome.value.done, [published.registrationNumber]);
      assert.equal((await postForm(ctx, '/zh-hans/support', { message: '凌晨一点半的声援' })).status, 303);
      const message = await ctx.services.database.db.selectFrom('support_messages').select('id').executeTakeFirstOrThrow();
      assert.equal((await admin.post('/console/support', { decision: 'approve', ids: String(message.id) })).status, 303);
    });

    after(async () => {
      mock.timers.reset();
      await ctx.close();
    });

    test('the archive files the declaration under 7 December', async () => {
      const day = await (await ctx.app.request('/zh-hans/days/2026-12-07')).text();
      assert.ok(day.includes(`/zh-hans/declarations/${published.registrationNumber}`));
      const before = await (await ctx.app.request('/zh-hans/days/2026-12-06')).text();
      assert.ok(!before.includes(`/zh-hans/declarations/${published.registrationNumber}`));
    });

    test('the permalink shows the same day, labelled, in every locale', async () => {
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/declarations/${published.registrationNumber}`)).text();
        assert.ok(html.includes(`<time datetime="${SUBMITTED.toISOString()}">${EXPECTED[locale].date}</time>`), locale);
        const day = await (await ctx.app.request(`/${locale}/days/2026-12-07`)).text();
        assert.ok(day.includes(EXPECTED[locale].dayTitle), locale);
      }
    });

    test('the receipt says when it was submitted, in the counting zone', async () => {
      for (const locale of LOCALES) {
        const response = await postForm(ctx, `/${locale}/receipt`, published);
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.ok(html.includes(`<time datetime="${SUBMITTED.toISOString()}">${EXPECTED[locale].dateTime}</time>`), locale);
        assert.ok(!html.includes('UTC'), locale);
      }
    });

    test('the support page dates its messages the same way', async () => {
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/support`)).text();
        assert.ok(html.includes(EXPECTED[locale].published), locale);
      }
    });

    test('the home page says when the counter was updated, in the counting zone', async () => {
      for (const locale of LOCALES) {
        const html = await (await ctx.app.request(`/${locale}/`)).text();
        assert.ok(html.includes(`<time datetime="${SUBMITTED.toISOString()}">${EXPECTED[locale].dateTime}</time>`), locale);
      }
    });

    test('the console features for the counting day and shows times in the counting zone', async () => {
      const detail = await (await admin.get(`/console/moderation/${published.registrationNumber}`)).text();
      assert.match(detail, /日期（北京时间） <input name="day" type="date" value="2026-12-07"\/>/);
      const selection = await (await admin.get('/console/selection')).text();
      assert.match(selection, /name="day" type="date" value="2026-12-07"/);

      const featured = await admin.post(`/console/moderation/${published.registrationNumber}/feature`, {
        day: '2026-12-07',
        featured: 'yes',
      });
      assert.equal(featured.status, 303);
      assert.match(
        await (await admin.get(`/console/moderation/${published.registrationNumber}`)).text(),
        /<dd>2026年12月7日（北京时间）<\/dd>/,
      );

      const queue = await (await admin.get('/console/moderation')).text();
      assert.match(queue, /<th>提交时间（北京时间）<\/th>/);
      const row = new RegExp(`<tr data-number="${pending.registrationNumber}">.*?</tr>`, 's').exec(queue)?.[0] ?? '';
      assert.match(row, /<td class="time">2026-12-07 01:30<\/td>/);

      // The queue's filter takes days of the same zone.
      const listed = async (query: string) =>
        (await (await admin.get(`/console/moderation?${query}`)).text()).includes(`data-number="${pending.registrationNumber}"`);
      assert.equal(await listed('from=2026-12-07&to=2026-12-07'), true);
      assert.equal(await listed('to=2026-12-06'), false);
      assert.equal(await listed('from=2026-12-08'), false);
      assert.equal(await listed('from=0001-01-01&to=9999-12-31'), true);

      const audit = await (await admin.get('/console/audit')).text();
      assert.match(audit, /<th>时间（北京时间）<\/th>/);
      assert.match(audit, /<td>2026-12-07 01:30:00<\/td>/);
    });

    test('the archive pages say which zone their days are in', async () => {
      const intros: Record<Locale, string[]> = {
        'zh-hans': ['日期按北京时间划分', '日期均为北京时间。'],
        'zh-hant': ['日期按北京時間劃分', '日期均為北京時間。'],
        en: ['Days run from midnight to midnight in Beijing time', 'Dates are in Beijing time.'],
      };
      for (const locale of LOCALES) {
        const [day, lists] = intros[locale];
        const dayPage = await (await ctx.app.request(`/${locale}/days/2026-12-07`)).text();
        assert.ok(dayPage.includes(day!), locale);
        for (const path of ['declarations', 'featured']) {
          const page = await (await ctx.app.request(`/${locale}/${path}`)).text();
          assert.ok(page.includes(lists!), `${locale} ${path}`);
          assert.ok(
            page.includes(EXPECTED[locale].date.replace(/[（(].*$/, '').trim()),
            `${locale} ${path}: the entry's day is 7 December`,
          );
        }
      }
    });

    test('the newspaper export dates the declaration 7 December, naming the zone, in every language and in CSV', async () => {
      const headings: Record<Locale, string> = {
        'zh-hans': `# ${EXPECTED['zh-hans'].date}发表的声明\n`,
        'zh-hant': `# ${EXPECTED['zh-hant'].date}發表的聲明\n`,
        en: `# Statements published on ${EXPECTED.en.date}\n`,
      };
      for (const locale of LOCALES) {
        const md = await (
          await admin.post('/console/selection/export', { day: '2026-12-07', format: 'md', scope: 'day', language: locale })
        ).text();
        assert.ok(md.startsWith(headings[locale]), md.slice(0, 60));
        assert.ok(md.includes(`: ${EXPECTED[locale].date}\n`), locale);
        const html = await (
          await admin.post('/console/selection/export', { day: '2026-12-07', format: 'html', scope: 'day', language: locale })
        ).text();
        assert.ok(html.includes(`<dd>${EXPECTED[locale].date}</dd>`), locale);
      }
      const csv = await (await admin.post('/console/selection/export', { day: '2026-12-07', format: 'csv', scope: 'day' })).text();
      assert.ok(csv.includes(`,${SUBMITTED.toISOString()},2026-12-07,Asia/Shanghai\r\n`), csv);
      const before = await (
        await admin.post('/console/selection/export', { day: '2026-12-06', format: 'md', scope: 'day', language: 'en' })
      ).text();
      assert.ok(!before.includes('凌晨的声明'), 'not a declaration of 6 December');
    });
  });
}
