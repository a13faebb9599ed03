import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { CONNECTION_LIMITS } from '../../src/http/connection-guard.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/**
 * One client opens thousands of sockets to a real server process on loopback: idle ones that
 * never speak, ones that trickle their headers, ones that send headers and then trickle a body.
 * With the server held to 1,000 connections, an honest reader and an honest declarant still get
 * their answers at once, and the server lets every flooding socket go within its deadlines.
 * (The open files this takes are well under the 20,000 `ulimit -n` of the machines that run it.)
 */
const CAP = 1000;
const IDLE = 3000;
const SLOW_HEADERS = 500;
const SLOW_BODIES = 300;

interface Tracked {
  socket: Socket;
  openedAt: number;
  closedAt: number | undefined;
}

function open(url: URL, first: string | undefined): Promise<Tracked> {
  return new Promise((resolve) => {
    const tracked: Tracked = { socket: connect(Number(url.port), url.hostname), openedAt: performance.now(), closedAt: undefined };
    tracked.socket.on('error', () => {});
    tracked.socket.on('close', () => (tracked.closedAt = performance.now()));
    tracked.socket.once('connect', () => {
      if (first !== undefined) tracked.socket.write(first);
      resolve(tracked);
    });
    // A connection the server refused or dropped before it was accepted is as good as closed.
    tracked.socket.once('close', () => resolve(tracked));
  });
}

async function openMany(url: URL, count: number, first: string | undefined): Promise<Tracked[]> {
  const all: Tracked[] = [];
  for (let i = 0; i < count; i += 200) {
    all.push(...(await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => open(url, first)))));
  }
  return all;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a flood of idle and slow connections', () => {
  let dir: string;
  let database: TestDatabase;
  let server: ServerProcess;

  before(async () => {
    dir = makeTempDir();
    database = await createTestDatabase('sqlite', dir);
    server = await startServerProcess({
      TUIDANG_DATA_DIR: dir,
      DATABASE_URL: database.url,
      TUIDANG_LOG_LEVEL: 'warn',
      TUIDANG_MAX_CONNECTIONS: String(CAP),
    });
  });
  after(async () => {
    await server.stop();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('leaves room for honest requests and closes every flooding socket within its deadline', { timeout: 120_000 }, async () => {
    const url = new URL(server.url);
    const slowHeaders = await openMany(url, SLOW_HEADERS, 'GET /en/ HTTP/1.1\r\nHost: x\r\n');
    const slowBodies = await openMany(
      url,
      SLOW_BODIES,
      'POST /api/v1/declarations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"names":',
    );
    const idle = await openMany(url, IDLE, undefined);
    const flood = [...slowHeaders, ...slowBodies, ...idle];
    // A socket's deadline runs from when the server accepts it, which for thousands opened at once can
    // be a while after the client saw it connect: deadlines are counted from the end of the flood's opening.
    const opened = performance.now();

    const reader = await rawRequest(`${server.url}/api/v1/counter`);
    assert.equal(reader.status, 200, 'the counter answers');
    const declarant = await rawRequest(`${server.url}/api/v1/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['明德'], orgs: ['party'], headcount: 1 }),
    });
    assert.equal(declarant.status, 201, 'a declaration is taken');

    // Past the cap the oldest sockets were let go to make room.
    await settle(500);
    const stillOpen = flood.filter((tracked) => tracked.closedAt === undefined).length;
    assert.ok(stillOpen <= CAP, `${stillOpen} flooding sockets still open, more than the cap of ${CAP}`);

    // The rest go at their deadlines: a silent socket and slow headers at the header deadline, a slow body at the request's.
    // Slack for the server's check interval, and for two cores busy with other test processes: the
    // client and the server both see the close late, and the server may accept sockets from its backlog
    // seconds after the client saw them connect (a CI run once found 54 of 3,000 silent sockets 8 s
    // late). Still far inside the minute, and up to its half again, that node held them before.
    const slack = 3 * CONNECTION_LIMITS.checkEveryMs + 15_000;
    const deadline = performance.now() + CONNECTION_LIMITS.requestMs + slack;
    while (flood.some((tracked) => tracked.closedAt === undefined) && performance.now() < deadline) await settle(250);
    const late = (list: Tracked[], ms: number) =>
      list.filter((tracked) => tracked.closedAt === undefined || tracked.closedAt - opened > ms + slack).length;
    assert.equal(late(slowHeaders, CONNECTION_LIMITS.headersMs), 0, 'slow headers closed within the header deadline');
    assert.equal(late(slowBodies, CONNECTION_LIMITS.requestMs), 0, 'slow bodies closed within the request deadline');
    assert.equal(late(idle, CONNECTION_LIMITS.headersMs), 0, 'silent sockets closed within the header deadline');

    const after = await rawRequest(`${server.url}/api/v1/counter`);
    assert.equal(after.status, 200);
    assert.doesNotMatch(server.output(), /unhandled error/);
  });
});
