import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/http/env.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { ensureCenter, signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { formBody, type FormValue } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** The real app: center routes are part of the console. */
function appWithCenters(ctx: TestContext): Hono<AppEnv> {
  return ctx.app;
}

interface Client {
  get(path: string): Promise<Response>;
  post(path: string, fields?: Record<string, FormValue>, options?: { csrf?: string | null }): Promise<Response>;
}

/** Like StaffClient's get/post (same cookie and _csrf), against the app that has the center routes. */
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

const VALID = {
  name: '伦敦退党服务中心',
  city: 'London',
  country: 'UK',
  hotlines: '+44 20 7946 0000\r\n\r\n+44 20 7946 0001',
  fax: '+44 20 7946 0002',
  email: 'london@example.org',
  address: '1 Example Street\nLondon',
  openingHours: '周一至周五 9:00–18:00',
  languages: '中文、English',
  isPublic: 'yes',
};

async function count(ctx: TestContext, table: 'centers' | 'audit_log'): Promise<number> {
  const row = await ctx.services.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditEntries(ctx: TestContext, action: string) {
  return ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

for (const engine of testEngines()) {
  describe(`console: service centers (${engine})`, () => {
    let ctx: TestContext;
    let app: Hono<AppEnv>;
    let admin: Client;
    let volunteer: Client;
    let centerAdmin: Client;
    let ownCenterId: number;
    let otherCenterId: number;

    before(async () => {
      ctx = await createTestContext(engine);
      app = appWithCenters(ctx);
      ownCenterId = await ensureCenter(ctx);
      otherCenterId = await centersRepository.insert(ctx.services.database.db, {
        name: 'Hidden center',
        city: 'Taipei',
        country: 'TW',
        hotlines: [],
        fax: null,
        email: null,
        address: null,
        openingHours: null,
        languages: '中文',
        isPublic: false,
        at: new Date(),
      });
      admin = clientFor(app, await signInAs(ctx, 'admin'));
      volunteer = clientFor(app, await signInAs(ctx, 'volunteer', { centerId: ownCenterId }));
      centerAdmin = clientFor(app, await signInAs(ctx, 'center_admin', { centerId: ownCenterId }));
    });
    after(() => ctx.close());

    test('an admin creates a center, sees it saved, edits it; each write is audited', async () => {
      const form = await admin.get('/console/centers/new');
      assert.equal(form.status, 200);
      const formHtml = await form.text();
      assert.match(formHtml, /<form method="post" action="\/console\/centers"/);
      assert.match(formHtml, /name="_csrf"/);
      assert.match(formHtml, /<textarea[^>]*name="hotlines"/);

      const created = await admin.post('/console/centers', VALID);
      assert.equal(created.status, 303);
      const location = created.headers.get('location') ?? '';
      const id = Number(/^\/console\/center\/(\d+)\?saved=1$/.exec(location)?.[1]);
      assert.ok(id > 0, location);

      const stored = await ctx.services.centers.get({ id: 0, email: '', name: '', role: 'admin', centerId: null, trusted: false }, id);
      assert.ok(stored.ok);
      assert.deepEqual(stored.value.hotlines, ['+44 20 7946 0000', '+44 20 7946 0001']);
      assert.equal(stored.value.isPublic, true);
      assert.equal(stored.value.address, '1 Example Street\nLondon');

      const createdEntries = await auditEntries(ctx, 'center.created');
      assert.equal(createdEntries.length, 1);
      assert.equal(createdEntries[0]!.target_id, String(id));

      const edit = await admin.get(location);
      assert.equal(edit.status, 200);
      const editHtml = await edit.text();
      assert.match(editHtml, /class="notice"/);
      assert.match(editHtml, /已保存/);
      assert.match(editHtml, new RegExp(`action="/console/center/${id}"`));
      assert.match(editHtml, /value="伦敦退党服务中心"/);
      assert.match(editHtml, />\+44 20 7946 0000\n\+44 20 7946 0001<\/textarea>/);
      assert.match(editHtml, /name="isPublic" value="yes" checked/);

      const withoutNotice = await (await admin.get(`/console/center/${id}`)).text();
      assert.doesNotMatch(withoutNotice, /class="notice"/);

      // Unchecking the box sends nothing for it: the center becomes unlisted.
      const { isPublic: _dropped, ...rest } = VALID;
      const updated = await admin.post(`/console/center/${id}`, { ...rest, city: 'Manchester', hotlines: '+44 161 000 0000' });
      assert.equal(updated.status, 303);
      assert.equal(updated.headers.get('location'), `/console/center/${id}?saved=1`);
      const after = await centersRepository.findById(ctx.services.database.db, id);
      assert.equal(after?.city, 'Manchester');
      assert.equal(after?.isPublic, false);
      assert.deepEqual(after?.hotlines, ['+44 161 000 0000']);

      const updatedEntries = await auditEntries(ctx, 'center.updated');
      assert.equal(updatedEntries.length, 1);
      const changes = (JSON.parse(String(updatedEntries[0]!.details)) as { changes: Record<string, unknown> }).changes;
      assert.deepEqual(Object.keys(changes).sort(), ['city', 'hotlines', 'isPublic']);

      const listHtml = await (await admin.get('/console/centers')).text();
      assert.match(listHtml, /href="\/console\/centers\/new"/);
      assert.match(listHtml, new RegExp(`<tr data-center-id="${id}"><td>伦敦退党服务中心</td><td>Manchester</td><td>UK</td><td>否</td>`));
      assert.match(listHtml, new RegExp(`data-center-id="${otherCenterId}"`), 'an admin sees unlisted centers too');
    });

    test('the pages follow the console language', async () => {
      const html = await (await admin.get('/console/centers/new?lang=en')).text();
      assert.match(html, /<title>New center · Console<\/title>/);
      assert.match(html, /Create center/);
      const hant = await (await admin.get('/console/centers?lang=zh-hant')).text();
      assert.match(hant, /新增服務中心/);
    });

    test('a validation error re-renders the form with 422 and the input, and writes nothing', async () => {
      const centersBefore = await count(ctx, 'centers');
      const auditBefore = await count(ctx, 'audit_log');
      const response = await admin.post('/console/centers', {
        ...VALID,
        name: '',
        hotlines: '+1 212 555 0100\n<b>call me</b>',
        email: 'not-an-email',
        address: '<script>alert(1)</script>',
      });
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /class="errors" role="alert"/);
      assert.match(html, /id="name" name="name" aria-invalid="true" aria-describedby="name-hint name-error"/);
      assert.match(html, /id="hotlines-error"/);
      assert.match(html, /id="email-error"/);
      assert.match(html, /电子邮箱格式不正确/);
      assert.doesNotMatch(html, /id="address-error"/);
      // The person's input comes back, escaped.
      assert.match(html, /\+1 212 555 0100\n&lt;b&gt;call me&lt;\/b&gt;<\/textarea>/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/);
      assert.doesNotMatch(html, /<script>/);
      assert.match(html, /value="not-an-email"/);
      assert.match(html, /name="isPublic" value="yes" checked/);
      assert.equal(await count(ctx, 'centers'), centersBefore);
      assert.equal(await count(ctx, 'audit_log'), auditBefore);

      const update = await admin.post(`/console/center/${ownCenterId}`, { ...VALID, country: '   ' });
      assert.equal(update.status, 422);
      assert.match(await update.text(), /id="country-error"/);
      assert.equal((await centersRepository.findById(ctx.services.database.db, ownCenterId))?.country, 'US');
      assert.equal(await count(ctx, 'audit_log'), auditBefore);
    });

    test('a hostile name is escaped in the list and the form', async () => {
      const response = await admin.post('/console/centers', { ...VALID, name: '<script>alert("x")</script>' });
      assert.equal(response.status, 303);
      const list = await (await admin.get('/console/centers')).text();
      assert.ok(!list.includes('<script>'));
      assert.match(list, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
      const form = await (await admin.get(response.headers.get('location')!)).text();
      assert.ok(!form.includes('<script>'));
    });

    test('unknown or malformed ids are 404', async () => {
      for (const path of [
        '/console/center/999999',
        '/console/center/abc',
        '/console/center/0',
        '/console/center/1e3',
        '/console/centers/1',
      ]) {
        assert.equal((await admin.get(path)).status, 404, path);
        assert.equal((await admin.post(path, VALID)).status, 404, `POST ${path}`);
      }
    });

    test('a POST without the CSRF token is refused and writes nothing', async () => {
      const before = await count(ctx, 'centers');
      const response = await admin.post('/console/centers', VALID, { csrf: null });
      assert.equal(response.status, 403);
      assert.equal(await count(ctx, 'centers'), before);
    });

    test('a volunteer gets 403 on every center route', async () => {
      const before = await count(ctx, 'centers');
      for (const path of ['/console/centers', '/console/centers/new', `/console/center/${ownCenterId}`]) {
        assert.equal((await volunteer.get(path)).status, 403, path);
      }
      for (const path of ['/console/centers', `/console/center/${ownCenterId}`]) {
        const response = await volunteer.post(path, VALID);
        assert.equal(response.status, 403, `POST ${path}`);
        assert.match(await response.text(), /您没有执行此操作的权限/);
      }
      assert.equal(await count(ctx, 'centers'), before);
    });

    test('a center admin sees only their own center, read-only, and cannot change anything', async () => {
      const list = await centerAdmin.get('/console/centers');
      assert.equal(list.status, 200);
      const listHtml = await list.text();
      assert.match(listHtml, new RegExp(`data-center-id="${ownCenterId}"`));
      assert.equal([...listHtml.matchAll(/data-center-id=/g)].length, 1, 'no other center is listed');
      assert.ok(!listHtml.includes('Hidden center'));
      assert.ok(!listHtml.includes('/console/centers/new'), 'no link to create a center');
      assert.match(listHtml, />查看</);

      const view = await centerAdmin.get(`/console/center/${ownCenterId}`);
      assert.equal(view.status, 200);
      const viewHtml = await view.text();
      assert.match(viewHtml, /id="center-facts"/);
      assert.match(viewHtml, /纽约退党服务中心/);
      assert.match(viewHtml, /\+1 212 000 0000/);
      assert.ok(!viewHtml.includes(`action="/console/center/${ownCenterId}"`), 'no edit form');
      assert.ok(!/<input(?![^>]*name="_csrf")[^>]*name=/.test(viewHtml.replace(/<header>.*<\/header>/s, '')), 'no fields to edit');

      assert.equal((await centerAdmin.get(`/console/center/${otherCenterId}`)).status, 404, 'another center stays unlisted');
      assert.equal((await centerAdmin.get('/console/centers/new')).status, 403);
      const before = await count(ctx, 'audit_log');
      assert.equal((await centerAdmin.post(`/console/center/${ownCenterId}`, { ...VALID, name: 'Renamed' })).status, 403);
      assert.equal((await centerAdmin.post('/console/centers', VALID)).status, 403);
      assert.equal((await centersRepository.findById(ctx.services.database.db, ownCenterId))?.name, '纽约退党服务中心');
      assert.equal(await count(ctx, 'audit_log'), before);
    });
  });
}
