import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareResponse } from './prepared-response.ts';
import { PreparedRoutes } from './prepared-routes.ts';

describe('prepared routes', () => {
  const page = prepareResponse('<p>home</p>', 'text/html', 'public');
  const permalink = prepareResponse('<p>one</p>', 'text/html', 'public');

  it('answers a registered path only while its peek has a response', () => {
    const routes = new PreparedRoutes();
    let current: typeof page | undefined = page;
    routes.add('/en/', () => current);
    assert.equal(routes.find('/en/'), page);
    current = undefined;
    assert.equal(routes.find('/en/'), undefined, 'a stale page goes the long way');
    current = page;
    for (const other of ['/en', '/en/?x=1', '/EN/', '/en//', '/en/%2F']) assert.equal(routes.find(other), undefined, other);
  });

  it('gives a pattern peek its match, and only for the whole target', () => {
    const routes = new PreparedRoutes();
    const seen: string[] = [];
    routes.addPattern(/^\/(en|zh-hans)\/declarations\/(\d{16})$/, (match) => (seen.push(`${match[1]}|${match[2]}`), permalink));
    assert.equal(routes.find('/zh-hans/declarations/9001665105308688'), permalink);
    assert.deepEqual(seen, ['zh-hans|9001665105308688']);
    assert.equal(routes.find('/zh-hans/declarations/9001665105308688?x'), undefined);
    assert.equal(routes.find('/zh-hans/declarations/9001-6651-0530-8688'), undefined);
    assert.equal(routes.find('/x/zh-hans/declarations/9001665105308688'), undefined);
  });

  it('refuses a pattern that is not anchored at both ends', () => {
    const routes = new PreparedRoutes();
    assert.throws(() => routes.addPattern(/\/declarations\/(\d+)$/, () => permalink), /anchored/);
    assert.throws(() => routes.addPattern(/^\/declarations\/(\d+)/, () => permalink), /anchored/);
  });
});
