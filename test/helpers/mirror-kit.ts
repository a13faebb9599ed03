import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, relative } from 'node:path';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { exportMirror, type MirrorReport } from '../../src/tools/mirror/export-mirror.ts';
import { submitDeclaration } from './requests.ts';
import type { TestContext } from './test-context.ts';

export const SUBMISSION_ADDRESSES =
  'https://registry.example https://mirror-one.example http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';

/** Publishes a declaration as an editor would. */
export async function publishOne(ctx: TestContext, names: string[]): Promise<string> {
  const receipt = await submitDeclaration(ctx, { names, orgs: ['league'], headcount: names.length });
  const approved = await ctx.services.moderation.approve(SYSTEM_ACTOR, [receipt.registrationNumber]);
  if (!approved.ok) throw new Error(approved.error);
  return receipt.registrationNumber;
}

export function exportKit(ctx: TestContext, out: string, basePath: string | null = null): Promise<MirrorReport> {
  return exportMirror((path) => ctx.app.request(path), ctx.services.log, {
    out,
    basePath,
    archivePages: 2,
    publicUrl: ctx.config.publicUrl,
    submissionOrigin: ctx.config.mirror.submissionOrigin,
  });
}

/** Every file of a kit, relative to it, the export's own manifest aside. */
export function kitFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== '.tuidang-mirror') files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.atom': 'application/atom+xml',
  '.svg': 'image/svg+xml',
};

/** A plain static file server, as a mirror's host is: files by name, nothing else. */
export async function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = readFileSync(join(dir, path));
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
