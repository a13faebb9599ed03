import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LOCALES } from '../../i18n/index.ts';
import type { LogService } from '../../services/log/log-service.ts';
import { kitFile, kitLink } from './kit-paths.ts';
import { mirrorPolicy, rewriteHtml, sameSiteLinks, withPolicyMeta } from './rewrite-html.ts';

/** The site, asked as a browser would: the app's own request(), so the kit is the site's own bytes. */
type Fetch = (path: string) => Response | Promise<Response>;

export interface MirrorOptions {
  out: string;
  /** Absolute links under this prefix ("/x/"); null, links are relative. */
  basePath: string | null;
  /** Pages of each archive list (latest, featured, messages of support) kept in the kit. */
  archivePages: number;
  /** The site's public address: where links to pages the kit does not hold go. */
  publicUrl: string;
  /** Where the kit's forms post; unset, its declare and receipt pages list the submission addresses instead. */
  submissionOrigin: string | undefined;
}

export interface MirrorReport {
  files: number;
  /** Kit files written because they are new or changed, and those removed, in name order. */
  written: string[];
  removed: string[];
}

const MANIFEST = '.tuidang-mirror';

/** Pages every locale starts from; the crawl adds what they link to. */
const LOCALE_SEEDS = [
  '/',
  '/statistics',
  '/statistics/method',
  '/centers',
  '/resources',
  '/declarations',
  '/featured',
  '/support',
  '/transparency',
  '/certificates/verify',
  '/about',
  '/terms',
  '/privacy',
  '/feeds/latest.atom',
  '/feeds/featured.atom',
];
const GLOBAL_SEEDS = ['/api/v1/counter', '/stat/statics', '/favicon.svg'];

/** Lists whose pages follow one another by a query: the kit keeps the first few of each. */
const PAGED = /^\/[a-z-]+\/(declarations|featured|support|days\/\d{4}-\d{2}-\d{2})$/;
/**
 * Pages that link on to the next of their kind (a day to the day before, a statement to its
 * neighbours): the kit keeps those the other pages link to, not the whole chain back to 2004.
 */
const CHAINED = /^\/[a-z-]+\/(days|declarations)\/[^/]+$/;
const chainOf = (path: string) => CHAINED.exec(path)?.[1];
/** Pages a static copy cannot stand for: forms that need the server, one-use links, search; and the log, written whole below. */
const NEVER =
  /^\/[a-z-]+\/(declare|receipt|contact|newsletter|search|mirror|certificates\/(?!verify$))|^\/console|^\/api\/v1\/(?!counter$)|^\/log\//;

/**
 * Writes the public site as plain files under `out` (docs/mirror.md): every page of LOCALE_SEEDS in
 * the three locales and what they link to, the counter, and the transparency log's checkpoint and
 * tiles. Files whose bytes did not change are left alone, and files of an earlier export that this
 * one no longer holds are removed, so a sync of the directory moves only what changed.
 */
