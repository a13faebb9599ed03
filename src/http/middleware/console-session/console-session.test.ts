import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { SignedInSession } from '../../../services/staff-auth-service.ts';
import type { AppEnv } from '../../env.ts';
import { SESSION_COOKIE, clearSessionCookie, consoleSession, setSessionCookie } from './console-session.ts';

const session: SignedInSession = {
  token: 'live-token',
  csrfToken: 'csrf',
  secondFactor: true,
  needsTotpEnrolment: false,
  actor: { id: 7, email: 'a@example.org', name: 'A', role: 'editor', centerId: null, trusted: false },
};

/** The session service reduced to its lookup: only `live-token` is a session. */
function app() {
  const asked: (string | undefined)[] = [];
  const app = new Hono<AppEnv>();
  app.use(
    '/console/*',
    consoleSession({
      session: async (token) => {
        asked.push(token);
        return token === session.token ? session : null;
      },
    }),
  );
  app.get('/console/page', (c) => c.text(`${c.get('locale')} ${c.get('t').lang} ${c.get('staffSession')?.actor.id ?? 'none'}`));
  app.get('/console/cached', (c) => c.text('page', 200, { 'Cache-Control': 'public, max-age=600' }));
  app.get('/console/sign-in', (c) => {
    setSessionCookie(c, 'new-token');
    return c.text('signed in');
  });
  app.get('/console/sign-out', (c) => {
    clearSessionCookie(c);
    return c.text('signed out');
  });
  return { app, asked };
}

const get = (path: string, headers: Record<string, string> = {}) => app().app.request(path, { headers });

test('a live session cookie puts the session in the context; another cookie, or none, does not', async () => {
  const { app: withSession, asked } = app();
  assert.equal(
    await (await withSession.request('/console/page', { headers: { cookie: `${SESSION_COOKIE}=live-token` } })).text(),
    'zh-hans zh-Hans 7',
  );
  assert.deepEqual(asked, ['live-token']);
  assert.equal(await (await get('/console/page', { cookie: `${SESSION_COOKIE}=forged` })).text(), 'zh-hans zh-Hans none');
  assert.equal(await (await get('/console/page')).text(), 'zh-hans zh-Hans none');
});

test('the language: ?lang= sets it and is remembered, otherwise the remembered one, otherwise Accept-Language', async () => {
  const chosen = await get('/console/page?lang=en', { 'accept-language': 'zh-TW' });
  assert.equal(await chosen.text(), 'en en none');
  const remember = chosen.headers.get('set-cookie') ?? '';
  assert.match(remember, /^tuidang_console_lang=en;/);
  for (const attribute of [/Path=\/console/, /HttpOnly/, /Secure/, /SameSite=Strict/]) assert.match(remember, attribute);
  assert.equal(
    await (await get('/console/page', { cookie: 'tuidang_console_lang=zh-hant', 'accept-language': 'en' })).text(),
    'zh-hant zh-Hant none',
  );
  assert.equal(await (await get('/console/page', { 'accept-language': 'en-GB' })).text(), 'en en none');
  assert.equal(
    await (await get('/console/page?lang=xx', { cookie: 'tuidang_console_lang=bogus', 'accept-language': 'en' })).text(),
    'en en none',
  );
});

test('no console response is stored, whatever its handler said', async () => {
  assert.equal((await get('/console/page')).headers.get('cache-control'), 'no-store');
  assert.equal((await get('/console/cached')).headers.get('cache-control'), 'no-store');
});

test('the session cookie is HttpOnly, Secure, SameSite=Strict and scoped to /console', async () => {
  const set = (await get('/console/sign-in')).headers.get('set-cookie') ?? '';
  assert.match(set, new RegExp(`^${SESSION_COOKIE}=new-token;`));
  for (const attribute of [/Path=\/console/, /HttpOnly/, /Secure/, /SameSite=Strict/]) assert.match(set, attribute);
  const cleared = (await get('/console/sign-out')).headers.get('set-cookie') ?? '';
  assert.match(cleared, new RegExp(`^${SESSION_COOKIE}=;`));
  assert.match(cleared, /Max-Age=0/);
  assert.match(cleared, /Path=\/console/);
});
