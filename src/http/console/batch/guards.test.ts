import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import { createBatchImport } from '../../../services/batch/import.ts';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs } from '../../../../test/helpers/console.ts';
import { batchConsole, batchFields, hiddenValue, type Fields } from '../../../../test/helpers/console-batch.ts';

for (const engine of testEngines()) {
  describe(`console batch refusals and hostile input (${engine})`, () => {
    const batch = batchConsole(engine);
    const { appWith, as, count, enteredBy } = batch;

    test('a database that stays locked answers 503 with Retry-After and the rows kept, in the reader’s language', async () => {
      const entry: BatchEntryService = {
        ...batch.ctx.services.batchEntry,
        submitBatch: async () => ({ ok: false, error: 'request.busy' }),
      };
      const busy: BatchEntryService = { ...entry, ...createBatchImport(entry) };
      const volunteer = as(await signInAs(batch.ctx, 'volunteer'), appWith(busy));
      const before = await count('declarations');
      const form = await volunteer.post('/console/batch', batchFields([{ name: '青松', orgs: ['party'] }]));
      assert.equal(form.status, 503);
      assert.equal(form.headers.get('retry-after'), '10');
      const html = await form.text();
      assert.match(html, /系统正忙，这次提交没有保存。请稍等片刻后再提交一次。/);
      assert.match(html, /name="name_1" value="青松"/, 'the rows stay in the form');
      const shared: Fields = [
        ['channel', 'phone'],
        ['conversationDate', '2025-06-02'],
        ['consent', 'confirmed'],
      ];
      const preview = await volunteer.upload(
        '/console/batch/import',
        shared,
        { name: 'two.csv', content: 'name,orgs\n青松,party\n翠柏,league' },
        { 'accept-language': 'en' },
      );
      const previewHtml = await preview.text();
      const confirm = await volunteer.upload(
        '/console/batch/import/confirm',
        [['rows', hiddenValue(previewHtml, 'rows')], ['skipped', hiddenValue(previewHtml, 'skipped')], ...shared],
        undefined,
        { 'accept-language': 'en' },
      );
      assert.equal(confirm.status, 503);
      assert.equal(confirm.headers.get('retry-after'), '10');
      assert.match(await confirm.text(), /The server is busy and nothing was saved\. Please wait a moment and submit again\./);
      assert.equal(await count('declarations'), before);
    });
    test('an editor is refused every batch route', async () => {
      const editor = as(await signInAs(batch.ctx, 'editor'));
      for (const path of ['/console/batch', '/console/batch/import', '/console/stats/center']) {
        const response = await editor.get(path);
        assert.equal(response.status, 403, path);
        assert.match(await response.text(), /您没有执行此操作的权限/);
      }
      for (const path of ['/console/batch', '/console/batch/import', '/console/batch/import/confirm']) {
        assert.equal((await editor.post(path, batchFields([{ name: '明德', orgs: ['party'] }]))).status, 403, path);
        assert.equal(
          (await editor.upload(path, [['channel', 'phone']], { name: 'a.csv', content: 'name,orgs\n明德,party\n' })).status,
          403,
          path,
        );
      }
    });

    test('a post without the CSRF token is refused and writes nothing', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer', { trusted: true });
      const volunteer = as(staff);
      const response = await volunteer.post('/console/batch', batchFields([{ name: '明德', orgs: ['party'] }]), { csrf: false });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /表单已过期或来源不明/);
      const crossSite = await volunteer.post('/console/batch', batchFields([{ name: '明德', orgs: ['party'] }]), {
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.status, 403);
      const body = new FormData();
      body.append('rows', '[[2,"明德",["party"],"",""]]');
      body.append('channel', 'phone');
      const upload = await batch.app.request('/console/batch/import/confirm', {
        method: 'POST',
        headers: { cookie: `tuidang_staff=${staff.cookie}` },
        body,
      });
      assert.equal(upload.status, 403);
      assert.equal((await enteredBy(staff.staffId)).length, 0);
    });

    test('hostile text in names, regions and notes is shown as text', async () => {
      const volunteer = as(await signInAs(batch.ctx, 'volunteer'));
      const script = '<script>alert(1)</script>';
      const image = '"><img src=x onerror=alert(1)>';
      const response = await volunteer.post(
        '/console/batch',
        batchFields(
          [
            { name: script, orgs: ['party'], region: image },
            { name: '明德', orgs: ['party'], region: script },
          ],
          { note: image },
        ),
      );
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.ok(!html.includes(script), 'no live script');
      assert.ok(!html.includes('<img'), 'no live image');
      assert.match(html, /“&lt;script&gt;alert\(1\)&lt;\/script&gt;”不能用作名字/);
      assert.match(html, /name="region_1" value="&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;"/);
      assert.match(html, /name="note" [^>]*value="&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;"/);

      const preview = await volunteer.upload(
        '/console/batch/import',
        [
          ['channel', 'phone'],
          ['consent', 'confirmed'],
        ],
        {
          name: 'x.csv',
          content: `name,orgs,region\n"${script}",party,\n明德,party,"${image.replace(/"/g, '""')}"\n`,
        },
      );
      assert.equal(preview.status, 200);
      const previewHtml = await preview.text();
      assert.ok(!previewHtml.includes(script));
      assert.ok(!previewHtml.includes('<img'));
      assert.match(previewHtml, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
      assert.match(previewHtml, /<td>&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;<\/td>/);
    });
  });
}
