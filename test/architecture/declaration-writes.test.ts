import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The one module that writes declarations: its status changes keep the counters and search in step. */
const OWNER = 'src/repositories/declarations/';

/** Files that write declarations elsewhere, each with its reason. */
const ALLOWED: readonly { path: string; why: string }[] = [
  { path: 'src/db/migrations/', why: 'a migration changes the schema or backfills rows once, before any service runs' },
  {
    path: 'src/tools/seed/',
    why: "the operator's benchmark seeder writes millions of rows in bulk (seed-registry.ts, and seed-sqlite.ts on SQLite), then their counters and search index once",
  },
];

/** Kysely's builders and raw SQL alike; `declarations` alone, not declaration_events or an index name. */
const WRITES = [
  /\b(?:insertInto|updateTable|deleteFrom)\(\s*['"`]declarations(?:\s+as\s+\w+)?['"`]\s*\)/,
  /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?declarations"?(?![\w'])/i,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test('only the declarations repository writes declarations rows (besides the allowed files)', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((path) => relative(ROOT, path).split('\\').join('/'));
  const writers = files.filter((path) => WRITES.some((pattern) => pattern.test(readFileSync(join(ROOT, path), 'utf8'))));
  const strays = writers.filter((path) => !path.startsWith(OWNER) && !ALLOWED.some((allowed) => path.startsWith(allowed.path)));
  assert.deepEqual(strays, [], `these files write declarations outside ${OWNER}: move the write there\n${strays.join('\n')}`);
  // The check itself still sees what it looks for: the owner's writes, and each allowed file's.
  assert.ok(writers.some((path) => path.startsWith(OWNER)));
  for (const allowed of ALLOWED) {
    assert.ok(
      writers.some((path) => path.startsWith(allowed.path)),
      `${allowed.path} no longer writes declarations: take it off the list`,
    );
  }
});
