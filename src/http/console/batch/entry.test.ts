import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { consoleError } from '../console-kit.tsx';
import { batchRoutes } from './routes.tsx';
import { MyTallies } from './views/my-tallies.tsx';
import type { AppEnv } from '../../env.ts';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import { createBatchImport } from '../../../services/batch/import.ts';
import { consoleSession } from '../../middleware/console-session/console-session.ts';
import { csrfProtection } from '../../middleware/csrf/csrf.ts';
import { testEngines } from '../../../../test/helpers/databases.ts';
import { signInAs, type StaffClient } from '../../../../test/helpers/console.ts';
import { createTestContext, type TestContext } from '../../../../test/helpers/test-context.ts';

type Fields = [string, string][];

interface RowSpec {
  name?: string;
  orgs?: string[];
  headcount?: string;
  region?: string;
}

/** The fields a browser sends for the batch form: every shown row, blank ones with their default head-count. */
function batchFields(rows: RowSpec[], shared: Record<string, string> = {}, options: { count?: number; action?: string } = {}): Fields {
  const count = options.count ?? Math.max(25, rows.length);
  const fields: Fields = [['count', String(count)]];
  for (let n = 1; n <= count; n++) {
    const row = rows[n - 1] ?? {};
    fields.push([`name_${n}`, row.name ?? '']);
    for (const org of row.orgs ?? []) fields.push([`orgs_${n}`, org]);
    fields.push([`headcount_${n}`, row.headcount ?? '1'], [`region_${n}`, row.region ?? '']);
  }
  const sharedValues = { channel: 'phone', conversationDate: '2025-06-01', consent: 'confirmed', note: '', ...shared };
  for (const [key, value] of Object.entries(sharedValues)) if (value !== '') fields.push([key, value]);
  fields.push(['action', options.action ?? 'submit']);
  return fields;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(match, `no hidden field ${name}`);
  return unescapeHtml(match[1]!);
}

/** Registration numbers and query passwords as the receipts page shows them. */
function receiptsOf(html: string): { number: string; password: string }[] {
  return [...html.matchAll(/<td class="code">([0-9 ]+)<\/td><td class="code">([0-9A-Z-]+)<\/td>/g)].map((match) => ({
    number: match[1]!,
    password: match[2]!,
  }));
}

/** Three-character names from flower and season characters: 3,375 of them, none used elsewhere in this file. */
function flowerName(index: number): string {
  const chars = '春夏秋冬梅兰竹菊松柏桃李杏桂荷';
  return chars[index % 15]! + chars[Math.floor(index / 15) % 15]! + chars[Math.floor(index / 225) % 15]!;
}

