import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs } from '../../../../test/helpers/console.ts';
import { batchConsole, batchFields, receiptsOf, type Fields } from '../../../../test/helpers/console-batch.ts';

for (const engine of testEngines()) {
  describe(`console batch entry (${engine})`, () => {
    const batch = batchConsole(engine);
    const { as, count, enteredBy } = batch;

    test('the form shows 25 rows ready for the keyboard; “more” adds 25 and keeps every value', async () => {
      const volunteer = as(await signInAs(batch.ctx, 'volunteer'));
      const page = await volunteer.get('/console/batch');
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const html = await page.text();
      assert.equal(html.match(/name="name_\d+"/g)?.length, 25);
      assert.equal(html.match(/name="orgs_\d+"/g)?.length, 75);
      assert.match(html, /id="name_1" name="name_1" value="" [^>]*autofocus/);
      assert.equal(html.match(/autofocus/g)?.length, 1, 'one field has the focus');
      assert.ok(html.indexOf('value="submit"') < html.indexOf('value="more"'), 'Enter submits: the submit button comes first');
      assert.match(html, /name="headcount_1" value="1"/);
      assert.match(html, /type="date" required="" min="2004-11-01" max="[0-9-]+" value="\d{4}-\d{2}-\d{2}"/);
      assert.match(html, /<select id="channel" name="channel"[^>]*>.*电话.*热线.*当面.*传真.*电子邮件.*信件/s);
      assert.match(html, /name="_csrf" value="/);

      const before = await count('declarations');
      const more = await volunteer.post(
        '/console/batch',
        batchFields(
          [{ name: '明德', orgs: ['party', 'league'], headcount: '3', region: '辽宁' }, {}, { name: 'Li Wei', orgs: ['pioneers'] }],
          { note: '周二热线', channel: 'hotline' },
          { action: 'more' },
        ),
      );
      assert.equal(more.status, 200);
      const grown = await more.text();
      assert.equal(grown.match(/name="name_\d+"/g)?.length, 50);
      assert.match(grown, /name="name_1" value="明德"/);
      assert.match(grown, /id="orgs_1_party" name="orgs_1" value="party" checked/);
      assert.match(grown, /id="orgs_1_league" name="orgs_1" value="league" checked/);
      assert.doesNotMatch(grown, /id="orgs_1_pioneers" [^>]*checked/);
      assert.match(grown, /name="headcount_1" value="3"/);
      assert.match(grown, /name="region_1" value="辽宁"/);
      assert.match(grown, /name="name_3" value="Li Wei"/);
      assert.match(grown, /name="note" [^>]*value="周二热线"/);
      assert.match(grown, /<option value="hotline" selected="">/);
      assert.match(grown, /name="consent"[^>]*value="confirmed" checked/);
      assert.match(grown, /id="name_26" name="name_26" value="" [^>]*autofocus/, 'the first new row takes the focus');
      assert.match(grown, /name="count" value="50"/);
      assert.equal(await count('declarations'), before, '“more” writes nothing');

      const next = await (await volunteer.get('/console/batch?channel=fax&date=2025-05-01')).text();
      assert.match(next, /<option value="fax" selected="">/, 'the link after a batch keeps its channel');
      assert.match(next, /value="2025-05-01"/, 'and its date');

      const english = await (await volunteer.get('/console/batch?lang=en')).text();
      assert.match(english, /Batch entry/);
      assert.match(english, /Each person agreed to this alias and statement/);
      const traditional = await (await volunteer.get('/console/batch?lang=zh-hant')).text();
      assert.match(traditional, /批次錄入/);
      assert.match(traditional, /傳真/);
    });

    test('a trusted volunteer’s batch is published; the receipts page shows each number and password once', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer', { trusted: true });
      const volunteer = as(staff);
      const response = await volunteer.post(
        '/console/batch',
        batchFields([
          { name: '明德', orgs: ['party', 'league'], headcount: '3', region: '辽宁' },
          {},
          { name: 'Li Wei', orgs: ['pioneers'] },
        ]),
      );
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const html = await response.text();
      assert.match(html, /已录入 2 份声明，共 4 人。/);
      assert.match(html, /这些声明已直接发表/);
      assert.match(html, /href="\/console\/batch\?channel=phone&amp;date=2025-06-01"/, 'a fresh form, with this batch’s channel and date');

      const rows = await enteredBy(staff.staffId);
      assert.deepEqual(
        rows.map((row) => [row.names, row.status, row.headcount, row.region, row.party, row.league, row.pioneers, row.channel]),
        [
          ['["明德"]', 'published', 3, '辽宁', 1, 1, 0, 'phone'],
          ['["Li Wei"]', 'published', 1, null, 0, 0, 1, 'phone'],
        ],
      );
      const receipts = receiptsOf(html);
      assert.equal(receipts.length, 2);
      assert.match(receipts[0]!.number, /^\d{4} \d{4} \d{4} \d{4}$/);
      assert.match(receipts[0]!.password, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      assert.match(html, /<td>1<\/td><td>明德<\/td>/);
      assert.match(html, /<td>3<\/td><td>Li Wei<\/td>/);
      for (const receipt of receipts) {
        const status = await batch.ctx.services.declarations.lookup(receipt.number, receipt.password);
        assert.equal(status.ok && status.value.status, 'published', 'the receipt works');
      }
    });

    test('an untrusted volunteer’s batch waits for an editor', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const response = await as(staff).post('/console/batch', batchFields([{ name: '安宁', orgs: ['league'], region: '河北' }]));
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /正在等待编辑审核/);
      const rows = await enteredBy(staff.staffId);
      assert.deepEqual(
        rows.map((row) => [row.names, row.status, row.admission]),
        [['["安宁"]', 'pending', 'volunteer']],
      );
      const [receipt] = receiptsOf(html);
      const status = await batch.ctx.services.declarations.lookup(receipt!.number, receipt!.password);
      assert.equal(status.ok && status.value.status, 'pending');
    });

    test('possible duplicates inside the batch block it, writing nothing, until acknowledged', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff);
      const rows = [
        { name: '张三', orgs: ['party'], region: '辽宁' },
        { name: '李四', orgs: ['league'] },
        { name: '張三', orgs: ['league'], region: '遼寧' },
      ];
      const before = await count('declarations');
      const refused = await volunteer.post('/console/batch', batchFields(rows));
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(html, /有几行可能与本批其他行或最近 30 天的记录重复/);
      assert.match(html, /可能与第 1 行是同一人/);
      assert.match(html, /<input type="checkbox" id="acknowledgeDuplicates" name="acknowledgeDuplicates" value="yes" autofocus/);
      assert.match(html, /仍然提交/);
      assert.match(html, /name="name_3" value="張三"/, 'the rows are kept');
      assert.equal(await count('declarations'), before);
      assert.equal((await enteredBy(staff.staffId)).length, 0);

      const accepted = await volunteer.post('/console/batch', [...batchFields(rows), ['acknowledgeDuplicates', 'yes']]);
      assert.equal(accepted.status, 200);
      assert.equal((await enteredBy(staff.staffId)).length, 3);
    });

    test('an entry with the same name and region in the last 30 days blocks the batch until acknowledged', async () => {
      const first = as(await signInAs(batch.ctx, 'volunteer'));
      assert.equal((await first.post('/console/batch', batchFields([{ name: '钱七', orgs: ['party'], region: '吉林' }]))).status, 200);

      const staff = await signInAs(batch.ctx, 'volunteer');
      const second = as(staff);
      const before = await count('declarations');
      const rows = [
        { name: '赵六', orgs: ['party'] },
        { name: '錢七', orgs: ['league'], region: ' 吉林 ' },
      ];
      const refused = await second.post('/console/batch', batchFields(rows));
      assert.equal(refused.status, 409);
      const html = await refused.text();
      assert.match(html, /<a href="#name_2">第 2 行：最近 30 天已有 1 份同名、同地区的登记。<\/a>/);
      assert.equal(await count('declarations'), before, 'nothing written, not even the other row');

      const accepted = await second.post('/console/batch', [...batchFields(rows), ['acknowledgeDuplicates', 'yes']]);
      assert.equal(accepted.status, 200);
      assert.equal((await enteredBy(staff.staffId)).length, 2);
    });

    test('a batch posted again (a reload of its result) shows the first result and enters nothing, even with “submit anyway”', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff);
      const tokenOf = async () => {
        const token = /name="submission" value="([0-9a-z]{8}[A-Za-z0-9_-]{22})"/.exec(
          await (await volunteer.get('/console/batch')).text(),
        )?.[1];
        assert.ok(token, 'the batch form carries a one-use token');
        return token;
      };
      const rows = [
        { name: '孙八', orgs: ['party'], region: '山东' },
        { name: '孫八', orgs: ['league'], region: '山東' },
      ];
      const fields = [...batchFields(rows), ['acknowledgeDuplicates', 'yes'], ['submission', await tokenOf()]] as Fields;
      const before = { declarations: await count('declarations'), batches: await count('batches') };
      const first = await volunteer.post('/console/batch', fields);
      assert.equal(first.status, 200);
      const shown = receiptsOf(await first.text());
      assert.equal(shown.length, 2);
      for (let i = 0; i < 2; i++) {
        const again = await volunteer.post('/console/batch', fields);
        assert.equal(again.status, 200);
        assert.equal(again.headers.get('cache-control'), 'no-store');
        assert.deepEqual(receiptsOf(await again.text()), shown, 'the same receipts, the first batch');
      }
      assert.equal(await count('declarations'), before.declarations + 2);
      assert.equal(await count('batches'), before.batches + 1);

      // Two posts of one token at once, as a double click sends them: one batch.
      const twice = [...batchFields([{ name: '冯九', orgs: ['party'] }]), ['submission', await tokenOf()]] as Fields;
      const answers = await Promise.all([volunteer.post('/console/batch', twice), volunteer.post('/console/batch', twice)]);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [200, 200],
      );
      const [a, b] = await Promise.all(answers.map(async (answer) => receiptsOf(await answer.text())));
      assert.deepEqual(a, b);
      assert.equal(await count('batches'), before.batches + 2);

      // A token is the volunteer's own: someone else's post of it enters their own batch.
      const other = as(await signInAs(batch.ctx, 'volunteer'));
      const theirs = await other.post('/console/batch', [
        ...batchFields([{ name: '陈十', orgs: ['league'] }]),
        ['submission', fields.find(([name]) => name === 'submission')![1]],
      ]);
      assert.equal(theirs.status, 200);
      assert.notDeepEqual(receiptsOf(await theirs.text()), shown);
      assert.equal(await count('batches'), before.batches + 3);
    });

    test('a bad row gives 422 with the input kept, an error at the row and a summary; nothing is written', async () => {
      const staff = await signInAs(batch.ctx, 'volunteer');
      const volunteer = as(staff);
      const before = [await count('declarations'), await count('batches')];
      const response = await volunteer.post(
        '/console/batch',
        batchFields([{ name: '周七', orgs: ['party'] }, { name: '吴八' }, { name: '郑九', orgs: ['league'], headcount: '三' }], {
          consent: '',
        }),
      );
      assert.equal(response.status, 422);
      const html = await response.text();
      assert.match(html, /请修改以下问题后再提交/);
      assert.match(html, /<a href="#orgs_2_party">第 2 行 组织：请至少选择一个组织。<\/a>/);
      assert.match(html, /<a href="#headcount_3">第 3 行 人数：人数请填写正整数。<\/a>/);
      assert.match(html, /<a href="#consent">本人同意：请确认本人同意使用这个化名和声明内容。<\/a>/);
      assert.match(html, /id="note_2"><p class="error">组织：请至少选择一个组织。<\/p>/);
      assert.match(html, /id="headcount_3" name="headcount_3" value="三"[^>]*aria-invalid="true"/);
      assert.match(html, /name="name_2" value="吴八"/);
      assert.match(html, /<p class="error" id="consent-error">/);
      assert.deepEqual([await count('declarations'), await count('batches')], before);

      const empty = await volunteer.post('/console/batch', batchFields([]));
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /请至少填写一行/);

      const future = await volunteer.post(
        '/console/batch',
        batchFields([{ name: '周七', orgs: ['party'] }], { conversationDate: '2999-01-01', channel: 'pigeon' }),
      );
      assert.equal(future.status, 422);
      const futureHtml = await future.text();
      assert.match(futureHtml, /日期不能晚于今天/);
      assert.match(futureHtml, /请选择联系方式/);
      assert.equal((await enteredBy(staff.staffId)).length, 0);
    });
  });
}
