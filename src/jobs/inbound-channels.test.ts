import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logging/logger.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { startInboundChannels } from './inbound-channels.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const greeting = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      socket.end('QUIT\r\n');
      resolve(line);
    });
    socket.once('error', reject);
  });

describe('what `tuidang serve` starts for mail to reach the inboxes', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  test('no SMTP receiver without TUIDANG_SMTP_PORT; with it, one that greets and stops with the server', async () => {
    const logger = createLogger('silent');
    const stopNone = await startInboundChannels(loadConfig({}).inbound, ctx.services.channels, logger);
    await stopNone();
    const port = await freePort();
    const stop = await startInboundChannels(loadConfig({ TUIDANG_SMTP_PORT: String(port) }).inbound, ctx.services.channels, logger);
    assert.match(await greeting(port), /^220 /);
    await stop();
    await assert.rejects(greeting(port), /ECONNREFUSED/);
  });

  test('a port already taken fails the start, leaving no poller running', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const config = loadConfig({ TUIDANG_SMTP_PORT: String(port) }).inbound;
      await assert.rejects(startInboundChannels(config, ctx.services.channels, createLogger('silent')), /EADDRINUSE/);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
