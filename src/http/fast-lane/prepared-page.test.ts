import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreparedPage } from './prepared-page.ts';
import { prepareResponse } from './prepared-response.ts';
import { PreparedRoutes } from './prepared-routes.ts';

describe('prepared pages', () => {
  /** A reading the test sets, and a count of renders. */
  function page() {
    let reading: { total: number } | undefined;
    const renders: string[] = [];
    const data = {
      current: () => reading,
      get: async () => {
        reading ??= { total: 0 };
        return reading;
      },
    };
    const prepared = new PreparedPage(data, (locale, value) => {
      renders.push(locale);
      return prepareResponse(`${locale} ${value.total}`, 'text/plain', 'public');
    });
    const read = (total: number) => {
      reading = { total };
    };
    return { prepared, renders, read };
  }
  const text = (response: { body: Uint8Array } | undefined) => response && Buffer.from(response.body).toString();

  it('renders once per locale and reading, and keeps the pages while a new reading is equal', async () => {
    const t = page();
    assert.equal(t.prepared.peek('en'), undefined, 'nothing read yet: the long way');
    assert.equal(text(await t.prepared.get('en')), 'en 0');
    t.read(1);
    assert.equal(text(t.prepared.peek('en')), 'en 1');
    assert.equal(text(t.prepared.peek('zh-hans')), 'zh-hans 1');
    t.read(1); // the next second's reading: a new object, the same figures
    assert.equal(text(t.prepared.peek('en')), 'en 1');
    assert.deepEqual(t.renders, ['en', 'en', 'zh-hans'], 'an equal reading is not rendered again');
    t.read(2);
    assert.equal(text(t.prepared.peek('zh-hans')), 'zh-hans 2');
    assert.equal(t.renders.length, 4);
  });

  it('answers its path in every locale from the prepared lane', async () => {
    const t = page();
    const routes = new PreparedRoutes();
    t.prepared.serveAt(routes, '/statistics');
    assert.equal(routes.find('/en/statistics'), undefined);
    t.read(5);
    assert.equal(text(routes.find('/zh-hant/statistics')), 'zh-hant 5');
    assert.equal(routes.find('/en/statistics?from=2020-01-01'), undefined);
  });
});
