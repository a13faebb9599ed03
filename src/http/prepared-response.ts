import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { PUBLIC_SECURITY_HEADERS } from './middleware/security-headers/policy.ts';

/**
 * A public response rendered once and served many times: the body is encoded
 * once, and every header — the security headers included — is a plain record
 * built once, so serving it allocates almost nothing. Used for the hot pages
 * (home, counter), which change at most once a second.
 */
export interface PreparedResponse {
  readonly body: Uint8Array;
  readonly etag: string;
  /** For the 200, with the body's length: sent before the body, they cannot be completed later. */
  readonly headers: Readonly<Record<string, string>>;
  /** For a 304, which has no body. */
  readonly notModifiedHeaders: Readonly<Record<string, string>>;
}

const prepared = new WeakSet<Response>();

export function prepareResponse(body: string, contentType: string, cacheControl: string): PreparedResponse {
  const bytes = Buffer.from(body, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
  const notModifiedHeaders = { ...PUBLIC_SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: etag };
  return { body: bytes, etag, headers: { ...notModifiedHeaders, 'Content-Length': String(bytes.byteLength) }, notModifiedHeaders };
}

/** Answers with the prepared response, or 304 when the client already holds it. */
export function servePrepared(c: Context<AppEnv>, response: PreparedResponse): Response {
  // Plain-record headers keep @hono/node-server on its fast path (no Headers object is built).
  const served = (
    c.req.header('if-none-match') === response.etag
      ? new Response(null, { status: 304, headers: response.notModifiedHeaders })
      : new Response(response.body, { status: 200, headers: response.headers })
  ) as Response;
  prepared.add(served);
  return served;
}

/** Whether a response already carries every header it needs (middleware leaves it alone). */
export function isPrepared(response: Response): boolean {
  return prepared.has(response);
}

/**
 * One prepared response per key, rebuilt only when one of the inputs it was
 * built from (compared by identity, e.g. the cached counter snapshot) changes.
 */
export class PreparedByInputs<Key> {
  readonly #entries = new Map<Key, { inputs: readonly unknown[]; response: PreparedResponse }>();

  get(key: Key, inputs: readonly unknown[], build: () => PreparedResponse): PreparedResponse {
    const kept = this.peek(key, inputs);
    if (kept) return kept;
    const response = build();
    this.#entries.set(key, { inputs, response });
    return response;
  }

  /** The response built from exactly these inputs, if there is one. */
  peek(key: Key, inputs: readonly unknown[]): PreparedResponse | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i]) ? entry.response : undefined;
  }
}

/**
 * Prepared responses for many keys (permalinks), at most `capacity` of them,
 * least recently used dropped first. Each is kept with a fingerprint of the
 * data it was rendered from and the time that data was last read: within
 * `recheckMs` of that read it is served as is (`fresh`); after, the caller
 * reads the data again and a different fingerprint means a new render. A
 * change therefore shows within `recheckMs`, whichever process made it.
 */
export class PreparedLru<Key> {
  readonly #capacity: number;
  readonly #recheckMs: number;
  readonly #entries = new Map<Key, { fingerprint: string; response: PreparedResponse; readAt: number }>();

  constructor(capacity: number, recheckMs: number) {
    this.#capacity = capacity;
    this.#recheckMs = recheckMs;
  }

  /** The response, if its data was read less than `recheckMs` ago. */
  fresh(key: Key, now = Date.now()): PreparedResponse | undefined {
    const entry = this.#entries.get(key);
    return entry && now - entry.readAt < this.#recheckMs ? entry.response : undefined;
  }

  /** After reading the data: the kept response if the fingerprint is unchanged, else a new one. */
  get(key: Key, fingerprint: string, build: () => PreparedResponse, now = Date.now()): PreparedResponse {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    if (entry && entry.fingerprint === fingerprint) {
      this.#entries.set(key, { ...entry, readAt: now });
      return entry.response;
    }
    const response = build();
    this.#entries.set(key, { fingerprint, response, readAt: now });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as Key);
    return response;
  }

  delete(key: Key): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
