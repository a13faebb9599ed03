import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { ensureCenter, signInAs, type StaffClient } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`staff pages name centers and confirm deactivation (${engine})`, () => {
    let ctx: TestContext;
    let admin: StaffClient;
    let center: number;
    let other: number;

    before(async () => {
      ctx = await createTestContext(engine);
      center = await ensureCenter(ctx);
      const at = new Date().toISOString();
      other = (
        await ctx.services.database.db
          .insertInto('centers')
          .values({
            name: '台北退党服务中心',
            city: 'Taipei',
            country: 'TW',
            hotlines: '[]',
            languages: '中文',
            is_public: 0,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      admin = await signInAs(ctx, 'admin');
    });
    after(() => ctx.close());

    test('centers are chosen from a list and shown by name, never by number', async () => {
      const volunteer = await signInAs(ctx, 'volunteer', { centerId: other });
      const html = await (await admin.get('/console/staff')).text();
      assert.match(html, new RegExp(`<option value="${other}">台北退党服务中心 \\(Taipei\\)</option>`));
      assert.match(html, /<td>台北退党服务中心<\/td>/);
      assert.doesNotMatch(html, /name="centerId"[^>]*inputmode/, 'no center is typed as a number');
      assert.match(html, new RegExp(`<option value="${other}" selected="">台北退党服务中心`), 'each member’s own center is chosen');

      // A center admin is offered their own center only.
      const centerAdmin = await signInAs(ctx, 'center_admin', { centerId: center });
      const own = await (await centerAdmin.get('/console/staff')).text();
      assert.doesNotMatch(own, /台北退党服务中心/);
      assert.match(own, /纽约退党服务中心 \(New York\)/);

      const home = await (await volunteer.get('/console')).text();
      assert.match(home, /<dd id="center">台北退党服务中心<\/dd>/);
      assert.doesNotMatch(home, new RegExp(`#${other}\\b`));

      const queue = await (await admin.get(`/console/moderation?centerId=${other}`)).text();
      assert.match(queue, new RegExp(`<option value="${other}" selected="">台北退党服务中心`));

      const tallies = await (await admin.get('/console/stats/center')).text();
      assert.match(tallies, /<td>台北退党服务中心<\/td>/);
    });

    test('an account is created with the center chosen from the list', async () => {
      const response = await admin.post('/console/staff', {
        name: '李义工',
        email: 'li@example.org',
        role: 'volunteer',
        centerId: String(other),
      });
      assert.equal(response.status, 200);
      const row = await ctx.services.database.db
        .selectFrom('staff')
        .select('center_id')
        .where('email', '=', 'li@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(row.center_id, other);
    });

    test('deactivating asks first, without JavaScript; only the confirmed post deactivates', async () => {
      const member = await signInAs(ctx, 'editor');
      const list = await (await admin.get('/console/staff')).text();
      assert.match(
        list,
        new RegExp(`<form method="get" action="/console/staff/${member.staffId}/deactivate"`),
        'the list only leads to the question',
      );

      const confirm = await admin.get(`/console/staff/${member.staffId}/deactivate?lang=en`);
      assert.equal(confirm.status, 200);
      const page = await confirm.text();
      assert.match(page, new RegExp(`Deactivate the account of Test editor \\(${member.email}\\)\\?`));
      assert.match(page, new RegExp(`<form method="post" action="/console/staff/${member.staffId}/deactivate"`));
      assert.match(page, /name="confirm" value="yes"/);

      const active = async () =>
        (await ctx.services.database.db.selectFrom('staff').select('active').where('id', '=', member.staffId).executeTakeFirstOrThrow())
          .active;
      const unconfirmed = await admin.post(`/console/staff/${member.staffId}/deactivate`);
      assert.equal(unconfirmed.status, 303);
      assert.equal(unconfirmed.headers.get('location'), `/console/staff/${member.staffId}/deactivate`);
      assert.equal(await active(), 1, 'a post without the confirmation changes nothing');

      const confirmed = await admin.post(`/console/staff/${member.staffId}/deactivate`, { confirm: 'yes' });
      assert.equal(confirmed.status, 303);
      assert.equal(await active(), 0);
      assert.equal((await member.get('/console')).status, 303, 'their session ended');

      assert.equal((await admin.get(`/console/staff/${admin.staffId + 1000}/deactivate`)).status, 403);
      assert.match(await (await admin.get(`/console/staff/${member.staffId}/deactivate?lang=zh-hant`)).text(), /確定要停用 Test editor/);
      assert.equal((await admin.get(`/console/staff/${admin.staffId}/deactivate`)).status, 403, 'not oneself');
    });
  });
}
