import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../helpers/databases.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

/**
 * Sends a request's headers and part of its body, then goes away. Such a request reached the app's
 * error handler as an error ("aborted", ECONNRESET) and was logged with its stack, hundreds of lines
 * in a test that abandons uploads; now it is one info line (answers.ts, failureOf).
 */
function abortMidBody(url: string, path: string, contentType: string, headers = '', length = 60000, sent = 30000): Promise<void> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      const chunked = headers.includes('chunked');
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\n${chunked ? '' : `Content-Length: ${length}\r\n`}${headers}\r\n`,
      );
      const part = `names=%E6%98%8E&statement=${'x'.repeat(sent)}`;
      socket.write(chunked ? `${part.length.toString(16)}\r\n${part}\r\n` : part);
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

for (const engine of testEngines()) {
  describe(`an upload the client abandons (${engine})`, () => {
    let ctx: TestContext;
    let server: { url: string; close(): Promise<void> };
    before(async () => {
      ctx = await createTestContext(engine);
      server = await ctx.listen();
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    test('is let go quietly: no unhandled error, no stack, at most one info line each', async () => {
      ctx.logs.length = 0;
      const targets: [string, string, string?][] = [
        ['/en/declare', 'application/x-www-form-urlencoded'],
        ['/api/v1/declarations', 'application/json'],
        ['/api/v1/receipts/lookup', 'application/json'],
        ['/en/support', 'application/x-www-form-urlencoded'],
        ['/en/declare', 'multipart/form-data; boundary=x'],
        ['/console/sign-in', 'application/x-www-form-urlencoded'],
        ['/en/declare', 'application/x-www-form-urlencoded', 'Transfer-Encoding: chunked\r\n'],
        ['/api/v1/declarations', 'application/json', 'Transfer-Encoding: chunked\r\n'],
        ['/console/sign-in', 'multipart/form-data; boundary=x', 'Transfer-Encoding: chunked\r\n'],
      ];
      for (const [path, type, headers] of targets) await abortMidBody(server.url, path, type, headers);
      for (const [path, type, headers] of targets) await abortMidBody(server.url, path, type, headers, 5_000_000, 300_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = ctx.logs.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { stack?: string } });
      const loud = lines.filter((line) => line.level >= 40 || line.err?.stack !== undefined);
      assert.deepEqual(loud, [], 'nothing logged as a warning or an error, no stack');
      assert.ok(lines.filter((line) => line.msg === 'client went away').length <= targets.length);
    });
  });
}
