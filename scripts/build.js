#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/BUILD/, one file per module, so a process starts
// without a TypeScript loader (tsx's cold start cost every CLI command, server and worker
// 1–2 s of CPU). BUILD names the sources it was compiled from (a hash of their contents), so a
// build can never run against other sources: bin/tuidang.js runs the build of the current
// sources, and compiles it first when there is none yet. `npm install` runs this file
// (package.json "prepare") and then removes the builds of older sources.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');

/** The modules a process runs: everything in src/ but the tests. */
function sourceFiles() {
  return readdirSync(SRC, { recursive: true })
    .filter((path) => /\.(ts|tsx|js)$/.test(path) && !/\.test\.tsx?$/.test(path))
    .sort();
}

/** Where the build of the current sources is (or goes): named by their contents and by how they are compiled. */
export function currentBuild() {
  const hash = createHash('sha256');
  for (const path of sourceFiles())
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(SRC, path)))
      .update('\0');
  // The compiler settings: JSX import source and target come from tsconfig.json.
  hash.update(readFileSync(join(ROOT, 'tsconfig.json'))).update(readFileSync(fileURLToPath(import.meta.url)));
  return join(DIST, hash.digest('hex').slice(0, 16));
}

/** Compiles the current sources unless they are compiled already; returns where. */
export async function build() {
  const target = currentBuild();
  if (existsSync(target)) return target;
  const { build: esbuild, stop } = await import('esbuild');
  // Built aside, then renamed into place in one step: a process never sees half a build,
  // and processes compiling the same sources at once leave one complete copy.
  const staging = join(DIST, `.building-${process.pid}-${Date.now()}`);
  try {
    await esbuild({
      entryPoints: sourceFiles().map((path) => join(SRC, path)),
      outbase: SRC,
      outdir: staging,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      jsx: 'automatic',
      jsxImportSource: 'hono/jsx',
      tsconfig: join(ROOT, 'tsconfig.json'),
      logLevel: 'warning',
      // Each module compiled on its own, as it is: imports stay imports, and those of our own
      // modules name the compiled file (./x.ts becomes ./x.js; esbuild does not rewrite them otherwise).
      bundle: true,
      plugins: [
        {
          name: 'imports-stay-external',
          setup(builder) {
            builder.onResolve({ filter: /.*/ }, (args) =>
              args.kind === 'entry-point' ? undefined : { path: args.path.replace(/^(\.{1,2}\/.*)\.tsx?$/, '$1.js'), external: true },
            );
          },
        },
      ],
    });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  } finally {
    // esbuild's compiler process would otherwise stay beside a server compiled at its start.
    await stop();
  }
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = await build();
  // Run by `npm install`: the builds of earlier sources go. A process still running one of
  // them has loaded it already; only a worker it starts later would miss its files, so
  // restart a server after `npm install` (as after any update).
  if (process.argv.includes('--prune')) {
    for (const entry of readdirSync(DIST)) if (join(DIST, entry) !== target) rmSync(join(DIST, entry), { recursive: true, force: true });
  }
}
