import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { receiptFromHtml } from '../helpers/requests.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no IP address or user agent reaches the database files or the logs', async () => {
  const dir = makeTempDir();
  const marker = randomBytes(6).toString('hex');
  // A source address of its own, so finding it anywhere means it was recorded.
  const sourceAddress = '127.0.0.77';
  const identifying = {
    'user-agent': `MarkerAgent/${marker}`,
    'x-forwarded-for': `203.0.113.${(marker.charCodeAt(0) % 200) + 1}, ${marker}-xff`,
    'x-real-ip': `${marker}-realip`,
    'cf-connecting-ip': `${marker}-cfip`,
    forwarded: `for="${marker}-fwd"`,
  };
  const server = await startServerProcess({ TUIDANG_DATA_DIR: dir, TUIDANG_LOG_LEVEL: 'debug' });
  try {
    const send = (path: string, method = 'GET', body?: string, type?: string) =>
      rawRequest(`${server.url}${path}`, {
        method,
        body,
        localAddress: sourceAddress,
        headers: { ...identifying, ...(type ? { 'content-type': type } : {}) },
      });
    const form = 'application/x-www-form-urlencoded';

    const declared = await send('/zh-hans/declare', 'POST', 'names=%E6%98%8E%E5%BE%B7&orgs=party&contact=a%40example.org', form);
    assert.equal(declared.status, 303);
    const receipt = receiptFromHtml((await send(declared.headers.location as string)).body);
    const api = await send('/api/v1/declarations', 'POST', JSON.stringify({ names: '安宁', orgs: ['league'] }), 'application/json');
    assert.equal(api.status, 201);
    const credentials = new URLSearchParams(receipt).toString();
    assert.equal((await send('/en/receipt', 'POST', credentials, form)).status, 200);
    assert.equal((await send('/en/receipt', 'POST', 'registrationNumber=1&queryPassword=2', form)).status, 422);
    assert.equal((await send('/en/receipt/retract', 'POST', `${credentials}&confirm=yes`, form)).status, 303);
    assert.equal((await send('/zh-hans/declare', 'POST', 'names=x', form)).status, 422);
    assert.equal((await send('/api/v1/declarations', 'POST', '{oops', 'application/json')).status, 400);
    assert.equal((await send('/en/no-such-page')).status, 404);
    assert.equal((await send('/')).status, 302);
  } finally {
    assert.equal(await server.stop('SIGTERM'), 0, 'clean shutdown');
  }

  const logs = server.output();
  assert.match(logs, /"msg":"request"/, 'requests were logged, so the logs are really being checked');
  const needles = [marker, sourceAddress, '203.0.113.', 'MarkerAgent'];
  for (const needle of needles) assert.ok(!logs.includes(needle), `logs contain ${needle}`);

  const files = filesUnder(dir);
  assert.ok(
    files.some((file) => file.endsWith('.sqlite')),
    'the database file was checked',
  );
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      assert.equal(bytes.indexOf(needle), -1, `${file} contains ${needle}`);
      assert.equal(bytes.indexOf(Buffer.from(needle, 'utf16le')), -1, `${file} contains ${needle} (UTF-16)`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
