import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { anonymousConsoleRoute, consoleRoute } from './console-kit.tsx';

test('a route is registered with the kind of handler its rule allows, or the console does not start', () => {
  const router = new Hono<AppEnv>();
  assert.throws(() => consoleRoute(router, 'GET', '/console/sign-in', (c) => c.text('')), /anonymousConsoleRoute/);
  assert.throws(() => anonymousConsoleRoute(router, 'GET', '/console/audit', (c) => c.text('')), /needs a session/);
  assert.throws(() => consoleRoute(router, 'GET', '/console/unlisted', (c) => c.text('')));
  consoleRoute(router, 'GET', '/console/audit', (c) => c.text(c.get('staffSession').actor.id.toString()));
  anonymousConsoleRoute(router, 'GET', '/console/sign-in', (c) => c.text(''));
});
