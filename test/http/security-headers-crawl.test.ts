import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signInAs, type StaffClient } from '../helpers/console.ts';
import { submitDeclaration } from '../helpers/requests.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Every route of the app's route table, public and console, asked over real HTTP through the
 * server's edge (HTTPS with an onion address, as a deployment behind TLS is configured): GETs as a
 * signed-in admin where the console asks for one, POSTs without a CSRF token (so nothing changes,
 * and their refusals are checked too). Each answer carries the security headers; each HTML page
 * runs no script the policy does not name by nonce, has no inline event handler and no
 * javascript: URL, and every inline style sheet is allowed by the policy's nonce or hash.
 *
 * On SQLite only: the headers are the HTTP layer's, the same whatever the engine.
 */
const ONION = `http://${'a'.repeat(56)}.onion`;

interface Answer {
  route: string;
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

const DOCUMENT_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function policyOf(answer: Answer): Map<string, string[]> {
  const csp = answer.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

function checkHeaders(answer: Answer): void {
  const where = `${answer.route} (${answer.path}, ${answer.status})`;
  const policy = policyOf(answer);
  assert.ok(policy.size > 0, `${where}: a Content-Security-Policy`);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], where);
  for (const sources of policy.values()) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:']) {
      if (bad === 'data:' && sources === policy.get('img-src')) continue;
      assert.ok(!sources.includes(bad), `${where}: ${bad} in ${[...policy.keys()].join(', ')}`);
    }
  }
  assert.equal(answer.headers.get('strict-transport-security'), 'max-age=31536000', `${where}: HSTS behind TLS`);
  assert.equal(answer.headers.get('onion-location'), ONION + answer.path.split('?')[0], `${where}: Onion-Location`);
  assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', where);
  assert.equal(answer.headers.get('referrer-policy'), 'no-referrer', where);
  assert.ok(answer.headers.get('cross-origin-resource-policy'), `${where}: CORP`);
  if (!(answer.headers.get('content-type') ?? '').startsWith('text/html')) return;
  for (const [name, value] of Object.entries(DOCUMENT_HEADERS)) assert.equal(answer.headers.get(name), value, `${where}: ${name}`);
  assert.match(answer.headers.get('permissions-policy') ?? '', /camera=\(\)/, `${where}: Permissions-Policy`);
  checkDocument(answer, policy, where);
}

function checkDocument(answer: Answer, policy: Map<string, string[]>, where: string): void {
  const html = answer.body;
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, `${where}: an inline event handler`);
  assert.doesNotMatch(html, /\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i, `${where}: a javascript: URL`);
  const scripts = policy.get('script-src') ?? [];
  for (const tag of html.matchAll(/<script\b[^>]*>/gi)) {
    const nonce = /\snonce="([^"]+)"/.exec(tag[0])?.[1];
    // A file of the site itself (the form's proof of work) where the policy allows the site's scripts.
    const ownFile = /\ssrc="\/(?!\/)[^"]*"/.test(tag[0]) && scripts.includes("'self'");
    assert.ok(ownFile || (nonce && scripts.includes(`'nonce-${nonce}'`)), `${where}: a script the policy does not name: ${tag[0]}`);
  }
  const styles = policy.get('style-src') ?? [];
  for (const match of html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)) {
    const nonce = /\snonce="([^"]+)"/.exec(match[1]!)?.[1];
    const hash = `'sha256-${createHash('sha256').update(match[2]!).digest('base64')}'`;
    assert.ok((nonce && styles.includes(`'nonce-${nonce}'`)) || styles.includes(hash), `${where}: a style sheet the policy does not allow`);
  }
}

describe('every route answers with the security headers', () => {
  let ctx: TestContext;
  let server: { url: string; close(): Promise<void> };
  let admin: StaffClient;
  let values: Record<string, string>;

  before(async () => {
    ctx = await createTestContext('sqlite');
    admin = await signInAs(ctx, 'admin');
    const receipt = await submitDeclaration(ctx);
    values = {
      locale: 'en',
      registrationNumber: receipt.registrationNumber,
      number: receipt.registrationNumber,
      id: String(admin.staffId),
      center: '1',
      contact: '1',
      ref: 'no-such-ref',
      day: '2026-11-23',
      token: 'not-a-token',
      action: 'revoke-sessions',
      n: '0',
    };
    server = await ctx.listen({ maxConnections: 4096, hsts: true, onionUrl: ONION });
  });
  after(async () => {
    await server.close();
    await ctx.close();
  });

  test('GET, HEAD and POST of every route in the route tables', async () => {
    const routes = new Map<string, { method: string; path: string }>();
    for (const route of ctx.app.routes) {
      if (route.method === 'ALL' || route.method === 'OPTIONS') continue;
      routes.set(`${route.method} ${route.path}`, route);
    }
    assert.ok(routes.size > 150, `${routes.size} routes`);
    let pages = 0;
    for (const [name, route] of routes) {
      const path = route.path.replace(/:(\w+)/g, (_, key: string) => values[key] ?? 'x').replace('*', 'x');
      const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
      for (const method of methods) {
        const console = path.startsWith('/console');
        const response = await fetch(`${server.url}${path}`, {
          method,
          redirect: 'manual',
          headers: {
            ...(console ? { cookie: `tuidang_staff=${admin.cookie}` } : {}),
            ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' } : {}),
          },
          body: method === 'POST' ? '' : undefined,
        });
        const body = method === 'HEAD' ? '' : await response.text();
        assert.ok(response.status < 500, `${name}: ${response.status}`);
        if ((response.headers.get('content-type') ?? '').startsWith('text/html') && method === 'GET') pages++;
        checkHeaders({ route: `${method} ${route.path}`, path, status: response.status, headers: response.headers, body });
      }
    }
    assert.ok(pages > 100, `${pages} HTML pages checked`);
  });

  test('a console page gets a new nonce on every answer, a public page the same policy', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/console`, { headers: { cookie: `tuidang_staff=${admin.cookie}` } });
      await response.arrayBuffer();
      nonces.add(/'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? '');
    }
    assert.equal(nonces.size, 3);
    const policies = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/en/`);
      await response.arrayBuffer();
      policies.add(response.headers.get('content-security-policy') ?? '');
    }
    assert.equal(policies.size, 1);
    assert.match([...policies][0]!, /script-src 'none'/);
  });
});
