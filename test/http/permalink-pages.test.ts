import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../src/http/app.ts';
import { PreparedRoutes } from '../../src/http/fast-lane/prepared-routes.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createServices, type Composition } from '../../src/composition.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';

for (const engine of testEngines()) {
  describe(`permalink pages kept prepared (${engine})`, () => {
    let ctx: TestContext;
    let editor: StaffClient;
    let other: { composition: Composition; app: ReturnType<typeof createApp> };
    before(async () => {
      ctx = await createTestContext(engine);
      editor = await signInAs(ctx, 'editor');
      // A second server process on the same database, as behind a load balancer.
      const composition = await createServices(ctx.config, { migrate: false, clock: ctx.clock.now });
      other = {
        composition,
        app: createApp({ logger: createLogger('silent'), services: composition.services, prepared: new PreparedRoutes() }),
      };
    });
    after(async () => {
      await other.composition.close();
      await ctx.close();
    });

    async function published(title: string): Promise<string> {
      const receipt = await submitDeclaration(ctx, { names: ['王明华'], orgs: ['league'], title, statement: '我的电话是 13800000000' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      return receipt.registrationNumber;
    }

    test('the same bytes and ETag on every read; a conditional request gets 304', async () => {
      const number = await published('声明一');
      const first = await ctx.app.request(`/zh-hans/declarations/${number}`);
      const second = await ctx.app.request(`/zh-hans/declarations/${number}`);
      assert.equal(await first.text(), await second.text());
      const etag = second.headers.get('etag')!;
      assert.match(etag, /^"/);
      const conditional = await ctx.app.request(`/zh-hans/declarations/${number}`, { headers: { 'if-none-match': etag } });
      assert.equal(conditional.status, 304);
      assert.equal(second.headers.get('cache-control'), 'public, max-age=60');
      assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'none'/);
    });

    test('a redaction shows at once in this process, and within a second in another', async () => {
      const number = await published('声明二');
      const path = `/zh-hans/declarations/${number}`;
      assert.match(await (await ctx.app.request(path)).text(), /13800000000/);
      assert.match(await (await other.app.request(path)).text(), /13800000000/);
      const redacted = await editor.post(`/console/moderation/${number}/redact`, { title: '声明二', statement: '我的电话是 [已删除]' });
      assert.equal(redacted.status, 303);
      assert.doesNotMatch(await (await ctx.app.request(path)).text(), /13800000000/, 'this process dropped its page');
      ctx.clock.advance(1_100);
      assert.doesNotMatch(await (await other.app.request(path)).text(), /13800000000/, 'the other read the row again');
    });

    test('a change made by hand in SQL shows within a second in every process', async () => {
      const number = await published('声明四');
      const path = `/zh-hans/declarations/${number}`;
      assert.match(await (await ctx.app.request(path)).text(), /声明四/);
      assert.match(await (await other.app.request(path)).text(), /声明四/);
      await sql`update declarations set title = ${'声明四（更正）'} where registration_number = ${number}`.execute(
        ctx.services.database.db,
      );
      ctx.clock.advance(1_100);
      for (const app of [ctx.app, other.app]) assert.match(await (await app.request(path)).text(), /声明四（更正）/);
      await sql`update declarations set status = ${'rejected'} where registration_number = ${number}`.execute(ctx.services.database.db);
      ctx.clock.advance(1_100);
      for (const app of [ctx.app, other.app]) assert.equal((await app.request(path)).status, 404);
    });

    test('a retraction takes the page down at once', async () => {
      const receipt = await submitDeclaration(ctx, { names: ['李平安'], orgs: ['party'], title: '声明三' });
      await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
      const path = `/en/declarations/${receipt.registrationNumber}`;
      assert.equal((await ctx.app.request(path)).status, 200);
      assert.ok((await ctx.services.declarations.retract(receipt.registrationNumber, receipt.queryPassword)).ok);
      assert.equal((await ctx.app.request(path)).status, 404);
    });
  });
}
