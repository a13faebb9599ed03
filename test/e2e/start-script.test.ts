import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
const nodeFlags = (command: string) => command.split(/\s+/).filter((word) => word.startsWith('--'));

test('npm start holds glibc to two malloc arenas, and the server it starts sees it', () => {
  // glibc reads MALLOC_ARENA_MAX once, when the process starts: it has to come before `node`.
  assert.match(start, /^MALLOC_ARENA_MAX=2 node /);
  // package.json scripts run under sh: the variable reaches the process and its worker threads.
  const command = start.replace(/ bin\/tuidang\.js serve$/, ' -e "console.log(process.env.MALLOC_ARENA_MAX)"');
  const run = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '2');
});

test("docs/operations.md's systemd unit starts the server as npm start does", () => {
  const operations = read('docs/operations.md');
  const unit = /```ini\n# \/etc\/systemd\/system\/tuidang\.service[\s\S]*?```/.exec(operations)?.[0];
  assert.ok(unit, 'the unit excerpt is there');
  assert.match(unit, /^Environment=MALLOC_ARENA_MAX=2$/m);
  const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? '';
  assert.deepEqual(nodeFlags(execStart), nodeFlags(start));
});
