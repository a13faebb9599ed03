import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { switchesCommand } from '../../../src/cli/switches-command.ts';
import { testEngines } from '../../helpers/databases.ts';
import { signInAs } from '../../helpers/console.ts';
import { countRows, formBody, postJson } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/*
 * Kill switches (docs/security.md, "Kill switches"): each feature can be turned off on its own, in
 * the console or on the command line, audited; off, it answers 503 with a page in the reader's
 * language (or the API's JSON), writes nothing, and everything stored stays as it was.
 */
const OFF_TEXT = {
  'zh-hans': '提交声明的功能暂时关闭了',
  'zh-hant': '提交聲明的功能暫時關閉了',
  en: 'Submitting declarations is switched off for now',
} as const;

for (const engine of testEngines()) {
  describe(`kill switches (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    async function cli(...args: string[]): Promise<string[]> {
      const out: string[] = [];
      const code = await switchesCommand.run(args, { config: ctx.config, io: { out: (line) => out.push(line), err: () => {} } });
      assert.equal(code, 0);
      // Another process changed the database: this one follows within a second.
      ctx.clock.advance(1001);
      return out;
    }

    async function auditOf(action: string) {
      return ctx.services.database.db.selectFrom('audit_log').select(['actor', 'target_id']).where('action', '=', action).execute();
    }

    test('submissions off with `tuidang switches set`: 503 in each language, on every way in, and nothing written', async () => {
      await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] });
      const stored = await countRows(ctx, 'declarations');
      assert.deepEqual(await cli('set', 'submissions', 'off'), ['submissions\toff', 'support\ton', 'search\ton', 'statistics\ton']);

      for (const locale of ['zh-hans', 'zh-hant', 'en'] as const) {
        const page = await ctx.app.request(`/${locale}/declare`);
        assert.equal(page.status, 503);
        assert.ok(page.headers.get('retry-after'));
        assert.match(await page.text(), new RegExp(OFF_TEXT[locale]));
      }
      const form = await ctx.app.request('/en/declare', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody({ names: '王明华', orgs: ['party'], behalf: 'self' }).toString(),
      });
      assert.equal(form.status, 503);
      const api = await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] });
      assert.equal(api.status, 503);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'feature.submissionsOff');
      const server = await ctx.listen();
      try {
        const lane = await fetch(`${server.url}/api/v1/declarations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ names: '明德', orgs: ['party'] }),
        });
        assert.equal(lane.status, 503, 'the submission lane hands a switched-off submission to the app');
      } finally {
        await server.close();
      }
      assert.equal(await countRows(ctx, 'declarations'), stored, 'nothing was written');
      assert.equal((await ctx.app.request('/api/v1/declarations')).status, 200, 'what is published is still read');
      assert.equal((await ctx.app.request('/en/search?q=abc')).status, 200, 'other features stay on');

      await cli('set', 'submissions', 'on');
      assert.equal((await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'] })).status, 201);
      assert.deepEqual(
        (await auditOf('switch.off')).map((row) => ({ ...row })),
        [{ actor: 'cli', target_id: 'submissions' }],
      );
      assert.equal((await auditOf('switch.on')).length, 1);
    });

    test('an admin turns search, statistics and support off in the console; each answers 503, the rest does not', async () => {
      const admin = await signInAs(ctx, 'admin');
      const page = await admin.get('/console/switches');
      assert.equal(page.status, 200);
      for (const name of ['search', 'statistics', 'support']) {
        const changed = await admin.post(`/console/switch/${name}`, { state: 'off' });
        assert.equal(changed.status, 200);
      }
      const off: [string, RegExp][] = [
        ['/en/search?q=abc', /Search is switched off for now/],
        ['/zh-hans/statistics', /统计页面暂时关闭了/],
        ['/zh-hant/support', /留言功能暫時關閉了/],
        ['/en/contact', /Messages are switched off for now/],
      ];
      for (const [path, text] of off) {
        const response = await ctx.app.request(path);
        assert.equal(response.status, 503, path);
        assert.match(await response.text(), text);
      }
      assert.equal((await ctx.app.request('/api/v1/stats/daily')).status, 503);
      assert.equal((await ctx.app.request('/api/v1/declarations?q=abc')).status, 503);
      assert.equal((await ctx.app.request('/api/v1/declarations')).status, 200, 'listing is not searching');
      assert.equal((await ctx.app.request('/en/declare')).status, 200, 'submissions stay on');
      assert.equal((await ctx.app.request('/api/v1/counter')).status, 200, 'the counter is not the statistics');
      assert.deepEqual((await auditOf('switch.off')).map((row) => row.target_id).sort(), [
        'search',
        'statistics',
        'submissions',
        'support',
      ]);
      for (const name of ['search', 'statistics', 'support']) await admin.post(`/console/switch/${name}`, { state: 'on' });
      assert.equal((await ctx.app.request('/en/search?q=abc')).status, 200);
      assert.equal((await ctx.app.request('/zh-hans/statistics')).status, 200);
    });

    test('only admins may turn a switch; an unknown switch or state changes nothing', async () => {
      const editor = await signInAs(ctx, 'editor');
      assert.equal((await editor.post('/console/switch/search', { state: 'off' })).status, 403);
      const admin = await signInAs(ctx, 'admin');
      assert.equal((await admin.post('/console/switch/everything', { state: 'off' })).status, 404);
      assert.equal((await admin.post('/console/switch/search', { state: 'maybe' })).status, 404);
      assert.equal((await ctx.app.request('/en/search?q=abc')).status, 200);
    });
  });
}
