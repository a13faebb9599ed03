import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

/** A project of three modules, built by a copy of scripts/build.js, whose sources the test may change. */
function miniProject(): string {
  const root = makeTempDir();
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src', 'pages'), { recursive: true });
  copyFileSync(join(PROJECT_ROOT, 'scripts', 'build.js'), join(root, 'scripts', 'build.js'));
  copyFileSync(join(PROJECT_ROOT, 'tsconfig.json'), join(root, 'tsconfig.json'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'src', 'level.ts'), 'export enum Level { Low = 1, High = 2 }\n');
  writeFileSync(
    join(root, 'src', 'pages', 'page.tsx'),
    "import { Level } from '../level.ts';\nexport const page = (name: string) => <p title={name}>{Level.High}</p>;\n",
  );
  writeFileSync(join(root, 'src', 'pages', 'page.test.ts'), "throw new Error('tests are not built');\n");
  return root;
}

const build = (root: string, ...args: string[]) => execFileSync(process.execPath, [join(root, 'scripts', 'build.js'), ...args]);
const builds = (root: string) => readdirSync(join(root, 'dist')).sort();

test('the build compiles each module on its own, and is named by the sources it was compiled from', async (t) => {
  const root = miniProject();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  build(root);
  const [first] = builds(root);
  assert.deepEqual(readdirSync(join(root, 'dist', first!), { recursive: true }).sort(), ['level.js', 'pages', 'pages/page.js']);
  const { page } = await import(pathToFileURL(join(root, 'dist', first!, 'pages', 'page.js')).href);
  assert.equal(String(page('a')), '<p title="a">2</p>', 'enums and hono/jsx compiled, ./level.ts imported as ./level.js');

  build(root);
  assert.deepEqual(builds(root), [first], 'unchanged sources are not compiled again');

  writeFileSync(join(root, 'src', 'level.ts'), 'export enum Level { Low = 1, High = 3 }\n');
  const { currentBuild } = await import(pathToFileURL(join(root, 'scripts', 'build.js')).href);
  assert.notEqual(currentBuild(), join(root, 'dist', first!), 'changed sources name another build, so the old one is never run');
  build(root, '--prune');
  const [second] = builds(root);
  assert.equal(join(root, 'dist', second!), currentBuild(), 'npm install keeps only the build of the current sources');
  const { page: rebuilt } = await import(pathToFileURL(join(root, 'dist', second!, 'pages', 'page.js')).href);
  assert.equal(String(rebuilt('a')), '<p title="a">3</p>');
});
