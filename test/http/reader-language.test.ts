import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { declarationInputSchema } from '../../src/domain/declaration/declaration-input.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { signInAs } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { postJson } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

// What each reader sees for a declaration of quitting the League and the Pioneers without a title.
const DEFAULT_TITLES = {
  'zh-hans': '声明退出共青团、少先队',
  'zh-hant': '聲明退出共青團、少先隊',
  en: 'Declaration of quitting the Communist Youth League, Young Pioneers',
} as const;

for (const engine of testEngines()) {
  describe(`titles and reasons in the reader's language (${engine})`, () => {
    let ctx: TestContext;
    let untitled: string;
    let titled: string;
    before(async () => {
      ctx = await createTestContext(engine);
      const submit = async (fields: Record<string, unknown>, locale: 'en' | 'zh-hant') =>
        (
          await ctx.services.declarations.submit(declarationInputSchema.parse({ names: '明德', orgs: ['league', 'pioneers'], ...fields }), {
            channel: 'web',
            locale,
          })
        ).registrationNumber;
      // Declared through the English form: the title must not be English for Chinese readers.
      untitled = await submit({}, 'en');
      titled = await submit({ title: '我的三退声明' }, 'zh-hant');
      const approved = await ctx.services.moderation.approve(SYSTEM_ACTOR, [untitled, titled]);
      assert.equal(approved.ok && approved.value.done.length, 2);
    });
    after(() => ctx.close());

    const text = async (path: string, headers: Record<string, string> = {}) => {
      const response = await ctx.app.request(path, { headers });
      assert.equal(response.status, 200, path);
      return response.text();
    };

    for (const locale of LOCALES) {
      test(`${locale}: a title the declarant did not write is in the reader's language everywhere`, async () => {
        const expected = DEFAULT_TITLES[locale];
        const others = Object.values(DEFAULT_TITLES).filter((title) => title !== expected);
        const pages = {
          permalink: await text(`/${locale}/declarations/${untitled}`),
          home: await text(`/${locale}/`),
          archive: await text(`/${locale}/declarations`),
          feed: await text(`/${locale}/feeds/latest.atom`),
        };
        for (const [name, html] of Object.entries(pages)) {
          assert.ok(html.includes(expected), `${name} shows ${expected}`);
          for (const other of others) assert.ok(!html.includes(other), `${name} does not show ${other}`);
        }
        assert.ok(pages.permalink.includes(`<h1>${expected}</h1>`));
        assert.ok(pages.feed.includes(`<title>${expected}</title>`));
        const written = locale === 'zh-hant' ? '我的三退聲明' : '我的三退声明';
        assert.ok(
          (await text(`/${locale}/declarations/${titled}`)).includes(`<h1>${written}</h1>`),
          'a written title is kept, in the reader script',
        );
      });
    }

    test('the API gives the default in the language asked for, and says it is one', async () => {
      const permalink = await ctx.app.request(`/api/v1/declarations/${untitled}`, { headers: { 'accept-language': 'zh-TW' } });
      const body = (await permalink.json()) as { title: string; titleIsDefault: boolean };
      assert.deepEqual(
        { title: body.title, titleIsDefault: body.titleIsDefault },
        { title: DEFAULT_TITLES['zh-hant'], titleIsDefault: true },
      );
      const list = (await (await ctx.app.request('/api/v1/declarations', { headers: { 'accept-language': 'en' } })).json()) as {
        items: { registrationNumber: string; title: string; titleIsDefault: boolean }[];
      };
      const byNumber = new Map(list.items.map((item) => [item.registrationNumber, item]));
      assert.equal(byNumber.get(untitled)!.title, DEFAULT_TITLES.en);
      assert.deepEqual([byNumber.get(titled)!.title, byNumber.get(titled)!.titleIsDefault], ['我的三退声明', false]);
    });

    test('a default title is not searchable text; a written one is', async () => {
      const found = async (q: string) => text(`/zh-hans/search?q=${encodeURIComponent(q)}&field=title`);
      assert.ok(!(await found('声明退出')).includes(untitled));
      assert.ok((await found('三退声明')).includes(titled));
    });

    test('a batch entered through the English console stores no English title', async () => {
      const volunteer = await signInAs(ctx, 'volunteer', { trusted: true });
      await volunteer.get('/console/batch?lang=en');
      const fields: Record<string, string | string[]> = {
        count: '1',
        name_1: '安康',
        orgs_1: ['league', 'pioneers'],
        headcount_1: '1',
        region_1: '',
        channel: 'phone',
        conversationDate: '2025-06-01',
        consent: 'confirmed',
        action: 'submit',
      };
      const response = await volunteer.post('/console/batch', fields);
      assert.equal(response.status, 200, await response.clone().text());
      const number = /<td class="code">([0-9 ]+)<\/td>/.exec(await response.text())![1]!.replace(/\s/g, '');
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['title', 'status'])
        .where('registration_number', '=', number)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { title: '', status: 'published' });
      assert.ok((await text(`/zh-hans/declarations/${number}`)).includes(`<h1>${DEFAULT_TITLES['zh-hans']}</h1>`));
    });

    test('a redaction from the console leaves a declaration without a title as it is', async () => {
      const editor = await signInAs(ctx, 'editor');
      const page = await (await editor.get(`/console/moderation/${untitled}`)).text();
      assert.match(page, /<input id="redact-title" name="title" value="" placeholder="声明退出共青团、少先队"/);
      const redacted = await editor.post(`/console/moderation/${untitled}/redact`, { title: '', statement: '已删除' });
      assert.equal(redacted.status, 303);
      const row = await ctx.services.database.db
        .selectFrom('declarations')
        .select(['title', 'statement'])
        .where('registration_number', '=', untitled)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { title: '', statement: '已删除' });
      const blanked = await editor.post(`/console/moderation/${titled}/redact`, { title: '', statement: '' });
      assert.equal(blanked.status, 422, 'a written title cannot be blanked');
    });

    test("a managed reject reason is shown in the reader's language, an editor's words as written", async () => {
      const editor = await signInAs(ctx, 'editor');
      const receipt = await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] }, { 'accept-language': 'en' });
      const { registrationNumber, queryPassword } = (await receipt.json()) as { registrationNumber: string; queryPassword: string };
      const reason = (await ctx.services.moderation.reasons()).find((r) => r.labels.en.startsWith('Contains identifying'))!;
      await editor.post('/console/moderation', { decision: 'reject', reasonId: String(reason.id), numbers: registrationNumber });
      for (const locale of LOCALES) {
        const page = await ctx.app.request(`/${locale}/receipt`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ registrationNumber, queryPassword }).toString(),
        });
        const html = await page.text();
        assert.ok(
          html.includes(`<dd id="reason">${reason.labels[locale]}</dd>`),
          `${locale}: ${html.match(/<dd id="reason">[\s\S]*?<\/dd>/)?.[0]}`,
        );
      }

      const other = await postJson(ctx, '/api/v1/declarations', { names: '李平安', orgs: ['party'] });
      const written = (await other.json()) as { registrationNumber: string; queryPassword: string };
      await ctx.services.moderation.reject(SYSTEM_ACTOR, [written.registrationNumber], '请勿填写电话号码');
      const english = await ctx.app.request('/en/receipt', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(written).toString(),
      });
      assert.match(await english.text(), /<dd id="reason">请勿填写电话号码 <span class="hint">In the editor’s own words\.<\/span><\/dd>/);
    });
  });
}
