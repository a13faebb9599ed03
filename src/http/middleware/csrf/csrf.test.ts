import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { SignedInSession } from '../../../services/staff-auth-service.ts';
import type { AppEnv } from '../../env.ts';
import { CSRF_FIELD, csrfProtection } from './csrf.ts';

const TOKEN = 'the-session-csrf-token-0123456789';
const PUBLIC_ORIGIN = 'https://registry.example';

const session: SignedInSession = {
  token: 'session',
  csrfToken: TOKEN,
  secondFactor: true,
  needsTotpEnrolment: false,
  actor: { id: 1, email: 'a@example.org', name: 'A', role: 'admin', centerId: null, trusted: false },
};

/** The session middleware's part, reduced to a header: `x-signed-in: 1` carries the session. */
function app() {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    if (c.req.header('x-signed-in')) c.set('staffSession', session);
    await next();
  });
  app.use(csrfProtection((c) => c.text('csrf', 403), PUBLIC_ORIGIN));
  app.get('/', (c) => c.text('page'));
  app.post('/', (c) => c.text('done'));
  return app;
}

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app().request('http://localhost/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const signedIn = { 'x-signed-in': '1' };

test('a same-origin post passes, with the session token when there is a session', async () => {
  assert.equal((await post({}, { 'sec-fetch-site': 'same-origin' })).status, 200);
  assert.equal((await post({ [CSRF_FIELD]: TOKEN }, { ...signedIn, 'sec-fetch-site': 'same-origin', origin: 'null' })).status, 200);
  assert.equal((await post({ [CSRF_FIELD]: TOKEN }, { ...signedIn, origin: PUBLIC_ORIGIN })).status, 200);
  assert.equal((await post({ [CSRF_FIELD]: TOKEN }, { ...signedIn, origin: 'http://localhost' })).status, 200);
});

test('a post another site makes is refused, by Sec-Fetch-Site or by Origin', async () => {
  for (const site of ['cross-site', 'same-site', 'none']) {
    const response = await post({ [CSRF_FIELD]: TOKEN }, { ...signedIn, 'sec-fetch-site': site });
    assert.equal(response.status, 403, site);
    assert.equal(await response.text(), 'csrf');
  }
  for (const origin of ['https://evil.example', 'https://registry.example.evil.example', 'http://registry.example']) {
    assert.equal((await post({ [CSRF_FIELD]: TOKEN }, { ...signedIn, origin })).status, 403, origin);
  }
  assert.equal((await post({}, { origin: 'https://evil.example' })).status, 403, 'without a session too');
});

test('a signed-in post without its session token, or with another, is refused', async () => {
  assert.equal((await post({}, signedIn)).status, 403, 'missing');
  assert.equal((await post({ [CSRF_FIELD]: '' }, signedIn)).status, 403, 'empty');
  assert.equal((await post({ [CSRF_FIELD]: `${TOKEN.slice(0, -1)}x` }, signedIn)).status, 403, 'forged, same length');
  assert.equal((await post({ [CSRF_FIELD]: `${TOKEN}0` }, signedIn)).status, 403, 'forged, longer');
});

test('a body that cannot be read is refused rather than let through', async () => {
  const response = await app().request('http://localhost/', {
    method: 'POST',
    headers: { ...signedIn, 'content-type': 'multipart/form-data; boundary=nothing' },
    body: 'not multipart at all',
  });
  assert.equal(response.status, 403);
});

test('reads are not checked', async () => {
  const response = await app().request('http://localhost/', {
    headers: { ...signedIn, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
  });
  assert.equal(response.status, 200);
});
