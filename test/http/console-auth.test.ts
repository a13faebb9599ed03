import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../helpers/databases.ts';
import { PASSWORD, signInAs, totpCode } from '../helpers/console.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

function postForm(ctx: TestContext, path: string, fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) {
  return ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `tuidang_staff=${cookie}` } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
const cookieOf = (response: Response) => /tuidang_staff=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

async function auditActions(ctx: TestContext): Promise<string[]> {
  const rows = await ctx.services.database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((row) => row.action);
}

for (const engine of testEngines()) {
  describe(`console sign-in (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test('the console is closed without a session; pages redirect to sign-in', async () => {
      const response = await ctx.app.request('/console');
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/console/sign-in');
      const post = await postForm(ctx, '/console/staff', { name: 'x' });
      assert.equal(post.status, 401);
    });

    test('the sign-in page in three languages, uncached', async () => {
      for (const [lang, text] of [
        ['zh-hans', '工作人员登录'],
        ['zh-hant', '工作人員登入'],
        ['en', 'Staff sign-in'],
      ]) {
        const response = await ctx.app.request(`/console/sign-in?lang=${lang}`);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.match(await response.text(), new RegExp(text!));
      }
    });

    test('password then TOTP; the session cookie is strict and scoped', async () => {
      const client = await signInAs(ctx, 'editor');
      const home = await client.get('/console');
      assert.equal(home.status, 200);
      assert.match(await home.text(), /id="role">编辑</);
      const signIn = await postForm(ctx, '/console/sign-in', { email: client.email, password: PASSWORD });
      const setCookie = signIn.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      assert.match(setCookie, /Secure/);
      assert.match(setCookie, /Path=\/console/);
      const pending = cookieOf(signIn)!;
      const before2fa = await ctx.app.request('/console', { headers: { cookie: `tuidang_staff=${pending}` } });
      assert.equal(before2fa.status, 303, 'a password alone opens nothing');
      assert.equal(before2fa.headers.get('location'), '/console/sign-in/code');
      assert.deepEqual((await auditActions(ctx)).filter((a) => a === 'auth.totpEnrolled').length, 1);
    });

    test('a TOTP code works once', async () => {
      const client = await signInAs(ctx, 'volunteer');
      const codePage = async () => {
        const signIn = await postForm(ctx, '/console/sign-in', { email: client.email, password: PASSWORD });
        const cookie = cookieOf(signIn)!;
        const page = await (await ctx.app.request('/console/sign-in/code', { headers: { cookie: `tuidang_staff=${cookie}` } })).text();
        return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
      };
      const code = totpCode(client.totpSecret, 1);
      const first = await codePage();
      const ok = await postForm(ctx, '/console/sign-in/code', { _csrf: first.csrf, code }, first.cookie);
      assert.equal(ok.status, 303);
      const second = await codePage();
      const replay = await postForm(ctx, '/console/sign-in/code', { _csrf: second.csrf, code }, second.cookie);
      assert.equal(replay.status, 422);
      assert.match(await replay.text(), /验证码不正确或已经用过/);
      const wrong = await postForm(ctx, '/console/sign-in/code', { _csrf: second.csrf, code: '000000' }, second.cookie);
      assert.equal(wrong.status, 422);
    });

    test('wrong passwords lock the account after five tries, with a clear message, audited', async () => {
      const client = await signInAs(ctx, 'auditor');
      for (let i = 0; i < 4; i++) {
        const response = await postForm(ctx, '/console/sign-in', { email: client.email, password: 'wrong password!!' });
        assert.equal(response.status, 422);
        assert.match(await response.text(), /邮箱或密码不正确/);
      }
      await postForm(ctx, '/console/sign-in', { email: client.email, password: 'wrong password!!' });
      const locked = await postForm(ctx, '/console/sign-in?lang=en', { email: client.email, password: PASSWORD });
      assert.equal(locked.status, 422);
      assert.equal(cookieOf(locked), undefined);
      assert.match(await locked.text(), /After 5 wrong tries in a row the account is locked for 15 minutes/);
      const actions = await auditActions(ctx);
      assert.ok(actions.includes('auth.locked'));
      assert.ok(actions.filter((a) => a === 'auth.signInFailed').length >= 4);
    });

    test('an unknown e-mail gets the same answer as a wrong password', async () => {
      const response = await postForm(ctx, '/console/sign-in', { email: 'nobody@example.org', password: 'whatever whatever' });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /邮箱或密码不正确/);
    });

    test('CSRF: a missing or wrong token, or a foreign Origin, is refused and changes nothing', async () => {
      const admin = await signInAs(ctx, 'admin');
      const count = async () =>
        Number((await sql<{ n: number }>`select count(*) as n from staff`.execute(ctx.services.database.db)).rows[0]!.n);
      const before = await count();
      const fields = { name: 'Eve', email: 'eve@example.org', role: 'admin' };
      for (const options of [{ csrf: null }, { csrf: 'forged' }, { origin: 'https://evil.example' }, { site: 'cross-site' }]) {
        const response = await admin.post('/console/staff', fields, options);
        assert.equal(response.status, 403, JSON.stringify(options));
        assert.match(await response.text(), /表单已过期或来源不明/);
      }
      assert.equal(await count(), before);
      const ok = await admin.post('/console/staff', fields, { origin: 'http://localhost' });
      assert.equal(ok.status, 200);
      assert.equal(await count(), before + 1);
    });

    test('sessions expire after 30 idle minutes and after 12 hours', async () => {
      const idle = await signInAs(ctx, 'editor');
      await ctx.services.database.db
        .updateTable('staff_sessions')
        .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
        .where('staff_id', '=', idle.staffId)
        .execute();
      assert.equal((await idle.get('/console')).status, 303);

      const old = await signInAs(ctx, 'editor');
      await ctx.services.database.db
        .updateTable('staff_sessions')
        .set({ created_at: new Date(Date.now() - 13 * 3600_000).toISOString() })
        .where('staff_id', '=', old.staffId)
        .execute();
      assert.equal((await old.get('/console')).status, 303);
    });

    test('sign out ends this session; sign out everywhere ends all of them', async () => {
      const a = await signInAs(ctx, 'volunteer');
      assert.equal((await a.post('/console/sign-out')).status, 303);
      assert.equal((await a.get('/console')).status, 303);

      const b = await signInAs(ctx, 'volunteer');
      const session = await ctx.services.staffAuth.session(b.cookie);
      assert.ok(session);
      assert.equal((await b.post('/console/sign-out-everywhere')).status, 303);
      assert.equal((await b.get('/console')).status, 303);
      assert.ok((await auditActions(ctx)).includes('auth.signedOutEverywhere'));
    });

    test('enrolment and reset links work once', async () => {
      const added = await ctx.services.staffAdmin.add('cli', {
        email: 'once@example.org',
        name: 'Once',
        role: 'admin',
        centerId: null,
        trusted: false,
      });
      assert.ok(added.ok);
      const path = `/console/enrol/${added.value.enrolToken}`;
      assert.equal((await ctx.app.request(path)).status, 200);
      const weak = await postForm(ctx, path, { password: 'short', confirmation: 'short' });
      assert.equal(weak.status, 422);
      const mismatch = await postForm(ctx, path, { password: PASSWORD, confirmation: `${PASSWORD}!` });
      assert.equal(mismatch.status, 422);
      assert.equal((await postForm(ctx, path, { password: PASSWORD, confirmation: PASSWORD })).status, 303);
      const replay = await postForm(ctx, path, { password: 'another password 123', confirmation: 'another password 123' });
      assert.equal(replay.status, 404);
      assert.equal((await ctx.app.request('/console/enrol/forged-token')).status, 404);
    });

    test('an admin-issued reset link sets a new password and ends old sessions', async () => {
      const admin = await signInAs(ctx, 'admin');
      const member = await signInAs(ctx, 'editor');
      const page = await (await admin.post(`/console/staff/${member.staffId}/reset-link`)).text();
      const link = /id="one-time-link">[^<]*(\/console\/reset\/[A-Za-z0-9_-]+)</.exec(page)?.[1];
      assert.ok(link, 'the link is shown once');
      const fresh = 'a brand new password 42';
      assert.equal((await postForm(ctx, link, { password: fresh, confirmation: fresh })).status, 303);
      assert.equal((await member.get('/console')).status, 303, 'old sessions ended');
      assert.equal((await postForm(ctx, '/console/sign-in', { email: member.email, password: PASSWORD })).status, 422);
      assert.equal((await postForm(ctx, '/console/sign-in', { email: member.email, password: fresh })).status, 303);
      assert.equal((await postForm(ctx, link, { password: fresh, confirmation: fresh })).status, 404, 'works once');
    });
  });
}

describe('tuidang staff add and tuidang audit verify', () => {
  test('the CLI prints a one-time link; audit verify detects an altered or removed entry', async () => {
    const ctx = await createTestContext('sqlite', { TUIDANG_PUBLIC_URL: 'https://console.example/' });
    try {
      const env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl, TUIDANG_PUBLIC_URL: 'https://console.example/' };
      const added = await runCliInProcess(['staff', 'add', '--email', 'First@Example.org', '--name', '第一位', '--role', 'admin'], env);
      assert.equal(added.code, 0, added.stderr);
      const link = /https:\/\/console\.example\/console\/enrol\/([A-Za-z0-9_-]+)/.exec(added.stdout);
      assert.ok(link, added.stdout);
      assert.equal((await ctx.app.request(`/console/enrol/${link[1]}`)).status, 200);

      const invalid = await runCliInProcess(['staff', 'add', '--email', 'x', '--name', '', '--role', 'king'], env);
      assert.equal(invalid.code, 2);
      assert.match(invalid.stderr, /--email/);
      const noCenter = await runCliInProcess(['staff', 'add', '--email', 'v@example.org', '--name', 'V', '--role', 'volunteer'], env);
      assert.equal(noCenter.code, 2);
      assert.match(noCenter.stderr, /service center/);

      const first = await ctx.services.database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      assert.equal(first.action, 'keys.created', 'creating the keys on first start is audited');
      assert.deepEqual(JSON.parse(first.details), { keys: ['contact', 'receipt', 'staff', 'audit', 'index', 'log-signing'] });
      await signInAs(ctx, 'editor');
      const intact = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(intact.code, 0, intact.stderr);
      assert.match(intact.stdout, /Audit log intact: \d+ entries verified/);

      const db = ctx.services.database.db;
      const middle = await db.selectFrom('audit_log').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow();
      await db.updateTable('audit_log').set({ actor: 'someone else' }).where('id', '=', middle.id).execute();
      const altered = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(altered.code, 1);
      assert.match(altered.stderr, new RegExp(`BROKEN at entry ${middle.id} \\(its content was altered`));

      await db.deleteFrom('audit_log').where('id', '=', middle.id).execute();
      const removed = await runCliInProcess(['audit', 'verify'], env);
      assert.equal(removed.code, 1);
      assert.match(removed.stderr, /removed or reordered/);
    } finally {
      await ctx.close();
    }
  });
});