for (const engine of testEngines()) {
  describe(`console batch entry (${engine})`, () => {
    let ctx: TestContext;
    let defaultApp: Hono<AppEnv>;

    /** An app with the batch routes in front of the real one, as the console will mount them. */
    function appWith(batchEntry: BatchEntryService): Hono<AppEnv> {
      const router = new Hono<AppEnv>({ strict: false });
      router.use('/console/*', consoleSession(ctx.services.staffAuth));
      router.use(
        '/console/*',
        csrfProtection((c) => consoleError(c, 403, 'auth.csrf')),
      );
      batchRoutes(router, batchEntry, 'Asia/Shanghai');
      const combined = new Hono<AppEnv>();
      combined.route('/', router);
      combined.route('/', ctx.app);
      return combined;
    }

    /** Requests against the app with the batch routes, as the signed-in staff member. */
    function as(staff: StaffClient, target?: Hono<AppEnv>) {
      const app = target ?? defaultApp;
      const cookie = `tuidang_staff=${staff.cookie}`;
      return {
        staffId: staff.staffId,
        get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { cookie, ...headers } }),
        post: (path: string, fields: Fields, options: { csrf?: boolean; headers?: Record<string, string> } = {}) =>
          app.request(path, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...options.headers },
            body: new URLSearchParams([
              ...(options.csrf === false ? [] : [['_csrf', staff.csrf] as [string, string]]),
              ...fields,
            ]).toString(),
          }),
        /** A multipart post, as the import forms send it. */
        upload: (
          path: string,
          fields: Fields,
          file?: { name: string; content: string | Uint8Array },
          headers: Record<string, string> = {},
        ) => {
          const body = new FormData();
          body.append('_csrf', staff.csrf);
          for (const [key, value] of fields) body.append(key, value);
          if (file) body.append('csv', new File([file.content], file.name, { type: 'text/csv' }));
          return app.request(path, { method: 'POST', headers: { cookie, ...headers }, body });
        },
      };
    }

    const count = async (table: 'declarations' | 'batches') =>
      Number(
        (
          await ctx.services.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const enteredBy = (staffId: number) =>
      ctx.services.database.db.selectFrom('declarations').selectAll().where('entered_by', '=', staffId).orderBy('id').execute();

    before(async () => {
      ctx = await createTestContext(engine);
      defaultApp = appWith(ctx.services.batchEntry);
    });
    after(() => ctx.close());

    test('the form shows 25 rows ready for the keyboard; “more” adds 25 and keeps every value', async () => {
      const volunteer = as(await signInAs(ctx, 'volunteer'));
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
      const staff = await signInAs(ctx, 'volunteer', { trusted: true });
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
        const status = await ctx.services.declarations.lookup(receipt.number, receipt.password);
        assert.equal(status.ok && status.value.status, 'published', 'the receipt works');
      }
    });

    test('an untrusted volunteer’s batch waits for an editor', async () => {
      const staff = await signInAs(ctx, 'volunteer');
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
      const status = await ctx.services.declarations.lookup(receipt!.number, receipt!.password);
      assert.equal(status.ok && status.value.status, 'pending');
    });

    test('possible duplicates inside the batch block it, writing nothing, until acknowledged', async () => {
      const staff = await signInAs(ctx, 'volunteer');
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
      const first = as(await signInAs(ctx, 'volunteer'));
      assert.equal((await first.post('/console/batch', batchFields([{ name: '钱七', orgs: ['party'], region: '吉林' }]))).status, 200);

      const staff = await signInAs(ctx, 'volunteer');
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
      const staff = await signInAs(ctx, 'volunteer');
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
      const other = as(await signInAs(ctx, 'volunteer'));
      const theirs = await other.post('/console/batch', [
        ...batchFields([{ name: '陈十', orgs: ['league'] }]),
        ['submission', fields.find(([name]) => name === 'submission')![1]],
      ]);
      assert.equal(theirs.status, 200);
      assert.notDeepEqual(receiptsOf(await theirs.text()), shown);
      assert.equal(await count('batches'), before.batches + 3);
    });

    test('a bad row gives 422 with the input kept, an error at the row and a summary; nothing is written', async () => {
      const staff = await signInAs(ctx, 'volunteer');
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

    test('CSV import: the preview shows the rows and each bad line; confirming enters the good rows', async () => {
      const staff = await signInAs(ctx, 'volunteer', { trusted: true });
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
      const staff = await signInAs(ctx, 'volunteer');
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
      const staff = await signInAs(ctx, 'volunteer');
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
      const volunteer = as(await signInAs(ctx, 'volunteer'));
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

    test('a database that stays locked answers 503 with Retry-After and the rows kept, in the reader’s language', async () => {
      const entry: BatchEntryService = { ...ctx.services.batchEntry, submitBatch: async () => ({ ok: false, error: 'request.busy' }) };
      const busy: BatchEntryService = { ...entry, ...createBatchImport(entry) };
      const volunteer = as(await signInAs(ctx, 'volunteer'), appWith(busy));
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

    test('CSV import: 3,000 rows preview, warn of a duplicate across batches, and are entered on confirmation', {
      timeout: 120_000,
    }, async () => {
      const staff = await signInAs(ctx, 'volunteer', { trusted: true });
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
      const batches = await ctx.services.database.db.selectFrom('batches').select('id').where('staff_id', '=', staff.staffId).execute();
      assert.equal(batches.length, 6, 'entered as six batches of at most 500');
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 60, `took ${seconds}s`);
    });

    test('when a later batch of a long file fails, the receipts already drawn are shown, and the rest can be confirmed again', async () => {
      const real = ctx.services.batchEntry;
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
      const staff = await signInAs(ctx, 'volunteer');
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

    test('an editor is refused every batch route', async () => {
      const editor = as(await signInAs(ctx, 'editor'));
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
      const staff = await signInAs(ctx, 'volunteer', { trusted: true });
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
      const upload = await defaultApp.request('/console/batch/import/confirm', {
        method: 'POST',
        headers: { cookie: `tuidang_staff=${staff.cookie}` },
        body,
      });
      assert.equal(upload.status, 403);
      assert.equal((await enteredBy(staff.staffId)).length, 0);
    });

    test('hostile text in names, regions and notes is shown as text', async () => {
      const volunteer = as(await signInAs(ctx, 'volunteer'));
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

    test('a center admin sees each volunteer’s totals for the center', async () => {
      const at = new Date().toISOString();
      const newCenter = (name: string, city: string) =>
        ctx.services.database.db
          .insertInto('centers')
          .values({ name, city, country: 'CA', hotlines: '[]', languages: '中文', is_public: 1, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
      const center = await newCenter('多伦多中心', 'Toronto');
      const other = await newCenter('温哥华中心', 'Vancouver');
      const first = await signInAs(ctx, 'volunteer', { trusted: true, centerId: center.id });
      const second = await signInAs(ctx, 'volunteer', { centerId: center.id });
      const idle = await signInAs(ctx, 'volunteer', { centerId: center.id });
      const elsewhere = await signInAs(ctx, 'volunteer', { centerId: other.id });
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const enter = async (staff: StaffClient, rows: RowSpec[]) =>
        assert.equal((await as(staff).post('/console/batch', batchFields(rows, { conversationDate: today }))).status, 200);
      await enter(first, [
        { name: '多伦甲', orgs: ['party'], headcount: '2' },
        { name: '多伦乙', orgs: ['league'] },
      ]);
      await enter(second, [{ name: '多伦丙', orgs: ['pioneers'], headcount: '4' }]);
      await enter(elsewhere, [{ name: '纽约丁', orgs: ['party'] }]);

      const admin = as(await signInAs(ctx, 'center_admin', { centerId: center.id }));
      const response = await admin.get('/console/stats/center');
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /中心统计/);
      const row = (staffId: number) =>
        new RegExp(`<tr data-staff-id="${staffId}"><th scope="row">[^<]+</th>((?:<td>[^<]*</td>)+)</tr>`).exec(html)?.[1];
      assert.equal(row(first.staffId), '<td>2</td><td>3</td><td>2</td><td>3</td>');
      assert.equal(row(second.staffId), '<td>1</td><td>4</td><td>1</td><td>4</td>');
      assert.equal(row(idle.staffId), '<td>0</td><td>0</td><td>0</td><td>0</td>', 'a volunteer who entered nothing yet');
      assert.equal(row(elsewhere.staffId), undefined, 'another center’s volunteer is not listed');
      assert.match(html, /<tfoot><tr><th scope="row">合计<\/th><td>3<\/td><td>7<\/td><td>3<\/td><td>7<\/td><\/tr><\/tfoot>/);

      const volunteer = as(first);
      assert.equal((await volunteer.get('/console/stats/center')).status, 403, 'a volunteer sees only their own tallies');
      const auditor = as(await signInAs(ctx, 'auditor', { centerId: center.id }));
      assert.match(await (await auditor.get('/console/stats/center')).text(), new RegExp(`data-staff-id="${first.staffId}"`));
      const everywhere = await (await as(await signInAs(ctx, 'admin')).get('/console/stats/center?lang=en')).text();
      assert.match(
        everywhere,
        new RegExp(`<tr data-staff-id="${elsewhere.staffId}"><th scope="row">[^<]+</th><td>温哥华中心</td><td>1</td>`),
        'a global admin sees every center, by name',
      );
    });
  });
}

describe('MyTallies', () => {
  const tallies = {
    today: { declarations: 3, people: 5 },
    thisMonth: { declarations: 40, people: 61 },
    allTime: { declarations: 1234, people: 2001 },
    pending: 2,
  };

  test('shows today, this month and all time, declarations and people, and what waits', () => {
    const html = String(MyTallies({ tallies, locale: 'zh-hans' }));
    assert.match(html, /<h2 id="my-tallies-heading">我的录入<\/h2>/);
    assert.match(html, /<tr data-period="today"><th scope="row">今天<\/th><td>3<\/td><td>5<\/td><\/tr>/);
    assert.match(html, /<tr data-period="month"><th scope="row">本月<\/th><td>40<\/td><td>61<\/td><\/tr>/);
    assert.match(html, /<tr data-period="all"><th scope="row">累计<\/th><td>1,234<\/td><td>2,001<\/td><\/tr>/);
    assert.match(html, /其中 2 份正在等待编辑审核。/);
  });

  test('in traditional Chinese and English too', () => {
    assert.match(String(MyTallies({ tallies, locale: 'zh-hant' })), /我的錄入.*累計.*其中 2 份正在等待編輯審核。/s);
    const english = String(MyTallies({ tallies: { ...tallies, pending: 1 }, locale: 'en' }));
    assert.match(english, /My entries.*This month.*1,234.*1 of them is waiting for an editor\./s);
    assert.match(String(MyTallies({ tallies: { ...tallies, pending: 0 }, locale: 'en' })), /None are waiting for review\./);
  });
});
