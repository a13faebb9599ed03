import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { testEngines } from '../helpers/databases.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { postForm, postJson, receiptPageAfter, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

async function lookup(ctx: TestContext, receipt: { registrationNumber: string; queryPassword: string }, language = 'en') {
  return (await postJson(ctx, '/api/v1/receipts/lookup', receipt, { 'accept-language': language })).json();
}

/** Oldest first, through the audit service, which opens the sealed parts of an entry (a redaction's original). */
async function auditActions(ctx: TestContext, target: string) {
  const entries = await ctx.services.audit.list({ targetId: target, limit: 100 });
  return entries.reverse().map((entry) => ({ action: entry.action, details: entry.details }));
}

for (const engine of testEngines()) {
  describe(`console moderation (${engine})`, () => {
    let ctx: TestContext;
    let editor: StaffClient;
    let admin: StaffClient;
    let auditor: StaffClient;
    before(async () => {
      ctx = await createTestContext(engine);
      editor = await signInAs(ctx, 'editor');
      admin = await signInAs(ctx, 'admin');
      auditor = await signInAs(ctx, 'auditor');
    });
    after(() => ctx.close());

    test('the command line decides through the console’s path: same checks, audited as cli', async () => {
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const run = async (args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, env);
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const approved = await submitDeclaration(ctx, { names: '明德' });
      const rejected = await submitDeclaration(ctx, { names: '安宁' });

      const tooLong = await run(['declarations', 'approve', approved.registrationNumber, '--feedback', '好'.repeat(1001)]);
      assert.equal(tooLong.code, 1);
      assert.match(tooLong.err, /^not published: /);
      assert.equal((await lookup(ctx, approved)).status, 'pending', 'a refused decision changes nothing');

      const published = await run(['declarations', 'approve', approved.registrationNumber, '--feedback', ' 谢谢 ']);
      assert.deepEqual(published, { code: 0, out: `published ${approved.registrationNumber}`, err: '' });
      const refused = await run(['declarations', 'reject', rejected.registrationNumber, '--reason', '请使用化名']);
      assert.deepEqual(refused, { code: 0, out: `rejected ${rejected.registrationNumber}`, err: '' });
      assert.equal((await lookup(ctx, approved)).feedback, '谢谢');
      assert.equal((await lookup(ctx, rejected)).rejectReason, '请使用化名');

      const entries = await ctx.services.database.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_id', 'action', 'details'])
        .where('target_id', 'in', [approved.registrationNumber, rejected.registrationNumber])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        entries.map((entry) => [entry.actor, entry.actor_id, entry.action, JSON.parse(entry.details)]),
        [
          ['cli', null, 'declaration.approved', { from: 'pending', feedback: '谢谢' }],
          ['cli', null, 'declaration.rejected', { from: 'pending', reasonId: null, reason: '请使用化名' }],
        ],
      );
    });

    test('the queue lists pending declarations with signals, keyboard shortcuts and a CSRF-protected bulk form', async () => {
      const first = await submitDeclaration(ctx, { names: '明德', region: '广东', statement: '<b>hello</b>' });
      await submitDeclaration(ctx, { names: '明德', region: '广东' });
      const html = await (await editor.get('/console/moderation')).text();
      assert.match(html, new RegExp(`data-number="${first.registrationNumber}"`));
      assert.match(html, /可能重复 1/);
      assert.match(html, /&lt;b&gt;hello&lt;\/b&gt;/);
      assert.match(html, /accesskey="a"/);
      assert.match(html, /name="_csrf"/);
    });

    test('bulk approve publishes the selected declarations; the receipt and the audit log show it', async () => {
      const a = await submitDeclaration(ctx, { names: '安宁' });
      const b = await submitDeclaration(ctx, { names: '志远' });
      const response = await editor.post('/console/moderation?status=pending', {
        decision: 'approve',
        numbers: [a.registrationNumber, b.registrationNumber],
      });
      assert.equal(response.status, 303);
      assert.match(response.headers.get('location')!, /done=2/);
      assert.equal((await lookup(ctx, a)).status, 'published');
      assert.equal((await ctx.app.request(`/en/declarations/${b.registrationNumber}`)).status, 200);
      assert.deepEqual(
        (await auditActions(ctx, a.registrationNumber)).map((e) => e.action),
        ['declaration.approved'],
      );
      const again = await editor.post('/console/moderation', { decision: 'approve', numbers: [a.registrationNumber] });
      assert.match(again.headers.get('location')!, /done=0&skipped=1/);
    });

    test('reject with a managed reason reaches the declarant in the language they read', async () => {
      const response = await postForm(ctx, '/zh-hant/declare', { names: '明德', orgs: 'party' });
      const html = await receiptPageAfter(ctx, response);
      const receipt = {
        registrationNumber: /id="registration-number">([^<]+)</.exec(html)![1]!.replace(/\s/g, ''),
        queryPassword: /id="query-password">([^<]+)</.exec(html)![1]!,
      };
      const reasons = await ctx.services.moderation.reasons();
      const identifying = reasons.find((reason) => reason.labels.en.startsWith('Contains identifying'))!;
      await editor.post('/console/moderation', {
        decision: 'reject',
        reasonId: String(identifying.id),
        numbers: receipt.registrationNumber,
      });
      const status = await lookup(ctx, receipt);
      assert.equal(status.status, 'rejected');
      assert.equal(status.rejectReason, identifying.labels.en, 'declared in traditional Chinese, read in English');
      assert.equal((await lookup(ctx, receipt, 'zh-TW')).rejectReason, identifying.labels['zh-hant']);
      assert.equal((await lookup(ctx, receipt, 'zh-CN')).rejectReason, identifying.labels['zh-hans']);
    });

    test('redact keeps the original only in the audit log', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德', statement: '我的电话是 138-0000-0000' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: receipt.registrationNumber });
      const redacted = await editor.post(`/console/moderation/${receipt.registrationNumber}/redact`, {
        title: '声明',
        statement: '我的电话是 [已删除]',
      });
      assert.equal(redacted.status, 303);
      const page = await (await ctx.app.request(`/zh-hans/declarations/${receipt.registrationNumber}`)).text();
      assert.match(page, /\[已删除\]/);
      assert.doesNotMatch(page, /138-0000-0000/);
      const audit = await auditActions(ctx, receipt.registrationNumber);
      const entry = audit.find((e) => e.action === 'declaration.redacted')!;
      assert.match(JSON.stringify(entry.details), /138-0000-0000/);
      const raw = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'declaration.redacted')
        .execute();
      assert.doesNotMatch(JSON.stringify(raw), /138-0000-0000/, 'sealed in the database');
    });

    test('mark duplicate links the copy to its original and rejects it', async () => {
      const original = await submitDeclaration(ctx, { names: '明德' });
      const copy = await submitDeclaration(ctx, { names: '明德' });
      const response = await editor.post(`/console/moderation/${copy.registrationNumber}/duplicate`, {
        original: original.registrationNumber,
      });
      assert.equal(response.status, 303);
      const html = await (await editor.get(`/console/moderation/${copy.registrationNumber}`)).text();
      assert.match(html, new RegExp(`href="/console/moderation/${original.registrationNumber}"`));
      assert.equal((await lookup(ctx, copy)).status, 'rejected');
      const self = await editor.post(`/console/moderation/${original.registrationNumber}/duplicate`, {
        original: original.registrationNumber,
      });
      assert.equal(self.status, 422);
    });

    test('feature, the daily selection, and its exports (escaped and audited)', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德', title: '=HYPERLINK("x") <script>', statement: 'a,"b"\nc' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: receipt.registrationNumber });
      const day = '2026-11-20';
      assert.equal((await editor.post(`/console/moderation/${receipt.registrationNumber}/feature`, { day, featured: 'yes' })).status, 303);
      const page = await (await editor.get(`/console/selection?day=${day}`)).text();
      assert.match(page, /&lt;script&gt;/);
      const csv = await editor.post('/console/selection/export', { day, format: 'csv' });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-disposition')!, /attachment; filename="selection-2026-11-20.csv"/);
      const csvText = await csv.text();
      assert.match(csvText, /"'=HYPERLINK\(""x""\) <script>"/);
      const htmlExport = await (await editor.post('/console/selection/export', { day, format: 'html' })).text();
      assert.doesNotMatch(htmlExport, /<script>/);
      const md = await editor.post('/console/selection/export', { day, format: 'md' });
      assert.equal(md.status, 200);
      const exports = await auditActions(ctx, day);
      assert.deepEqual(
        exports.map((e) => e.details.format),
        ['csv', 'html', 'md'],
      );
      assert.equal((await editor.post('/console/selection/export', { day: 'nope', format: 'csv' })).status, 422);
      assert.equal((await editor.post('/console/selection/export', { day, format: 'csv' }, { csrf: null })).status, 403);
    });

    test('revealing a contact needs its own permission and a reason, and is audited', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德', contact: 'hidden@example.org' });
      const editorPage = await (await editor.get(`/console/moderation/${receipt.registrationNumber}`)).text();
      assert.doesNotMatch(editorPage, /hidden@example\.org/);
      assert.doesNotMatch(editorPage, /\/contact"/, 'no reveal form without the permission');
      assert.equal((await editor.post(`/console/moderation/${receipt.registrationNumber}/contact`, { reason: 'x' })).status, 403);
      const noReason = await admin.post(`/console/moderation/${receipt.registrationNumber}/contact`, { reason: '' });
      assert.equal(noReason.status, 422);
      const revealed = await (await admin.post(`/console/moderation/${receipt.registrationNumber}/contact`, { reason: '回复来信' })).text();
      assert.match(revealed, /hidden@example\.org/);
      const audit = await auditActions(ctx, receipt.registrationNumber);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['contact.revealed'],
      );
      assert.equal(audit[0]!.details.reason, '回复来信');
    });

    test('an auditor sees the queue but cannot decide', async () => {
      const receipt = await submitDeclaration(ctx, { names: '明德' });
      const html = await (await auditor.get('/console/moderation')).text();
      assert.match(html, new RegExp(receipt.registrationNumber));
      assert.doesNotMatch(html, /name="numbers"/);
      assert.equal((await auditor.post('/console/moderation', { decision: 'approve', numbers: receipt.registrationNumber })).status, 403);
      assert.equal((await lookup(ctx, receipt)).status, 'pending');
    });
  });
}

