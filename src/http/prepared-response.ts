import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { REREAD_AFTER_SHARE } from '../services/fresh-value.ts';
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

/** `securityHeaders`: a public page's by default; API_SECURITY_HEADERS for the API's responses. */
export function prepareResponse(
  body: string,
  contentType: string,
  cacheControl: string,
  securityHeaders: Readonly<Record<string, string>> = PUBLIC_SECURITY_HEADERS,
): PreparedResponse {
  const bytes = Buffer.from(body, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
  const notModifiedHeaders = { ...securityHeaders, 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: etag };
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

/** What a key's page is made from, as read just now: a fingerprint of the data, and how to render it. */
export interface PageData {
  readonly fingerprint: string;
  render(): PreparedResponse;
}

/**
 * Prepared responses for many keys (permalinks), at most `capacity` of them,
 * least recently read dropped first. Each is kept with a fingerprint of the
 * data it was rendered from and the time that data was last read: within
 * `recheckMs` of that read it is served as is (`fresh`); after, the caller
 * reads the data again (`read`) and a different fingerprint means a new
 * render. A change therefore shows within `recheckMs`, whichever process made
 * it.
 *
 * A page served in the last quarter of that time is read again in the
 * background, one read per page at a time, so a page in steady demand never
 * reaches its limit and never sends a request the long way.
 */
export class PreparedLru<Key> {
  readonly #capacity: number;
  readonly #recheckMs: number;
  readonly #refreshAfterMs: number;
  readonly #read: (key: Key) => Promise<PageData | null>;
  readonly #clock: () => number;
  readonly #entries = new Map<Key, { fingerprint: string; response: PreparedResponse; readAt: number; rereading: boolean }>();
  /** Counts delete() calls: a read that a deletion overtook answers its own request but keeps nothing. */
  #deletions = 0;

  /** `read` gives the data behind a key as it is now, or null when the key has no page (any more). */
  constructor(capacity: number, recheckMs: number, read: (key: Key) => Promise<PageData | null>, clock: () => number = Date.now) {
    this.#capacity = capacity;
    this.#recheckMs = recheckMs;
    this.#refreshAfterMs = recheckMs * REREAD_AFTER_SHARE;
    this.#read = read;
    this.#clock = clock;
  }

  /** The response, if its data was read less than `recheckMs` ago. */
  fresh(key: Key): PreparedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const age = this.#clock() - entry.readAt;
    if (age >= this.#recheckMs) return undefined;
    if (age >= this.#refreshAfterMs && !entry.rereading) {
      entry.rereading = true;
      this.#reread(key, entry);
    }
    return entry.response;
  }

  /** The response for a key, its data read now: the kept one if the data is unchanged, else a new render; null when there is no page. */
  async read(key: Key): Promise<PreparedResponse | null> {
    const readAt = this.#clock();
    const deletions = this.#deletions;
    const data = await this.#read(key);
    if (!data) {
      this.#entries.delete(key);
      return null;
    }
    return deletions === this.#deletions ? this.#keep(key, data, readAt) : data.render();
  }

  delete(key: Key): void {
    this.#entries.delete(key);
    this.#deletions++;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * A background read of a kept page. Its result is dropped if the entry was
   * deleted (a change in this process) or replaced while it ran; a failed read
   * leaves the entry to expire, and the next request reads in its own path.
   */
  #reread(key: Key, entry: { rereading: boolean }): void {
    const readAt = this.#clock();
    this.#read(key).then(
      (data) => {
        if (this.#entries.get(key) !== entry) return;
        if (data) this.#keep(key, data, readAt);
        else this.#entries.delete(key);
      },
      () => undefined,
    );
  }

  #keep(key: Key, data: PageData, readAt: number): PreparedResponse {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    const response = entry && entry.fingerprint === data.fingerprint ? entry.response : data.render();
    this.#entries.set(key, { fingerprint: data.fingerprint, response, readAt, rereading: false });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as Key);
    return response;
  }
}
