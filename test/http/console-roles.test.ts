import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STAFF_ROLES } from '../../src/domain/staff/roles.ts';
import { CONSOLE_RULES } from '../../src/http/console/console-rules.ts';
import { can, type Permission } from '../../src/domain/staff/permissions.ts';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/** Concrete values for path parameters, so every route can be called. */
function concrete(path: string, targetId: number): string {
  return path
    .replace(':id', String(targetId))
    .replace(':action', 'revoke-sessions')
    .replace(':token', 'not-a-token')
    .replace(':locale', 'en')
    .replace(':name', 'search');
}

describe('the console role matrix', () => {
  let ctx: TestContext;
  const clients = new Map<string, StaffClient>();
  let targetId: number;

  before(async () => {
    ctx = await createTestContext();
    for (const role of STAFF_ROLES) clients.set(role, await signInAs(ctx, role));
    targetId = (await signInAs(ctx, 'volunteer')).staffId;
  });
  after(() => ctx.close());

  test('every console route the app serves has a rule, and every rule is served', () => {
    const served = new Set(
      ctx.app.routes
        .filter((route) => route.path.startsWith('/console') && route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path}`),
    );
    assert.deepEqual([...served].sort(), Object.keys(CONSOLE_RULES).sort());
  });

  test('the navigation shows only what the role may open', async () => {
    const links = async (role: string) => {
      const html = await (await clients.get(role)!.get('/console')).text();
      return [...html.matchAll(/<nav>(.*?)<\/nav>/gs)][0]![1]!.match(/href="[^"]+"/g) ?? ([] as string[]);
    };
    assert.deepEqual(await links('volunteer'), [
      'href="/console"',
      'href="/console/batch"',
      'href="/console/campaigns"',
      'href="/console/inbox"',
    ]);
    assert.ok((await links('admin')).includes('href="/console/audit"'));
    assert.ok((await links('auditor')).includes('href="/console/audit"'));
    assert.ok(!(await links('editor')).includes('href="/console/staff"'));
    assert.ok((await links('admin')).includes('href="/console/newsletter"'));
    assert.ok(!(await links('center_admin')).includes('href="/console/newsletter"'));
    assert.ok((await links('editor')).includes('href="/console/certificates"'), 'editors decide certificate requests');
    assert.ok(!(await links('center_admin')).includes('href="/console/certificates"'));
    assert.ok((await links('admin')).includes('href="/console/switches"'));
    for (const role of ['volunteer', 'editor', 'center_admin', 'auditor']) {
      assert.ok(!(await links(role)).includes('href="/console/switches"'), `${role} sees no kill switches`);
    }
  });

  test('a center admin manages only their own center', async () => {
    const centerAdmin = clients.get('center_admin')!;
    const at = new Date().toISOString();
    const other = await ctx.services.database.db
      .insertInto('centers')
      .values({
        name: 'Other',
        city: 'Taipei',
        country: 'TW',
        hotlines: '[]',
        languages: '中文',
        is_public: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outsider = await signInAs(ctx, 'volunteer', { centerId: other.id });
    assert.equal((await centerAdmin.post(`/console/staff/${outsider.staffId}/deactivate`)).status, 403);
    assert.equal((await centerAdmin.post(`/console/staff/${targetId}/trust`)).status, 403, 'only a global admin grants trust');
    const html = await (await centerAdmin.get('/console/staff')).text();
    assert.ok(!html.includes(outsider.email), 'staff of other centers are not listed');
  });
  // Signing out everywhere ends the clients' sessions, so it is checked last.
  const ordered = Object.entries(CONSOLE_RULES).sort(([a], [b]) => Number(a.includes('sign-out')) - Number(b.includes('sign-out')));
  for (const [key, rule] of ordered) {
    if (rule === 'anonymous' || rule === 'session') continue;
    const [method, path] = key.split(' ') as ['GET' | 'POST', string];
    test(`${key}: allowed exactly for the roles granted ${rule}`, async () => {
      for (const role of STAFF_ROLES) {
        const client = clients.get(role)!;
        const url = concrete(path, targetId);
        const response = method === 'GET' ? await client.get(url) : await client.post(url);
        const allowed = can({ role, trusted: false }, rule as Permission);
        if (allowed) assert.notEqual(response.status, 403, `${role} should reach ${key}`);
        else assert.equal(response.status, 403, `${role} must be refused ${key}`);
        if (!allowed) assert.match(await response.text(), /您没有执行此操作的权限/);
      }
    });
  }
});