describe('managing rejection reasons', () => {
  test('an admin adds a reason in three languages, editors then use it, and retiring removes it from the list', async () => {
    const ctx = await createTestContext();
    try {
      const admin = await signInAs(ctx, 'admin');
      const editor = await signInAs(ctx, 'editor');
      const added = await admin.post('/console/reasons', {
        'zh-hans': '声明内容是广告',
        'zh-hant': '聲明內容是廣告',
        en: 'The statement is an advertisement',
      });
      assert.equal(added.status, 303);
      const missing = await admin.post('/console/reasons', { 'zh-hans': '只有中文', 'zh-hant': '', en: '' });
      assert.equal(missing.status, 422);
      await submitDeclaration(ctx);
      const queue = await (await editor.get('/console/moderation')).text();
      const id = /<option value="(\d+)">声明内容是广告<\/option>/.exec(queue)?.[1];
      assert.ok(id, 'the new reason is offered to editors');
      assert.equal((await admin.post(`/console/reasons/${id}/retire`)).status, 303);
      assert.doesNotMatch(await (await editor.get('/console/moderation')).text(), /声明内容是广告/);
      assert.equal((await editor.get('/console/reasons')).status, 403);
      const actions = await ctx.services.database.db.selectFrom('audit_log').select('action').where('target_type', '=', 'reason').execute();
      assert.deepEqual(
        actions.map((row) => row.action),
        ['reason.added', 'reason.retired'],
      );
    } finally {
      await ctx.close();
    }
  });
});
