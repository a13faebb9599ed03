import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { FreshValue } from '../../services/fast-lane/fresh-value.ts';
import type { AppEnv } from '../env.ts';
import { PUBLIC_SECURITY_HEADERS } from '../middleware/security-headers/policy.ts';

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
const UTF8 = new TextEncoder();

/** `securityHeaders`: a public page's by default; API_READ_HEADERS for the counter's. */
export function prepareResponse(
  body: string,
  contentType: string,
  cacheControl: string,
  securityHeaders: Readonly<Record<string, string>> = PUBLIC_SECURITY_HEADERS,
): PreparedResponse {
  // Exactly the body's bytes: Buffer.from(string) slices a shared 64 KB pool, and a kept slice keeps its whole slab
  // (2,000 kept permalinks held about 75 MB that way).
  const bytes = UTF8.encode(body);
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
  return preparedFromBytes(bytes, etag, contentType, cacheControl, securityHeaders);
}

/** A response prepared before, from its bytes and their ETag (a page kept on disk). */
export function preparedFromBytes(
  bytes: Uint8Array,
  etag: string,
  contentType: string,
  cacheControl: string,
  securityHeaders: Readonly<Record<string, string>> = PUBLIC_SECURITY_HEADERS,
): PreparedResponse {
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

/**
 * A page rendered for this request alone, sent the way prepared ones are: every header a public
 * page carries (the security headers included) in one plain record, so no Headers object or stream
 * is built and the middleware leaves it as it is (through `c.html()` the same page cost about 30 µs
 * more: docs/performance.md, "Public pages rendered per request"). The body goes out as the string it is, encoded as it is
 * written to the socket: encoded here into a Buffer, each page's bytes lived off V8's heap until a
 * full collection (a page still being written when the young generation is swept moves to the old),
 * and 60-80 MB of them held the server's RSS above 300 MB in the bench. No ETag: the body is not
 * kept, and hashing it would cost more than a 304 saves.
 */
export function serveRendered(body: string, contentType: string, cacheControl: string, status = 200): Response {
  const headers = {
    ...PUBLIC_SECURITY_HEADERS,
    'Content-Type': contentType,
    'Cache-Control': cacheControl,
    'Content-Length': String(Buffer.byteLength(body, 'utf8')),
  };
  const served = new Response(body, { status, headers }) as Response;
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
    return entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i])
      ? entry.response
      : undefined;
  }
}

/** What a key's page is made from, as read just now: a fingerprint of the data, and how to render it. */
export interface PageData {
  readonly fingerprint: string;
  render(): PreparedResponse;
}

/** Whatever tells whether kept pages are current: a number that changes with their data, read at most about once per interval. */
export type DataVersion = Pick<FreshValue<number>, 'current' | 'get'>;

/**
 * Prepared responses for many keys (permalinks), at most `capacity` of them,
 * least recently served dropped first. Each is kept with a fingerprint of the
 * data it was rendered from and the data version seen before that data was
 * read. It is served as is (`fresh`) while the version, read less than an
 * interval ago, is still that one: no data behind any page changed since. When
 * the version moved, or is due to be read again, the caller reads the page
 * (`read`): the version first, then, if it moved, the page's data, and a
 * different fingerprint means a new render. A change therefore shows within
 * the version's interval, whichever process made it, and pages in demand cost
 * one small read per interval between them, not one each.
 */
export class PreparedLru<Key> {
  readonly #capacity: number;
  readonly #version: DataVersion;
  readonly #read: (key: Key) => Promise<PageData | null>;
  readonly #entries = new Map<Key, { fingerprint: string; response: PreparedResponse; version: number }>();
  /** Reads in flight, so the requests that find a page out of date at once share one read of its data. */
  readonly #reading = new Map<Key, Promise<PreparedResponse | null>>();
  /** Counts delete() calls: a read that a deletion overtook answers its own requests but keeps nothing. */
  #deletions = 0;

  /** `read` gives the data behind a key as it is now, or null when the key has no page (any more). */
  constructor(capacity: number, version: DataVersion, read: (key: Key) => Promise<PageData | null>) {
    this.#capacity = capacity;
    this.#version = version;
    this.#read = read;
  }

  /** The kept response, if no data changed as of a version read less than an interval ago. */
  fresh(key: Key): PreparedResponse | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== this.#version.current()) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.response;
  }

  /** The response for a key as its data is now: the kept one if the data is unchanged, else a new render; null when there is no page. */
  read(key: Key): Promise<PreparedResponse | null> {
    const inFlight = this.#reading.get(key);
    if (inFlight) return inFlight;
    const reading = this.#readNow(key).finally(() => {
      if (this.#reading.get(key) === reading) this.#reading.delete(key);
    });
    this.#reading.set(key, reading);
    return reading;
  }

  delete(key: Key): void {
    this.#entries.delete(key);
    this.#reading.delete(key);
    this.#deletions++;
  }

  get size(): number {
    return this.#entries.size;
  }

  async #readNow(key: Key): Promise<PreparedResponse | null> {
    const deletions = this.#deletions;
    // The version before the data: a change between the two reads moves the version past the page's, never the other way.
    const version = await this.#version.get();
    const kept = this.fresh(key);
    if (kept) return kept;
    const data = await this.#read(key);
    if (!data) {
      this.#entries.delete(key);
      return null;
    }
    return deletions === this.#deletions ? this.#keep(key, data, version) : data.render();
  }

  #keep(key: Key, data: PageData, version: number): PreparedResponse {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    const response = entry && entry.fingerprint === data.fingerprint ? entry.response : data.render();
    this.#entries.set(key, { fingerprint: data.fingerprint, response, version });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as Key);
    return response;
  }
}
