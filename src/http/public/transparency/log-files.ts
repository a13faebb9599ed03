import { Hono } from 'hono';
import type { LogService } from '../../../services/log/log-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';
import { publicReadPreflight } from '../../middleware/cors/cors.ts';
import { LOG_PREFIX } from '../../middleware/security-headers/policy.ts';

/** A tile's bytes at a path never change (a wider partial tile has a path of its own): cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The checkpoint moves with every batch; mirrors and verifiers revalidate it. */
const CHECKPOINT_CACHE = 'public, max-age=10, must-revalidate';

/**
 * The log as static files, laid out as C2SP tlog-checkpoint and tlog-tiles say, so that
 * `tuidang log mirror` can copy it to any static host and verifiers read either alike.
 */
export function logFiles(log: LogService) {
  const files = new Hono<AppEnv>();
  files.on('OPTIONS', ['/log/checkpoint', '/log/tile/*'], publicReadPreflight());
  files.get('/log/checkpoint', async (c) => {
    const checkpoint = await log.checkpoint();
    return c.body(checkpoint.note, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': CHECKPOINT_CACHE });
  });
  files.get('/log/tile/*', async (c) => {
    const tile = await log.tile(c.req.path.slice(LOG_PREFIX.length));
    if (!tile) return apiError(c, 404, 'request.notFound');
    return c.body(new Uint8Array(tile), 200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': IMMUTABLE });
  });
  return files;
}
