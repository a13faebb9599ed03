import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../../helpers/console.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postForm } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/** Errors that named the wrong rule (issue 26) now name the one that was broken, in every language. */
for (const engine of testEngines()) {
  describe(`errors that say what is wrong (${engine})`, () => {
    let ctx: TestContext;
    let volunteer: StaffClient;
    before(async () => {
      ctx = await createTestContext(engine);
      volunteer = await signInAs(ctx, 'volunteer');
    });
    after(() => ctx.close());

    test('a batch row with two people is told one person per row', async () => {
      const fields: Record<string, string | string[]> = {
        count: '1',
        channel: 'phone',
        conversationDate: '2025-06-01',
        consent: 'confirmed',
      };
      Object.assign(fields, {
        action: 'submit',
        name_1: '王芳、王强',
        orgs_1: ['party'],
        headcount_1: '2',
        region_1: '',
        behalf_1: 'self',
        title_1: '',
        statement_1: '',
      });
      const html = await (await volunteer.post('/console/batch', fields)).text();
      assert.match(html, /“王芳、王强”是几个人的名字。每行只写一个人/);
      assert.doesNotMatch(html, /化名至少两个汉字/);
    });

    const nameCases = [
      ['zh-hans', 'A', /只有一个字母。拉丁字母的名字至少要两个字母/],
      ['zh-hant', 'A', /只有一個字母/],
      ['en', 'A', /is a single letter\. A name in Latin letters needs at least two/],
      ['zh-hans', 'User123', /里有数字/],
      ['zh-hant', 'User123', /裡有數字/],
      ['en', 'User123', /has digits in it/],
    ] as const;
    for (const [locale, name, message] of nameCases) {
      test(`${locale}: "${name}" is told the rule it breaks`, async () => {
        const response = await postForm(ctx, `/${locale}/declare`, { names: name, orgs: 'party' });
        assert.equal(response.status, 422);
        const html = await response.text();
        assert.match(html, message);
        assert.doesNotMatch(html, /cannot be used: an alias needs|不能用作名字|不能用作名字/);
      });
    }

    test('a one-character support message is told the minimum length, in each language', async () => {
      const expected = { 'zh-hans': /至少要写 2 个字/, 'zh-hant': /至少要寫 2 個字/, en: /at least 2 characters/ };
      for (const [locale, message] of Object.entries(expected)) {
        const response = await postForm(ctx, `/${locale}/support`, { message: '好', agree: 'yes' });
        assert.equal(response.status, 422);
        assert.match(await response.text(), message);
      }
    });

    test('approving with nothing ticked says to tick one; a center that does not exist is named as such', async () => {
      const editor = await signInAs(ctx, 'editor');
      const response = await editor.post('/console/moderation?status=pending', { decision: 'approve' });
      assert.equal(response.status, 303);
      const page = await (await editor.get(response.headers.get('location')!)).text();
      assert.match(page, /请至少勾选一份声明/);

      const admin = await signInAs(ctx, 'admin');
      const created = await admin.post('/console/staff', {
        name: '李义工',
        email: 'nobody@example.org',
        role: 'volunteer',
        centerId: '987654',
      });
      const html = await created.text();
      assert.match(html, /没有这个服务中心/);
      assert.doesNotMatch(html, /每个账户都要属于一个服务中心/);
    });
  });
}
