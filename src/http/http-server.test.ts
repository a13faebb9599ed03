import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { test } from 'node:test';
import { createLogger } from '../logging/logger.ts';
import { settled } from './http-server.ts';

test('an error that escapes the request listener is logged and ends the response', async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  let destroyed = false;
  const response = { destroy: () => (destroyed = true) } as unknown as ServerResponse;
  settled(() => Promise.reject(new Error('the socket went away')), logger)({} as IncomingMessage, response);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(destroyed, true);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.msg, 'unhandled error');
  assert.deepEqual((lines[0]!.err as { message: string }).message, 'the socket went away');
});