export async function exportMirror(fetchPage: Fetch, log: LogService, options: MirrorOptions): Promise<MirrorReport> {
  const formUrl = options.submissionOrigin ?? options.publicUrl;
  const pages = new Map<string, { file: string; body: Buffer; html: boolean; policy: string | null }>();
  const key = (path: string, query: string) => (query === '' ? path : `${path}?${query}`);

  const queue: { path: string; query: string; depth: number }[] = [];
  const queued = new Set<string>();
  const enqueue = (path: string, query: string, depth: number, from?: string) => {
    const paged = PAGED.test(path);
    if (NEVER.test(path) || (query !== '' && (!paged || depth + 1 >= options.archivePages))) return;
    if (from !== undefined && chainOf(path) !== undefined && chainOf(path) === chainOf(from)) return;
    if (!isSitePath(path) || queued.has(key(path, query))) return;
    queued.add(key(path, query));
    queue.push({ path, query, depth: query === '' ? 0 : depth + 1 });
  };
  for (const locale of LOCALES) for (const seed of LOCALE_SEEDS) enqueue(`/${locale}${seed}`, '', 0);
  for (const seed of GLOBAL_SEEDS) enqueue(seed, '', 0);

  while (queue.length > 0) {
    const { path, query, depth } = queue.shift()!;
    const response = await fetchPage(key(path, query));
    if (response.status !== 200) {
      await response.body?.cancel();
      continue;
    }
    const type = response.headers.get('content-type') ?? 'application/octet-stream';
    const body = Buffer.from(await response.arrayBuffer());
    const html = type.startsWith('text/html');
    pages.set(key(path, query), {
      file: kitFile(path, query, type),
      body,
      html,
      policy: response.headers.get('content-security-policy'),
    });
    if (html) for (const link of sameSiteLinks(body.toString('utf8'))) enqueue(link.path, link.query, depth, path);
  }

  // In place of the pages that need the server: the list of sites that take declarations, or the
  // real forms posting to the submission origin.
  for (const locale of LOCALES) {
    for (const kind of ['declare', 'receipt'] as const) {
      const source = options.submissionOrigin ? `/${locale}/${kind}` : `/${locale}/mirror/${kind}`;
      const response = await fetchPage(source);
      if (response.status !== 200) throw new Error(`${source} answered ${response.status}`);
      pages.set(`/${locale}/${kind}`, {
        file: kitFile(`/${locale}/${kind}`, '', 'text/html'),
        body: Buffer.from(await response.arrayBuffer()),
        html: true,
        policy: response.headers.get('content-security-policy'),
      });
    }
  }

  const checkpoint = await log.checkpoint();
  const fileOf = (path: string, query: string) =>
    path.startsWith('/log/') ? kitFile(path, '', 'text/plain') : (pages.get(key(path, query))?.file ?? null);
  const targets = {
    fileOf,
    link: (from: string, to: string) => kitLink(from, to, options.basePath),
    siteUrl: options.publicUrl,
    formUrl,
  };
  const files = new Map<string, Buffer>();
  for (const page of pages.values()) {
    if (!page.html) {
      files.set(page.file, page.body);
      continue;
    }
    let text = rewriteHtml(page.body.toString('utf8'), page.file, targets);
    if (page.policy) text = withPolicyMeta(text, mirrorPolicy(page.policy, new URL(formUrl).origin));
    files.set(page.file, Buffer.from(text));
  }

  const written: string[] = [];
  const write = async (file: string, data: Buffer) => {
    if (await sameBytes(join(options.out, file), data)) return;
    await writeAtomically(join(options.out, file), data);
    written.push(file);
  };
  for (const [file, data] of files) await write(file, data);
  const logFiles: string[] = [];
  for await (const tile of log.files(checkpoint.size)) {
    const file = `log/${tile.path}`;
    logFiles.push(file);
    // A full tile never changes, and files are only ever renamed into place whole: one there is current.
    if (!tile.path.includes('.p/') && existsSync(join(options.out, file))) continue;
    await write(file, tile.data);
  }
  // The checkpoint last: a mirror updated in place never names tiles it lacks.
  await write('log/checkpoint', Buffer.from(checkpoint.note));

  const now = [...files.keys(), ...logFiles, 'log/checkpoint'].sort();
  const before = await readManifest(options.out);
  const kept = new Set(now);
  const removed = before.filter((file) => !kept.has(file)).sort();
  for (const file of removed) await rm(join(options.out, file), { force: true });
  await writeAtomically(join(options.out, MANIFEST), Buffer.from(`${now.join('\n')}\n`));
  return { files: now.length, written: written.sort(), removed };
}

/** A path of the site's own (not a protocol-relative address of another host). */
function isSitePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//');
}

async function sameBytes(file: string, data: Buffer): Promise<boolean> {
  try {
    const existing = await readFile(file);
    return existing.length === data.length && digest(existing) === digest(data);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Through a rename, so a host serving the directory never sends half a file. */
async function writeAtomically(file: string, data: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
}

async function readManifest(out: string): Promise<string[]> {
  try {
    return (await readFile(join(out, MANIFEST), 'utf8')).split('\n').filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
