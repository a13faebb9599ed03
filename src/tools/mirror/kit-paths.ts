import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/**
 * Where each page of the site lives in a static mirror kit, and how links between them are written
 * (docs/mirror.md). A kit must work on any static host, object stores included, which serve a file
 * at its exact name and ignore query strings: so every page is a file named in full (…/index.html),
 * and a query becomes part of the name.
 */

const EXTENSIONS: Record<string, string> = {
  'application/json': '.json',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'text/plain': '.txt',
};

/** A query as a file name: readable when short and plain, else a digest. */
function queryName(query: string): string {
  const plain = query.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return plain.length <= 80 ? plain : createHash('sha256').update(query).digest('hex').slice(0, 32);
}

/** The kit file of a path (and query) served with a content type; null for what a static file cannot stand for. */
export function kitFile(path: string, query: string, contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const bare = path.replace(/^\/+/, '');
  if (type === 'text/html') {
    const dir = bare === '' || bare.endsWith('/') ? bare : `${bare}/`;
    return query === '' ? `${dir}index.html` : `${dir}index.${queryName(query)}.html`;
  }
  const name = bare.split('/').at(-1) ?? '';
  const withQuery = query === '' ? bare : `${bare}.${queryName(query)}`;
  // The log's files keep their exact names: verifiers ask for them by name (C2SP tlog-tiles).
  if (bare.startsWith('log/') || name.includes('.')) return withQuery;
  return `${withQuery}${EXTENSIONS[type] ?? ''}`;
}

/** A link from one kit file to another: relative, or absolute under a base path ("/mirror/"). */
export function kitLink(fromFile: string, toFile: string, basePath: string | null): string {
  if (basePath !== null) return `${basePath}${toFile}`;
  const relative = posix.relative(posix.dirname(fromFile), toFile);
  return relative === '' ? posix.basename(toFile) : relative;
}

/** "/x/" from "x", "/x" or "/x/"; "/" stays the root. */
export function normalizeBasePath(value: string): string {
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}
