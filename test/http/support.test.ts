import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/http/env.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import type { SupportService } from '../../src/services/support-service.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { formBody, type FormValue } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The real app, which serves the support pages and the console page. */
function appWithSupport(ctx: TestContext): Hono<AppEnv> {
  return ctx.app;
}

interface Client {
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, FormValue>, options?: { csrf?: string | null }): Promise<Response>;
}

function clientFor(app: Hono<AppEnv>, staff: StaffClient): Client {
  const cookie = `tuidang_staff=${staff.cookie}`;
  return {
    get: async (path) => app.request(path, { headers: { cookie } }),
    post: async (path, fields = {}, options = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: formBody(options.csrf === null ? fields : { _csrf: options.csrf ?? staff.csrf, ...fields }).toString(),
      }),
  };
}

function postPublic(app: Hono<AppEnv>, path: string, fields: Record<string, FormValue>) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(fields).toString(),
  });
}

async function rows(ctx: TestContext) {
  return ctx.services.database.db.selectFrom('support_messages').selectAll().orderBy('id').execute();
}

async function auditEntries(ctx: TestContext, action: string) {
  return ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

async function idOf(ctx: TestContext, message: string): Promise<number> {
  const row = await ctx.services.database.db
    .selectFrom('support_messages')
    .select('id')
    .where('message', '=', message)
    .executeTakeFirstOrThrow();
  return row.id;
}

for (const engine of testEngines()) {
  describe(`messages of support (${engine})`, () => {
    let ctx: TestContext;
    let service: SupportService;
    let app: Hono<AppEnv>;
    let editor: Client;
    let editorStaff: StaffClient;
    let volunteer: Client;

    before(async () => {
      ctx = await createTestContext(engine);
      service = ctx.services.support;
      app = appWithSupport(ctx);
      editorStaff = await signInAs(ctx, 'editor');
      editor = clientFor(app, editorStaff);
      volunteer = clientFor(app, await signInAs(ctx, 'volunteer'));
    });
    after(() => ctx.close());

    test('the page shows the form, uncached, in every locale', async () => {
      for (const locale of LOCALES) {
        const response = await app.request(`/${locale}/support`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        assert.match(html, new RegExp(`<form method="post" action="/${locale}/support"`));
        assert.match(html, /id="no-support"/);
      }
      assert.match(await (await app.request('/zh-hans/support')).text(), /不记录您的 IP 地址/);
      assert.match(await (await app.request('/en/support')).text(), /does not store your IP address/);
    });

    test('a submission is pending and invisible until an editor approves it, then shown in all three locales', async () => {
      const message = '坚持下去，你们并不孤单！\r\n我们在海外支持你们。';
      const response = await postPublic(app, '/zh-hans/support', { name: '远方的朋友', region: '多伦多', message });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/zh-hans/support/thanks');
      const thanks = await app.request('/zh-hans/support/thanks');
      assert.equal(thanks.status, 200);
      assert.equal(thanks.headers.get('cache-control'), 'no-store');

      const stored = (await rows(ctx)).at(-1)!;
      assert.equal(stored.status, 'pending');
      assert.equal(stored.message, '坚持下去，你们并不孤单！\n我们在海外支持你们。');
      assert.equal(stored.locale, 'zh-hans');
      assert.equal(stored.published_at, null);
      assert.deepEqual(Object.keys(stored).sort(), ['created_at', 'id', 'locale', 'message', 'name', 'published_at', 'region', 'status']);

      for (const locale of LOCALES) assert.doesNotMatch(await (await app.request(`/${locale}/support`)).text(), /坚持下去|堅持下去/);

      const queue = await editor.get('/console/support');
      assert.equal(queue.status, 200);
      assert.equal(queue.headers.get('cache-control'), 'no-store');
      const page = await queue.text();
      assert.match(page, /坚持下去/);
      assert.match(page, new RegExp(`name="ids" value="${stored.id}"`));
      assert.match(page, /name="_csrf"/);
      assert.match(page, /accesskey="a"/);
      assert.match(page, /accesskey="r"/);

      const decided = await editor.post('/console/support', { decision: 'approve', ids: String(stored.id) });
      assert.equal(decided.status, 303);
      assert.equal(decided.headers.get('location'), '/console/support?done=1&skipped=0');
      assert.equal((await rows(ctx)).at(-1)!.status, 'published');

      const expected = { 'zh-hans': '坚持下去，你们并不孤单！', 'zh-hant': '堅持下去，你們並不孤單！', en: '坚持下去，你们并不孤单！' };
      for (const locale of LOCALES) {
        const html = await (await app.request(`/${locale}/support`)).text();
        assert.ok(html.includes(expected[locale]), locale);
        assert.ok(html.includes(`id="support-${stored.id}"`), locale);
      }
      assert.match(await (await app.request('/zh-hant/support')).text(), /多倫多/);

      const audit = await auditEntries(ctx, 'support.approved');
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.target_type, 'support');
      assert.equal(audit[0]!.target_id, String(stored.id));
      assert.match(audit[0]!.actor, /^staff:\d+ editor-/);

      // Deciding it again is skipped, and writes no second audit entry.
      const again = await editor.post('/console/support', { decision: 'reject', ids: String(stored.id) });
      assert.equal(again.headers.get('location'), '/console/support?done=0&skipped=1');
      assert.equal((await rows(ctx)).at(-1)!.status, 'published');
      assert.equal((await auditEntries(ctx, 'support.rejected')).length, 0);
    });

    test('a rejected message never appears and is audited', async () => {
      const message = 'This one will be rejected by the editor.';
      assert.equal((await postPublic(app, '/en/support', { message })).status, 303);
      const id = await idOf(ctx, message);
      const response = await editor.post('/console/support', { decision: 'reject', ids: [String(id), '999999'] });
      assert.equal(response.headers.get('location'), '/console/support?done=1&skipped=1');
      const row = (await rows(ctx)).find((r) => r.id === id)!;
      assert.equal(row.status, 'rejected');
      for (const locale of LOCALES) assert.doesNotMatch(await (await app.request(`/${locale}/support`)).text(), /will be rejected/);
      assert.doesNotMatch(await (await editor.get('/console/support')).text(), /will be rejected/);
      const audit = await auditEntries(ctx, 'support.rejected');
      assert.deepEqual(
        audit.map((entry) => entry.target_id),
        [String(id)],
      );
    });

    test('invalid messages are refused with 422, the input kept, and nothing written', async () => {
      const before = (await rows(ctx)).length;
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ message: '' }, 'message', /此项必须填写/],
        [{ message: '   ' }, 'message', /此项必须填写/],
        [{ message: '字'.repeat(1001), name: '保留的名字' }, 'message', /最多 1000 个字/],
        [{ message: 'abc \u202Edef' }, 'message', /改变文字方向/],
        [{ message: '一切都会好起来', name: 'n'.repeat(61) }, 'name', /最多 60 个字/],
        [{ message: '一切都会好起来', region: 'r'.repeat(51) }, 'region', /最多 50 个字/],
      ];
      for (const [fields, field, error] of cases) {
        const response = await postPublic(app, '/zh-hans/support', fields);
        assert.equal(response.status, 422, JSON.stringify(fields).slice(0, 60));
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const html = await response.text();
        assert.match(html, error);
        assert.match(html, new RegExp(`id="${field}-error"`));
        if (fields.name === '保留的名字') assert.match(html, /value="保留的名字"/);
      }
      assert.equal((await rows(ctx)).length, before);
      // The one-character message is too short.
      assert.equal((await postPublic(app, '/en/support', { message: 'x' })).status, 422);
      assert.equal((await rows(ctx)).length, before);
    });

    test('a form that is not a form is refused', async () => {
      const response = await app.request('/en/support', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'message=hi' });
      assert.equal(response.status, 415);
    });

    test('hostile HTML is kept as text and escaped on every page', async () => {
      const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      const invalid = await postPublic(app, '/en/support', { message: hostile, name: 'n'.repeat(61) });
      assert.equal(invalid.status, 422);
      const echoed = await invalid.text();
      assert.doesNotMatch(echoed, /<script>alert|<img src=x/);
      assert.match(echoed, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);

      assert.equal((await postPublic(app, '/en/support', { message: hostile, name: '<b>bold</b>' })).status, 303);
      const id = await idOf(ctx, hostile);
      const queue = await (await editor.get('/console/support')).text();
      assert.doesNotMatch(queue, /<script>alert|<img src=x|<b>bold/);
      assert.match(queue, /&lt;script&gt;alert\(1\)/);
      await editor.post('/console/support', { decision: 'approve', ids: String(id) });
      for (const locale of LOCALES) {
        const html = await (await app.request(`/${locale}/support`)).text();
        assert.doesNotMatch(html, /<script>alert|<img src=x|<b>bold/, locale);
        assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/, locale);
      }
    });

    test('a volunteer may neither read nor decide', async () => {
      assert.equal((await volunteer.get('/console/support')).status, 403);
      const message = 'A pending message for the volunteer test.';
      await postPublic(app, '/en/support', { message });
      const id = await idOf(ctx, message);
      assert.equal((await volunteer.post('/console/support', { decision: 'approve', ids: String(id) })).status, 403);
      assert.equal((await rows(ctx)).find((r) => r.id === id)!.status, 'pending');
    });

    test('a decision without the CSRF token is refused', async () => {
      const message = 'A pending message for the CSRF test.';
      await postPublic(app, '/en/support', { message });
      const id = await idOf(ctx, message);
      const response = await editor.post('/console/support', { decision: 'approve', ids: String(id) }, { csrf: null });
      assert.equal(response.status, 403);
      const wrong = await editor.post('/console/support', { decision: 'approve', ids: String(id) }, { csrf: 'not-the-token' });
      assert.equal(wrong.status, 403);
      assert.equal((await rows(ctx)).find((r) => r.id === id)!.status, 'pending');
    });

    test('nothing selected or an unknown decision changes nothing', async () => {
      const none = await editor.post('/console/support', { decision: 'approve' });
      assert.equal(none.headers.get('location'), '/console/support?error=none');
      const bad = await editor.post('/console/support', { decision: 'delete', ids: '1' });
      assert.equal(bad.headers.get('location'), '/console/support?error=request.invalid');
    });

    test('messages of support never change the counter', async () => {
      const read = async () => {
        ctx.clock.advance(1100);
        return (await ctx.app.request('/api/v1/counter')).json();
      };
      const totals = () => ctx.services.database.db.selectFrom('counter_totals').selectAll().execute();
      const daily = () => ctx.services.database.db.selectFrom('daily_totals').selectAll().execute();
      const before = { counter: await read(), totals: await totals(), daily: await daily() };
      const message = 'Counted? Never.';
      await postPublic(app, '/en/support', { message });
      await editor.post('/console/support', { decision: 'approve', ids: String(await idOf(ctx, message)) });
      assert.deepEqual(await totals(), before.totals);
      assert.deepEqual(await daily(), before.daily);
      assert.deepEqual(await read(), before.counter);
    });

    test('the public list pages by id, 20 at a time, newest first', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 25; i++) {
        const outcome = await service.submit({ message: `Paging message number ${i}` }, 'en');
        assert.ok(outcome.ok);
        ids.push(outcome.id);
      }
      const actor = {
        id: editorStaff.staffId,
        email: editorStaff.email,
        name: 'Test editor',
        role: 'editor' as const,
        centerId: null,
        trusted: false,
      };
      const decided = await service.decide(actor, ids, 'approve');
      assert.ok(decided.ok);
      assert.equal(decided.value.done.length, 25);
      const first = await service.listPublished();
      assert.equal(first.items.length, 20);
      assert.equal(first.items[0]!.id, ids.at(-1));
      assert.ok(first.nextBefore !== null);
      const html = await (await app.request('/en/support')).text();
      assert.ok(html.includes(`href="/en/support?before=${first.nextBefore}"`));
      const second = await app.request(`/en/support?before=${first.nextBefore}`);
      assert.equal(second.status, 200);
      const older = await second.text();
      assert.ok(older.includes('Paging message number 4'));
      assert.ok(!older.includes('Paging message number 24'));
      assert.equal((await app.request('/en/support?before=abc')).status, 404);
    });
  });
}
