import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`batch rows: behalf, title, statement and the public form's rules (${engine})`, () => {
    let ctx: TestContext;
    let editor: StaffClient;
    before(async () => {
      ctx = await createTestContext(engine);
      editor = await signInAs(ctx, 'editor');
    });
    after(() => ctx.close());

    /** The batch form's fields: every shown row, blank ones as the browser sends them. */
    function batchForm(rows: Record<string, string | string[]>[], action = 'submit', shown = 3): Record<string, string | string[]> {
      const fields: Record<string, string | string[]> = {
        count: String(shown),
        channel: 'phone',
        conversationDate: '2025-06-01',
        consent: 'confirmed',
        action,
      };
      for (let n = 1; n <= shown; n++) {
        const row = rows[n - 1] ?? {};
        Object.assign(fields, {
          [`name_${n}`]: '',
          [`headcount_${n}`]: '1',
          [`region_${n}`]: '',
          [`behalf_${n}`]: 'self',
          [`title_${n}`]: '',
          [`statement_${n}`]: '',
        });
        for (const [key, value] of Object.entries(row)) fields[`${key}_${n}`] = value;
      }
      return fields;
    }

    const declarationsBy = (staffId: number) =>
      ctx.services.database.db
        .selectFrom('declarations')
        .select(['registration_number', 'names', 'behalf', 'title', 'statement', 'status'])
        .where('entered_by', '=', staffId)
        .orderBy('id')
        .execute();

    test('batch rows carry behalf, title and statement: a caller quits for himself and for his deceased child', async () => {
      const volunteer = await signInAs(ctx, 'volunteer');
      const form = await (await volunteer.get('/console/batch')).text();
      assert.match(form, /<select id="behalf_1" name="behalf_1"/);
      assert.match(form, /name="title_25"/);
      assert.match(form, /<textarea id="statement_1" name="statement_1"/);
      const entered = await volunteer.post(
        '/console/batch',
        batchForm([
          { name: '王建国', orgs: ['party', 'league'], title: '我退出中共', statement: '看清了真相。\n从此退出。' },
          { name: '王小军', orgs: ['league', 'pioneers'], behalf: 'deceased', title: '为亡子退团队' },
        ]),
      );
      assert.equal(entered.status, 200, await entered.clone().text());
      const rows = await declarationsBy(volunteer.staffId);
      assert.deepEqual(
        rows.map((row) => [row.names, row.behalf, row.title, row.statement]),
        [
          ['["王建国"]', 'self', '我退出中共', '看清了真相。\n从此退出。'],
          ['["王小军"]', 'deceased', '为亡子退团队', null],
        ],
      );
      const queue = await (await editor.get('/console/moderation')).text();
      const row = new RegExp(`data-number="${rows[1]!.registration_number}"[\\s\\S]*?</tr>`).exec(queue)![0];
      assert.match(row, /为亡子退团队/);
      assert.match(row, /data-behalf="deceased">代已故亲人声明</);
    });

    test('batch rows are checked by the rules of the public form; a bad row keeps its values and writes nothing', async () => {
      const volunteer = await signInAs(ctx, 'volunteer');
      const response = await volunteer.post(
        '/console/batch',
        batchForm([
          { name: '李明', orgs: ['party'], title: '题'.repeat(101) },
          { name: '李亮', orgs: ['party'], behalf: 'neighbour', statement: 'a\u202Eb' },
        ]),
      );
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /第 1 行 标题：太长了，最多 100 个字。/);
      assert.match(html, /第 2 行 为谁声明：请选择为谁声明。/);
      assert.match(html, /第 2 行 声明内容：含有会改变文字方向的隐藏字符/);
      assert.match(html, /id="title_1" name="title_1" aria-invalid="true"/);
      assert.deepEqual(await declarationsBy(volunteer.staffId), []);
    });

    test('the alias helper works in batch entry without JavaScript', async () => {
      const volunteer = await signInAs(ctx, 'volunteer');
      const form = await (await volunteer.get('/console/batch')).text();
      assert.match(form, /<button type="submit" name="action" value="aliases" class="secondary" formnovalidate=""/);
      const suggested = await volunteer.post(
        '/console/batch',
        batchForm([{ orgs: ['party'] }, {}, { name: '赵敏', orgs: ['league'] }], 'aliases'),
      );
      assert.equal(suggested.status, 200);
      const html = await suggested.text();
      const first = /id="name_1" name="name_1" value="([^"]*)"/.exec(html)![1]!;
      assert.match(first, /^\p{Script=Han}{2}$/u);
      assert.match(html, /id="name_1" name="name_1" value="[^"]*"[^>]*autofocus/);
      assert.match(html, /id="name_2" name="name_2" value=""/, 'an untouched row stays empty');
      assert.match(html, /id="name_3" name="name_3" value="赵敏"/, 'a name already written stays');
      assert.match(html, /id="orgs_1_party" name="orgs_1" value="party" checked=""/);
      assert.deepEqual(await declarationsBy(volunteer.staffId), [], 'a suggestion writes nothing');
      const traditional = await volunteer.post('/console/batch?lang=zh-hant', batchForm([], 'aliases'));
      assert.match(await traditional.text(), /id="name_1" name="name_1" value="\p{Script=Han}{2}"/u);
    });

    test('CSV import reads the optional behalf, title and statement columns', async () => {
      const volunteer = await signInAs(ctx, 'volunteer');
      const csv = 'name,orgs,behalf,title,statement\n周文,党,本人,退党声明,"第一行\n第二行"\n周武,队,已故亲人,,\n周全,团,neighbour,,\n';
      const upload = (path: string, fields: [string, string][], file?: string) => {
        const body = new FormData();
        body.append('_csrf', volunteer.csrf);
        for (const [key, value] of fields) body.append(key, value);
        if (file !== undefined) body.append('csv', new File([file], 'people.csv', { type: 'text/csv' }));
        return ctx.app.request(path, { method: 'POST', headers: { cookie: `tuidang_staff=${volunteer.cookie}` }, body });
      };
      const shared: [string, string][] = [
        ['channel', 'letter'],
        ['conversationDate', '2025-05-30'],
        ['consent', 'confirmed'],
      ];
      const preview = await upload('/console/batch/import', shared, csv);
      assert.equal(preview.status, 200);
      const html = await preview.text();
      assert.match(html, /代已故亲人/);
      assert.match(html, /<p class="error">为谁声明：请选择为谁声明。<\/p>/);
      const rows = /name="rows" value="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');
      const skipped = /name="skipped" value="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');
      const confirmed = await upload('/console/batch/import/confirm', [['rows', rows], ['skipped', skipped], ...shared]);
      assert.equal(confirmed.status, 200);
      const entered = await declarationsBy(volunteer.staffId);
      assert.deepEqual(
        entered.map((row) => [row.names, row.behalf, row.title, row.statement]),
        [
          ['["周文"]', 'self', '退党声明', '第一行\n第二行'],
          // No title written: none stored; readers see the default in their own language.
          ['["周武"]', 'deceased', '', null],
        ],
      );
      const format = await (await volunteer.get('/console/batch/import')).text();
      assert.match(format, /还可以加三列/);
    });
  });
}
