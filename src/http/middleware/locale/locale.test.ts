import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import { fixedLocale, negotiatedLocale } from './locale.ts';

/** Answers with the locale and the catalog's language tag the middleware set. */
function app() {
  const app = new Hono<AppEnv>();
  const echo = (c: Context<AppEnv>) => c.text(`${c.get('locale')} ${c.get('t').lang}`);
  app.use('/zh-hant/*', fixedLocale('zh-hant'));
  app.use('/en/*', fixedLocale('en'));
  app.get('/zh-hant/page', echo);
  app.get('/en/page', echo);
  app.use('/api/*', negotiatedLocale());
  app.get('/api/words', echo);
  const counter = prepareResponse('{}', 'application/json', 'no-cache');
  app.get('/api/counter', (c) => servePrepared(c, counter));
  return app;
}

test('a page takes its locale from the path, whatever the browser asks for', async () => {
  const hant = await app().request('/zh-hant/page', { headers: { 'accept-language': 'en' } });
  assert.equal(await hant.text(), 'zh-hant zh-Hant');
  assert.equal(hant.headers.get('vary'), null, 'the path decides, so a cache needs no Vary');
  assert.equal(await (await app().request('/en/page', { headers: { 'accept-language': 'zh-CN' } })).text(), 'en en');
});

test('the API negotiates from Accept-Language, and says so in Vary', async () => {
  const cases: [string | undefined, string][] = [
    ['en-US,en;q=0.9', 'en en'],
    ['zh-TW', 'zh-hant zh-Hant'],
    ['fr;q=1, zh-Hant;q=0.5, en;q=0.8', 'en en'],
    ['de', 'zh-hans zh-Hans'],
    [undefined, 'zh-hans zh-Hans'],
  ];
  for (const [header, expected] of cases) {
    const response = await app().request('/api/words', { headers: header === undefined ? {} : { 'accept-language': header } });
    assert.equal(await response.text(), expected, String(header));
    assert.equal(response.headers.get('vary'), 'Accept-Language', String(header));
  }
});

test('a prepared response is the same in every language and is left as it was', async () => {
  const response = await app().request('/api/counter', { headers: { 'accept-language': 'en' } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('vary'), null);
});
