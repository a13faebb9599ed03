import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'tuidang.js');
const START = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(' ');
/** The server runs as `npm start` runs it (package.json): the same heap settings. */
export const SERVER_NODE_FLAGS = START.filter((word) => word.startsWith('--'));
/** And with the variables `npm start` sets before `node` (glibc's malloc arenas: docs/operations.md). */
export const SERVER_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  START.slice(0, START.indexOf('node')).map((word) => word.split('=') as [string, string]),
);
const CACHE = join(ROOT, 'bench', '.data');

/**
 * A data directory holding a seeded registry of `posts` posts, made once and
 * kept in bench/.data (seeding ten million posts takes a while). Read-only
 * scenarios use it; nothing the benchmark does writes to it.
 */
export function seededRegistry(posts: number, log: (line: string) => void): string {
  const dir = join(CACHE, `posts-${posts}`);
  const marker = join(dir, 'seeded.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).posts === posts) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`seeding ${posts.toLocaleString('en')} posts into ${dir}`);
  execFileSync(process.execPath, [BIN, 'seed', '--posts', String(posts)], {
    env: { ...process.env, TUIDANG_DATA_DIR: dir, DATABASE_URL: '', TUIDANG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  writeFileSync(marker, JSON.stringify({ posts, at: new Date().toISOString() }));
  return dir;
}

/** An empty data directory for scenarios that write. */
export function freshDataDir(name: string): string {
  const dir = join(CACHE, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A copy of a seeded registry, for a scenario that writes into it (the original stays as seeded). */
export function copyOfRegistry(seededDir: string, name: string): string {
  const dir = freshDataDir(name);
  cpSync(seededDir, dir, { recursive: true });
  return dir;
}

/** Registration numbers of published posts spread over the whole registry. */
export function samplePublishedNumbers(dataDir: string, count: number): string[] {
  const db = new DatabaseSync(join(dataDir, 'tuidang.sqlite'), { readOnly: true });
  try {
    const max = (db.prepare('select max(id) as n from declarations').get() as { n: number }).n;
    const pick = db.prepare("select registration_number from declarations where id >= ? and status = 'published' order by id limit 1");
    const numbers = new Set<string>();
    for (let i = 0; numbers.size < count && i < count * 4; i++) {
      const row = pick.get(1 + Math.floor(Math.random() * max)) as { registration_number: string } | undefined;
      if (row) numbers.add(row.registration_number);
    }
    return [...numbers];
  } finally {
    db.close();
  }
}
