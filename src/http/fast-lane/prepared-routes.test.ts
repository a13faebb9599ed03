import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareResponse } from './prepared-response.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../logging/logger.ts';
import { PreparedRoutes, preparedFirst } from './prepared-routes.ts';

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
    routes.addPattern(/^\/(en|zh-hans)\/declarations\/(\d{16})$/, (match) => {
      seen.push(`${match[1]}|${match[2]}`);
      return permalink;
    });
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

  it('sends a request whose peek throws to the app instead of failing it', async () => {
    const routes = new PreparedRoutes();
    routes.add('/broken', () => {
      throw new Error('render failed');
    });
    routes.add('/ok', () => page);
    const server = createServer(
      preparedFirst(routes, (_request, response) => response.writeHead(500).end('from the app'), createLogger('silent')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const broken = await fetch(`${url}/broken`);
      assert.equal(broken.status, 500);
      assert.equal(await broken.text(), 'from the app');
      const ok = await fetch(`${url}/ok`);
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), '<p>home</p>');
      assert.equal(ok.headers.get('content-length'), String(page.body.byteLength));
      const post = await fetch(`${url}/ok`, { method: 'POST' });
      assert.equal(await post.text(), 'from the app', 'only GET is answered ahead of the app');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
