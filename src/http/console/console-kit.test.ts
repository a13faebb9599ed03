import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { anonymousConsoleRoute, consoleRoute } from './console-kit.tsx';
import { pageOf } from './console-rules.ts';

test('a route is registered with the kind of handler its rule allows, or the console does not start', () => {
  const router = new Hono<AppEnv>();
  assert.throws(() => consoleRoute(router, 'GET', '/console/sign-in', (c) => c.text('')), /anonymousConsoleRoute/);
  assert.throws(() => anonymousConsoleRoute(router, 'GET', '/console/audit', (c) => c.text('')), /needs a session/);
  assert.throws(() => consoleRoute(router, 'GET', '/console/unlisted', (c) => c.text('')));
  consoleRoute(router, 'GET', '/console/audit', (c) => c.text(c.get('staffSession').actor.id.toString()));
  anonymousConsoleRoute(router, 'GET', '/console/sign-in', (c) => c.text(''));
});

test('a page rendered in answer to a POST links to the page it belongs to, which answers GET', () => {
  assert.equal(pageOf('/console/campaign/12/call/345/reveal'), '/console/campaign/12/call');
  assert.equal(pageOf('/console/campaign/12/call/345'), '/console/campaign/12/call');
  assert.equal(pageOf('/console/moderation/1234567890123456/redact'), '/console/moderation/1234567890123456');
  assert.equal(pageOf('/console/batch/import/confirm'), '/console/batch/import');
  assert.equal(pageOf('/console/sign-out'), '/console');
});
