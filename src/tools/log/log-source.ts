import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a verifier reads a log: the service over HTTP, a mirror on any static host, or a mirror directory. */
export interface LogSource {
  readonly name: string;
  checkpoint(): Promise<string>;
  /** The bytes at a tile path (tile/0/x001/234.p/17); throws naming the path when there are none. */
  file(path: string): Promise<Uint8Array>;
}

function directorySource(dir: string): LogSource {
  return {
    name: dir,
    checkpoint: () => readFile(join(dir, 'checkpoint'), 'utf8'),
    file: async (path) => new Uint8Array(await readFile(join(dir, ...path.split('/')))),
  };
}

async function get(url: string): Promise<Response> {
  const response = await fetch(url, { redirect: 'follow' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** A URL of the log's files, or of a service that serves them under /log/. */
async function httpSource(url: string): Promise<LogSource> {
  const trimmed = url.replace(/\/+$/, '');
  let base = trimmed;
  const probe = await fetch(`${trimmed}/checkpoint`, { redirect: 'follow' });
  await probe.body?.cancel();
  if (!probe.ok) base = `${trimmed}/log`;
  return {
    name: base,
    checkpoint: async () => (await get(`${base}/checkpoint`)).text(),
    file: async (path) => new Uint8Array(await (await get(`${base}/${path}`)).arrayBuffer()),
  };
}

export function openLogSource(location: string): Promise<LogSource> {
  return /^https?:\/\//i.test(location) ? httpSource(location) : Promise.resolve(directorySource(location));
}
