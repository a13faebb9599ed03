import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import { createBatchImport } from '../../../services/batch/import.ts';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs } from '../../../../test/helpers/console.ts';
import { batchConsole, hiddenValue, receiptsOf, flowerName, type Fields } from '../../../../test/helpers/console-batch.ts';

for (const engine of testEngines()) {
  describe(`console batch import (${engine})`, () => {
    const batch = batchConsole(engine);
    const { appWith, as, count, enteredBy } = batch;

    test('CSV import: the preview shows the rows and each bad line; confirming enters the good rows', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer', { trusted: true });
      const volunteer = as(staff);
      const form = await volunteer.get('/console/batch/import');
      assert.equal(form.status, 200);
      const formHtml = await form.text();
      assert.match(formHtml, /enctype="multipart\/form-data"/);
      assert.match(formHtml, /姓名,组织,人数,来自/);
      assert.match(formHtml, /<input type="file" id="csv" name="csv"[^>]*autofocus/);

      const csv = '姓名,组织,人数,来自\n孙悟空,党团队,2,江苏\n李白,"party"x\n杜甫,共青团,,四川\n刘备,会,1,\n';
      const before = await count('declarations');
      const preview = await volunteer.upload(
        '/console/batch/import',
        [
          ['channel', 'letter'],
          ['conversationDate', '2025-05-30'],
          ['consent', 'confirmed'],
        ],
        {
          name: 'people.csv',
          content: csv,
        },
      );
      assert.equal(preview.status, 200);
      const html = await preview.text();
      assert.match(html, /核对导入内容/);
      assert.match(html, /可以录入 2 行，共 3 人。/);
      assert.match(html, /1 行有问题，不会录入。/);
      assert.match(html, /<li data-line="3">第 3 行：这一行的引号不成对，无法读取。<\/li>/);
      assert.match(
        html,
        /<tr id="line-2"><td>2<\/td><td>孙悟空<\/td><td>党、团、队<\/td><td>2<\/td><td>江苏<\/td><td>为自己<\/td><td><\/td><td>可以录入<\/td><\/tr>/,
      );
      assert.match(html, /<tr id="line-5"><td>5<\/td><td>刘备<\/td><td>会<\/td>.*组织：组织只能是党、团、队。/);
      assert.match(html, /确认录入 2 行/);
      assert.match(html, /<option value="letter" selected="">/);
      assert.equal(await count('declarations'), before, 'a preview writes nothing');

      const rows = hiddenValue(html, 'rows');
      const skipped = hiddenValue(html, 'skipped');
      assert.deepEqual(JSON.parse(rows), [
        [2, '孙悟空', ['party', 'league', 'pioneers'], '2', '江苏', '', '', ''],
        [4, '杜甫', ['league'], '', '四川', '', '', ''],
      ]);
      const confirmed = await volunteer.upload('/console/batch/import/confirm', [
        ['rows', rows],
        ['skipped', skipped],
        ['channel', 'letter'],
        ['conversationDate', '2025-05-30'],
        ['consent', 'confirmed'],
        ['action', 'confirm'],
      ]);
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.headers.get('cache-control'), 'no-store');
      const receiptsHtml = await confirmed.text();
      assert.match(receiptsHtml, /已录入 2 份声明，共 3 人。/);
      assert.equal(receiptsOf(receiptsHtml).length, 2);
      assert.match(receiptsHtml, /<td>4<\/td><td>杜甫<\/td>/, 'receipts name the file’s lines');
      assert.match(receiptsHtml, /文件中这些行没有录入/);
      assert.match(receiptsHtml, /第 3 行：这一行的引号不成对/);
      assert.match(receiptsHtml, /第 5 行 组织：组织只能是党、团、队。/);
      const entered = await enteredBy(staff.staffId);
      assert.deepEqual(
        entered.map((row) => [row.names, row.headcount, row.region, row.channel, row.status]),
        [
          ['["孙悟空"]', 2, '江苏', 'letter', 'published'],
          ['["杜甫"]', 1, '四川', 'letter', 'published'],
        ],
      );
    });

    test('CSV import: pasted cells work too, and the shared fields are checked before anything is written', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff);
      const pasted = 'name\torgs\n曹操\tparty\n';
      const preview = await volunteer.upload('/console/batch/import', [
        ['text', pasted],
        ['channel', 'fax'],
        ['conversationDate', '2025-05-30'],
      ]);
      assert.equal(preview.status, 200);
      const html = await preview.text();
      assert.match(html, /<p class="error" id="consent-error">请确认本人同意使用这个化名和声明内容。<\/p>/);
      assert.match(html, /id="consent" name="consent" autofocus=""/);
      const confirm = (consent: string) =>
        volunteer.upload('/console/batch/import/confirm', [
          ['rows', hiddenValue(html, 'rows')],
          ['skipped', hiddenValue(html, 'skipped')],
          ['channel', 'fax'],
          ['conversationDate', '2025-05-30'],
          ...(consent ? [['consent', consent] as [string, string]] : []),
        ]);
      assert.equal((await confirm('')).status, 422);
      assert.equal((await enteredBy(staff.staffId)).length, 0);
      assert.equal((await confirm('confirmed')).status, 200);
      assert.equal((await enteredBy(staff.staffId)).length, 1);

      const nothing = await volunteer.upload('/console/batch/import', [['channel', 'fax']]);
      assert.equal(nothing.status, 422);
      assert.match(await nothing.text(), /请选择一个文件，或粘贴表格内容。/);
    });

    test('CSV import: confirming again (a reload of the receipts) shows the first receipts and enters nothing', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff);
      const shared: Fields = [
        ['channel', 'letter'],
        ['conversationDate', '2025-05-29'],
        ['consent', 'confirmed'],
      ];
      const preview = await volunteer.upload('/console/batch/import', [['text', 'name\torgs\n刘备\tparty\n关羽\tleague\n'], ...shared]);
      const html = await preview.text();
      const token = hiddenValue(html, 'submission');
      assert.match(token, /^[0-9a-z]{8}[A-Za-z0-9_-]{22}$/);
      const confirm = () =>
        volunteer.upload('/console/batch/import/confirm', [
          ['rows', hiddenValue(html, 'rows')],
          ['skipped', hiddenValue(html, 'skipped')],
          ['submission', token],
          ...shared,
        ]);
      const first = await confirm();
      assert.equal(first.status, 200);
      const shown = receiptsOf(await first.text());
      assert.equal(shown.length, 2);
      const batches = await count('batches');
      const again = await confirm();
      assert.equal(again.status, 200, 'not the preview warning that the rows now exist');
      assert.deepEqual(receiptsOf(await again.text()), shown);
      assert.equal((await enteredBy(staff.staffId)).length, 2);
      assert.equal(await count('batches'), batches);
    });

    test('CSV import: a file that is not UTF-8 gets the localized error', async () => {
      const volunteer = as(await signInAs(batch.ctx, 'volunteer'));
      // "姓名,组织\n张三,党\n" in GBK.
      const gbk = new Uint8Array([
        0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd7, 0xe9, 0xd6, 0xaf, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xb5, 0xb3, 0x0a,
      ]);
      const zh = await volunteer.upload('/console/batch/import', [['channel', 'phone']], { name: 'gbk.csv', content: gbk });
      assert.equal(zh.status, 422);
      const zhHtml = await zh.text();
      assert.match(zhHtml, /<li>文件不是 UTF-8 编码。请在表格软件中另存为“CSV UTF-8”后重新上传。<\/li>/);
      assert.match(zhHtml, /<option value="phone" selected="">/, 'the shared fields are kept');
      const en = await volunteer.upload(
        '/console/batch/import',
        [['channel', 'phone']],
        { name: 'gbk.csv', content: gbk },
        { 'accept-language': 'en' },
      );
      assert.equal(en.status, 422);
      assert.match(await en.text(), /The file is not UTF-8\. Save it from your spreadsheet as “CSV UTF-8” and upload it again\./);
    });

    test('CSV import: 3,000 rows preview, warn of a duplicate across batches, and are entered on confirmation', {
      timeout: 120_000,
    }, async () => {
      const staff = await signInAs(batch.ctx, 'volunteer', { trusted: true });
      const volunteer = as(staff);
      const lines = ['name,orgs,headcount,region'];
      let people = 1;
      for (let i = 0; i < 2999; i++) {
        lines.push(`${flowerName(i)},${['party', 'league', 'pioneers'][i % 3]},${1 + (i % 4)},`);
        people += 1 + (i % 4);
      }
      lines.push(`${flowerName(0)},league,1,`); // line 3001 repeats line 2, six batches later
      const shared: Fields = [
        ['channel', 'hotline'],
        ['conversationDate', '2025-06-02'],
        ['consent', 'confirmed'],
      ];
      const before = await count('declarations');

      const started = Date.now();
      const preview = await volunteer.upload('/console/batch/import', shared, { name: 'big.csv', content: lines.join('\n') });
      assert.equal(preview.status, 200);
      const html = await preview.text();
      assert.match(html, /可以录入 3000 行/);
      assert.match(html, /<a href="#line-3001">第 3001 行：可能与第 2 行是同一人（姓名、地区相同）。<\/a>/);
      const rows = hiddenValue(html, 'rows');
      assert.equal(JSON.parse(rows).length, 3000);
      const confirm = (extra: Fields) =>
        volunteer.upload('/console/batch/import/confirm', [['rows', rows], ['skipped', hiddenValue(html, 'skipped')], ...shared, ...extra]);

      const refused = await confirm([]);
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /仍然提交/);
      assert.equal(await count('declarations'), before, 'no batch starts unless all can');

      const entering = Date.now();
      const confirmed = await confirm([['acknowledgeDuplicates', 'yes']]);
      // A few statements per batch of 500 (docs/performance.md): about 3 s on a loaded machine; 40 s on
      // PostgreSQL and 15 s on SQLite when each row took fifteen.
      const enteringSeconds = (Date.now() - entering) / 1000;
      assert.ok(enteringSeconds < 20, `entering took ${enteringSeconds}s`);
      assert.equal(confirmed.status, 200);
      const receiptsHtml = await confirmed.text();
      assert.match(receiptsHtml, new RegExp(`已录入 3000 份声明，共 ${people} 人。`));
      assert.equal(receiptsOf(receiptsHtml).length, 3000);
      assert.match(receiptsHtml, /<td>3001<\/td><td>春春春<\/td>/);
      assert.equal(await count('declarations'), before + 3000);
      assert.equal((await enteredBy(staff.staffId)).length, 3000);
      const batches = await batch.ctx.services.database.db
        .selectFrom('batches')
        .select('id')
        .where('staff_id', '=', staff.staffId)
        .execute();
      assert.equal(batches.length, 6, 'entered as six batches of at most 500');
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 60, `took ${seconds}s`);
    });

    test('when a later batch of a long file fails, the receipts already drawn are shown, and the rest can be confirmed again', async () => {
      const real = batch.ctx.services.batchEntry;
      let calls = 0;
      const entry: BatchEntryService = {
        ...real,
        async submitBatch(actor, input, options) {
          calls++;
          // As if someone entered the same name between the check and the second batch.
          if (calls === 2) return { ok: false, error: 'batch.duplicates', duplicates: [{ row: 1, inBatch: null, recent: 1 }] };
          return real.submitBatch(actor, input, options);
        },
      };
      const flaky: BatchEntryService = { ...entry, ...createBatchImport(entry) };
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff, appWith(flaky));
      const letters = (i: number) => `${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}n`;
      const csv = ['name,orgs', ...Array.from({ length: 600 }, (_, i) => `Lin ${letters(i)},party`)].join('\n');
      const shared: Fields = [
        ['channel', 'email'],
        ['conversationDate', '2025-06-03'],
        ['consent', 'confirmed'],
      ];
      const preview = await (await volunteer.upload('/console/batch/import', shared, { name: 'long.csv', content: csv })).text();
      const response = await volunteer.upload('/console/batch/import/confirm', [
        ['rows', hiddenValue(preview, 'rows')],
        ['skipped', hiddenValue(preview, 'skipped')],
        ...shared,
      ]);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.equal(receiptsOf(html).length, 500, 'every receipt drawn is shown');
      assert.match(html, /已录入 500 份声明，共 500 人。/);
      assert.match(html, /其余 100 行没有录入。/);
      assert.equal((await enteredBy(staff.staffId)).length, 500);
      const rest = JSON.parse(hiddenValue(html.slice(html.indexOf('id="unfinished"')), 'rows')) as unknown[][];
      assert.deepEqual([rest.length, rest[0]?.[0], rest.at(-1)?.[0]], [100, 502, 601], 'the rest, by file line, ready to confirm');
    });
  });
}
