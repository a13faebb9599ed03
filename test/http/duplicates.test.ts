import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { testEngines } from '../helpers/databases.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { countRows, postForm, postJson, submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

async function auditOf(ctx: TestContext, target: string) {
  const rows = await ctx.services.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor', 'actor_id', 'details'])
    .where('target_id', '=', target)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    action: row.action,
    actor: row.actor,
    actorId: row.actor_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}

async function statusOf(ctx: TestContext, number: string) {
  return ctx.services.database.db
    .selectFrom('declarations as d')
    .leftJoin('declarations as o', 'o.id', 'd.duplicate_of')
    .select(['d.status', 'd.reject_reason', 'o.registration_number as original'])
    .where('d.registration_number', '=', number)
    .executeTakeFirstOrThrow();
}

/** The API's search by alias, which reads the same rows as the archive pages. */
async function foundByAlias(ctx: TestContext, alias: string, number: string): Promise<boolean> {
  const page = (await (await ctx.app.request(`/api/v1/declarations?q=${encodeURIComponent(alias)}&field=alias`)).json()) as {
    items: { registrationNumber: string }[];
  };
  return page.items.some((item) => item.registrationNumber === number);
}

for (const engine of testEngines()) {
  describe(`duplicates and unpublishing (${engine})`, () => {
    let ctx: TestContext;
    let editor: StaffClient;
    let volunteer: StaffClient;
    before(async () => {
      ctx = await createTestContext(engine);
      editor = await signInAs(ctx, 'editor');
      volunteer = await signInAs(ctx, 'volunteer');
    });
    after(() => ctx.close());

    test('the likely-duplicate badge leads to the suspected originals, each marked with one CSRF-protected form', async () => {
      const original = await submitDeclaration(ctx, { names: '万顺', region: '宁夏', headcount: 2 });
      const copy = await submitDeclaration(ctx, { names: '萬順', region: '寧夏' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: [original.registrationNumber, copy.registrationNumber] });
      assert.equal((await ctx.app.request(`/zh-hans/declarations/${copy.registrationNumber}`)).status, 200);
      assert.ok(await foundByAlias(ctx, '万顺', copy.registrationNumber));

      const queue = await (await editor.get('/console/moderation?status=published')).text();
      assert.match(queue, new RegExp(`<a href="/console/moderation/${copy.registrationNumber}#suspected-originals">可能重复 1</a>`));
      const detail = await (await editor.get(`/console/moderation/${copy.registrationNumber}`)).text();
      const section = /<section id="suspected-originals">(.*?)<\/section>/s.exec(detail)?.[1];
      assert.ok(section, 'the detail page lists the suspected originals');
      assert.match(section, new RegExp(`data-original="${original.registrationNumber}"`));
      assert.match(section, /宁夏/);
      const form = new RegExp(
        `<form method="post" action="/console/moderation/${copy.registrationNumber}/duplicate" class="inline"><input type="hidden" name="_csrf" value="([^"]+)"/><input type="hidden" name="original" value="${original.registrationNumber}"/>`,
      ).exec(section);
      assert.ok(form, 'one form per suspected original, with its CSRF token');
      assert.match(detail, /<h2>取消发表<\/h2>/, 'a published declaration can be unpublished');

      const forged = await editor.post(
        `/console/moderation/${copy.registrationNumber}/duplicate`,
        { original: original.registrationNumber },
        { csrf: null },
      );
      assert.equal(forged.status, 403);
      assert.equal((await statusOf(ctx, copy.registrationNumber)).status, 'published');

      const marked = await editor.post(
        `/console/moderation/${copy.registrationNumber}/duplicate`,
        { _csrf: form[1]!, original: original.registrationNumber },
        { csrf: null },
      );
      assert.equal(marked.status, 303);
      assert.deepEqual(
        { ...(await statusOf(ctx, copy.registrationNumber)) },
        {
          status: 'rejected',
          reject_reason: '与已有声明重复',
          original: original.registrationNumber,
        },
      );
      assert.equal((await ctx.app.request(`/zh-hans/declarations/${copy.registrationNumber}`)).status, 404);
      assert.equal((await ctx.app.request(`/api/v1/declarations/${copy.registrationNumber}`)).status, 404);
      assert.equal(await foundByAlias(ctx, '万顺', copy.registrationNumber), false);
      assert.ok(await foundByAlias(ctx, '万顺', original.registrationNumber));
      assert.deepEqual(
        (await auditOf(ctx, copy.registrationNumber)).map((entry) => [entry.action, entry.details.from]),
        [
          ['declaration.approved', 'pending'],
          ['declaration.markedDuplicate', 'published'],
        ],
      );
      const after = await (await editor.get(`/console/moderation/${copy.registrationNumber}`)).text();
      assert.match(after, new RegExp(`href="/console/moderation/${original.registrationNumber}"`));
      assert.doesNotMatch(after, /name="original"/, 'a duplicate cannot be marked again');
      const again = await editor.post(`/console/moderation/${copy.registrationNumber}/duplicate`, {
        original: original.registrationNumber,
      });
      assert.equal(again.status, 422);
      assert.match(await again.text(), /这份声明的状态已经改变/);
    });

    test('an editor unpublishes a published declaration with a reason; an auditor cannot', async () => {
      const receipt = await submitDeclaration(ctx, { names: '志远', region: '广东' });
      await editor.post('/console/moderation', { decision: 'approve', numbers: receipt.registrationNumber });
      const reasons = await ctx.services.moderation.reasons();
      const identifying = reasons.find((reason) => reason.labels.en.startsWith('Contains identifying'))!;

      const auditor = await signInAs(ctx, 'auditor');
      assert.equal(
        (await auditor.post(`/console/moderation/${receipt.registrationNumber}/unpublish`, { reasonId: String(identifying.id) })).status,
        403,
      );
      assert.equal((await editor.post(`/console/moderation/${receipt.registrationNumber}/unpublish`, { reasonId: 'x' })).status, 422);
      assert.equal((await statusOf(ctx, receipt.registrationNumber)).status, 'published');

      const response = await editor.post(`/console/moderation/${receipt.registrationNumber}/unpublish`, {
        reasonId: String(identifying.id),
      });
      assert.equal(response.status, 303);
      assert.equal((await ctx.app.request(`/en/declarations/${receipt.registrationNumber}`)).status, 404);
      const lookup = await (await postJson(ctx, '/api/v1/receipts/lookup', receipt, { 'accept-language': 'en' })).json();
      assert.equal(lookup.status, 'rejected');
      assert.equal(lookup.rejectReason, identifying.labels['zh-hans']);
      const [entry] = (await auditOf(ctx, receipt.registrationNumber)).filter((e) => e.action === 'declaration.unpublished');
      assert.deepEqual(entry!.details, { from: 'published', reasonId: identifying.id, reason: identifying.labels['zh-hans'] });
      const page = await (await editor.get(`/console/moderation/${receipt.registrationNumber}`)).text();
      assert.doesNotMatch(page, /\/unpublish"/, 'nothing left to unpublish');
      assert.equal(
        (await editor.post(`/console/moderation/${receipt.registrationNumber}/unpublish`, { reasonId: String(identifying.id) })).status,
        422,
      );
    });

    test('the command line marks a published duplicate through the moderation service, audited as cli', async () => {
      const original = await submitDeclaration(ctx, { names: '春华' });
      const copy = await submitDeclaration(ctx, { names: '春華', headcount: 3 });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [original.registrationNumber, copy.registrationNumber]);
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const run = async (args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, env);
        return { code, out: out.join('\n'), err: err.join('\n') };
      };

      assert.equal((await run(['declarations', 'duplicate', copy.registrationNumber])).code, 2, '--of is required');
      const marked = await run(['declarations', 'duplicate', copy.registrationNumber, '--of', original.registrationNumber]);
      assert.deepEqual(marked, {
        code: 0,
        out: `marked ${copy.registrationNumber} as a duplicate of ${original.registrationNumber}`,
        err: '',
      });
      assert.deepEqual(
        { ...(await statusOf(ctx, copy.registrationNumber)) },
        {
          status: 'rejected',
          reject_reason: '与已有声明重复',
          original: original.registrationNumber,
        },
      );
      const entry = (await auditOf(ctx, copy.registrationNumber)).find((e) => e.action === 'declaration.markedDuplicate')!;
      assert.equal(entry.actor, 'cli');
      assert.equal(entry.actorId, null);
      assert.deepEqual(entry.details, { from: 'published', original: original.registrationNumber, reasonId: 2, reason: '与已有声明重复' });
      assert.equal((await ctx.app.request(`/zh-hans/declarations/${copy.registrationNumber}`)).status, 404);
      assert.equal((await ctx.services.counter.reconcile('test')).drift, false);

      const again = await run(['declarations', 'duplicate', copy.registrationNumber, '--of', original.registrationNumber]);
      assert.equal(again.code, 1);
      assert.match(again.err, /^not marked: This declaration’s status no longer allows that action/);
      const self = await run(['declarations', 'duplicate', original.registrationNumber, '--of', original.registrationNumber]);
      assert.equal(self.code, 1);
      assert.match(self.err, /cannot be a duplicate of itself/);
    });

    test('a name written twice in one declaration is refused on the form, the API and batch entry', async () => {
      const before = await countRows(ctx, 'declarations');
      const form = await postForm(ctx, '/zh-hans/declare', { names: '张三丰、张三丰', orgs: 'party' });
      assert.equal(form.status, 422);
      assert.match(await form.text(), /“张三丰”写了两次/);

      const api = await postJson(
        ctx,
        '/api/v1/declarations',
        { names: ['张三丰', '張三豐'], orgs: ['party'] },
        { 'accept-language': 'en' },
      );
      assert.equal(api.status, 422);
      const body = await api.json();
      assert.equal(body.error.fields.names.code, 'names.repeated');
      assert.match(body.error.fields.names.message, /“張三豐” is listed twice/);

      const batch = await volunteer.post('/console/batch?lang=zh-hant', {
        count: '1',
        name_1: '张三丰、张三丰',
        orgs_1: 'party',
        headcount_1: '1',
        region_1: '',
        channel: 'phone',
        conversationDate: '2025-06-01',
        consent: 'confirmed',
        action: 'submit',
      });
      assert.equal(batch.status, 422);
      assert.match(await batch.text(), /「张三丰」寫了兩次/);
      assert.equal(await countRows(ctx, 'declarations'), before, 'nothing was stored');

      const distinct = await postJson(ctx, '/api/v1/declarations', { names: ['张三丰', '张三'], orgs: ['party'] });
      assert.equal(distinct.status, 201);
    });
  });
}
