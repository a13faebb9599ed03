import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DOWNLOAD = 'https://dl.example.org/freegate.exe';

for (const engine of testEngines()) {
  describe(`the resources editor (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;
    const versions = async (locale: string) =>
      ctx.services.database.db.selectFrom('resource_versions').selectAll().where('locale', '=', locale).orderBy('id').execute();
    const publicPage = async (locale: string) => (await ctx.app.request(`/${locale}/resources`)).text();
    const audited = async (action: string) => ctx.services.audit.list({ action, limit: 50 });

    before(async () => {
      ctx = await createTestContext(engine);
      admin = await signInAs(ctx, 'admin');
    });
    after(() => ctx.close());

    test('the overview shows each language on its shipped text, and the editor starts from it', async () => {
      const overview = await admin.get('/console/resources');
      assert.equal(overview.status, 200);
      const html = await overview.text();
      for (const locale of ['zh-hans', 'zh-hant', 'en']) assert.match(html, new RegExp(`href="/console/resources/${locale}"`));
      assert.equal(html.match(/默认文字（还没有人编辑过）/g)?.length, 3);
      const editor = await (await admin.get('/console/resources/en')).text();
      assert.match(editor, /<textarea id="body" name="body"[^>]*>In mainland China this site/);
      assert.match(editor, /还没有保存过的版本/);
      assert.equal((await admin.get('/console/resources/xx')).status, 404);
    });

    test('every save is a new version, audited; the public page shows the newest', async () => {
      assert.equal((await admin.post('/console/resources/en', { body: '# First\n\nThe first text.' })).status, 303);
      const second = await admin.post('/console/resources/en', { body: '# Second\r\n\r\n- one\r\n- two\r\n\r\n1. step' });
      assert.equal(second.status, 303);
      assert.equal(second.headers.get('location'), '/console/resources/en?done=saved');
      const rows = await versions('en');
      assert.deepEqual(
        rows.map((row) => row.body),
        ['# First\n\nThe first text.', '# Second\n\n- one\n- two\n\n1. step'],
      );
      assert.ok(rows.every((row) => row.created_by === admin.staffId && row.restored_from === null));
      const html = await publicPage('en');
      assert.match(html, /<h2>Second<\/h2><ul><li>one<\/li><li>two<\/li><\/ul><ol><li>step<\/li><\/ol>/);
      assert.doesNotMatch(html, /First/);
      assert.match(await publicPage('zh-hans'), /自由门/, 'the other languages keep their shipped text');
      const saved = await audited('resources.saved');
      assert.equal(saved.length, 2);
      assert.equal(saved[0]!.actorId, admin.staffId);
      assert.deepEqual(saved[0]!.details.locale, 'en');
      assert.equal(saved[0]!.targetId, String(rows[1]!.id));
    });

    test('restoring an older version adds it again as the newest, and the history says so', async () => {
      const [first, second] = await versions('en');
      const restored = await admin.post('/console/resources/en/restore', { version: String(first!.id) });
      assert.equal(restored.status, 303);
      const rows = await versions('en');
      assert.equal(rows.length, 3, 'nothing is overwritten');
      assert.equal(rows[2]!.body, first!.body);
      assert.equal(rows[2]!.restored_from, first!.id);
      assert.match(await publicPage('en'), /<h2>First<\/h2><p>The first text.<\/p>/);
      const editor = await (await admin.get(`/console/resources/en?version=${second!.id}`)).text();
      assert.match(editor, new RegExp(`恢复自 #${first!.id}`));
      assert.match(editor, /id="viewing"[^>]*><h2>版本 #\d+ 的文字<\/h2><h2>Second<\/h2>/, 'an older version can be read');
      const entry = (await audited('resources.restored'))[0]!;
      assert.deepEqual([entry.actorId, entry.details.from, entry.details.locale], [admin.staffId, first!.id, 'en']);
      // A version of another language, or none, is not restored into this one.
      assert.equal((await admin.post('/console/resources/zh-hans/restore', { version: String(first!.id) })).status, 404);
      assert.equal((await admin.post('/console/resources/en/restore', { version: 'x' })).status, 404);
      assert.equal((await versions('en')).length, 3);
    });

    test('hostile text is kept as written and shown escaped; nothing in it becomes markup', async () => {
      const hostile =
        '# <img src=x onerror=alert(1)>\n\n"><script>alert(1)</script> & <a href="https://evil.example">x</a>\n- <iframe src=//evil.example>';
      assert.equal((await admin.post('/console/resources/zh-hant', { body: hostile })).status, 303);
      const html = await publicPage('zh-hant');
      assert.match(html, /<h2>&lt;img src=x onerror=alert\(1\)&gt;<\/h2>/);
      assert.match(
        html,
        /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &lt;a href=&quot;https:\/\/evil.example&quot;&gt;x&lt;\/a&gt;/,
      );
      assert.doesNotMatch(html, /<script|<img|<iframe|href="https:\/\/evil/);
      const editor = await (await admin.get('/console/resources/zh-hant')).text();
      assert.match(editor, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the textarea holds it escaped');
    });

    test("a link to an address the operator has not listed is refused, named, in the reader's language, and nothing is saved", async () => {
      const before = (await versions('en')).length;
      for (const [target, lang, words] of [
        [DOWNLOAD, 'en', `Cannot link to &quot;${DOWNLOAD}&quot;`],
        ['javascript:alert(1)', 'zh-hans', '不能链接到“javascript:alert(1”'],
        ['//evil.example/x', 'zh-hant', '不能連結到「//evil.example/x」'],
      ] as const) {
        const response = await admin.post(`/console/resources/en?lang=${lang}`, { body: `Get [Freegate](${target}) here.` });
        assert.equal(response.status, 422, target);
        const html = await response.text();
        assert.ok(html.includes(words), `${target}: ${lang} message`);
        assert.match(html, /<textarea[^>]*>Get \[Freegate\]/, 'the text is kept in the form');
      }
      assert.equal((await versions('en')).length, before);
      assert.equal((await admin.post('/console/resources/en', { body: '  \n ' })).status, 422);
      assert.equal((await admin.post('/console/resources/en', { body: 'x'.repeat(6001) })).status, 422);
      assert.equal((await admin.post('/console/resources/en', { body: 'bidi \u202E here' })).status, 422);
      assert.equal((await versions('en')).length, before);
    });

    test('once listed, the address may be linked; once removed, the link shows as plain words', async () => {
      const bad = await admin.post('/console/resource-links?lang=en', { url: 'https://mirror.example.org', kind: 'onion', label: '' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /An onion address must have a host ending in .onion/);
      assert.equal((await admin.post('/console/resource-links', { url: 'ftp://x.example', kind: 'download', label: '' })).status, 422);
      const added = await admin.post('/console/resource-links', { url: DOWNLOAD, kind: 'download', label: '自由门 Windows 版' });
      assert.equal(added.status, 303);
      assert.equal(
        (await admin.post('/console/resource-links', { url: DOWNLOAD, kind: 'download', label: '' })).status,
        422,
        'listed once',
      );
      const link = await ctx.services.database.db.selectFrom('resource_links').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual((await audited('resources.link.added'))[0]!.details, {
        url: DOWNLOAD,
        kind: 'download',
        label: '自由门 Windows 版',
      });

      assert.equal(
        (await admin.post('/console/resources/en', { body: `Get [Freegate](${DOWNLOAD}) or see [the centres](/en/centers).` })).status,
        303,
      );
      let html = await publicPage('en');
      assert.match(html, new RegExp(`<p>Get <a href="${DOWNLOAD}">Freegate</a> or see <a href="/en/centers">the centres</a>.</p>`));
      assert.match(html, new RegExp(`自由门 Windows 版: <a href="${DOWNLOAD}" class="address">`));

      assert.equal((await admin.post(`/console/resource-links/${link.id}/remove`)).status, 303);
      assert.equal((await admin.post(`/console/resource-links/${link.id}/remove`)).status, 404);
      assert.equal((await audited('resources.link.removed')).length, 1);
      html = await publicPage('en');
      assert.match(html, /<p>Get Freegate or see <a href="\/en\/centers">the centres<\/a>.<\/p>/);
      assert.doesNotMatch(html, /dl\.example\.org/);
      // A version that links to the removed address is not restored as it was either.
      const linking = (await versions('en')).at(-1)!;
      const restore = await admin.post('/console/resources/en/restore?lang=en', { version: String(linking.id) });
      assert.equal(restore.status, 422);
      assert.ok((await restore.text()).includes(`Cannot link to &quot;${DOWNLOAD}&quot;`));
    });

    test('only admins edit: the service refuses everyone else too', async () => {
      const editor = await signInAs(ctx, 'editor');
      assert.equal((await editor.post('/console/resources/en', { body: 'hijacked' })).status, 403);
      const staff = await ctx.services.database.db
        .selectFrom('staff')
        .selectAll()
        .where('id', '=', editor.staffId)
        .executeTakeFirstOrThrow();
      const actor = { id: staff.id, email: staff.email, name: staff.name, role: staff.role, centerId: staff.center_id, trusted: false };
      assert.deepEqual(await ctx.services.resources.save(actor, 'en', 'hijacked'), { ok: false, error: 'auth.forbidden' });
      assert.doesNotMatch(await publicPage('en'), /hijacked/);
    });
  });
}
