import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { declarationInputSchema, type DeclarationInput } from '../domain/declaration/declaration-input.ts';
import { LOCALES, negotiateLocale, type Locale } from '../i18n/index.ts';
import type { Logger } from '../logging/logger.ts';
import { BUSY_RETRY_AFTER_SECONDS, DatabaseBusyError } from '../db/database-busy.ts';
import { parseIdempotencyKey } from '../domain/declaration/submission-token.ts';
import type { DeclarationService, Receipt } from '../services/declaration-service.ts';
import { MAX_BODY_BYTES } from './app.ts';
import { apiErrorBody, errorPageHtml } from './errors.tsx';
import { urlEncodedFields } from './form-body.ts';
import { FORM_TYPES, JSON_TYPES, isAllowedContentType } from './middleware/content-type/content-type.ts';
import { API_SECURITY_HEADERS, PUBLIC_SECURITY_HEADERS } from './middleware/security-headers/policy.ts';
import { isAliasHelperPost, receiptLocation, schemaInput, submissionToken } from './public/declare-routes.tsx';

/** A submission the lane takes: the declaration, and the token or Idempotency-Key that makes a repeat harmless. */
interface Taken {
  input: DeclarationInput;
  once: string | null;
}

/** The two ways in for a public submission, and how each reads its body and answers. */
interface Door {
  readonly contentTypes: readonly string[];
  /** The submission the request holds, or undefined for anything else: invalid, malformed, the alias helper. */
  read(body: string, request: IncomingMessage): Taken | undefined;
  submit(declarations: DeclarationService, locale: Locale, taken: Taken, body: Buffer): Promise<Answer>;
  failure(locale: Locale): Answer;
  /** The database stayed locked past the lock wait: nothing was written, try again shortly. */
  busy(locale: Locale): Answer;
}

interface Answer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

const API_HEADERS = {
  ...API_SECURITY_HEADERS,
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  Vary: 'Accept-Language',
};
const BUSY_HEADERS = { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) };
const PAGE_HEADERS = { ...PUBLIC_SECURITY_HEADERS, 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' };
const REDIRECT_HEADERS = { ...PUBLIC_SECURITY_HEADERS, 'Cache-Control': 'no-store' };

const API_DOOR: Door = {
  contentTypes: JSON_TYPES,
  read(body, request) {
    // An unusable key is the app's to refuse.
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? null : parseIdempotencyKey(header);
    if (key === null) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const parsed = declarationInputSchema.safeParse(value);
    return parsed.success ? { input: parsed.data, once: key ?? null } : undefined;
  },
  async submit(declarations, locale, { input, once }, body) {
    if (once === null) return created(await declarations.submit(input, { channel: 'api', locale }));
    const result = await declarations.submitIdempotent(input, locale, once, body);
    if (result.ok) return created(result.value);
    return { status: 422, headers: API_HEADERS, body: JSON.stringify(apiErrorBody(locale, result.error)) };
  },
  failure: (locale) => ({ status: 500, headers: API_HEADERS, body: JSON.stringify(apiErrorBody(locale, 'request.internal')) }),
  busy: (locale) => ({ status: 503, headers: { ...API_HEADERS, ...BUSY_HEADERS }, body: JSON.stringify(apiErrorBody(locale, 'request.busy')) }),
};

const created = (receipt: Receipt): Answer => ({ status: 201, headers: API_HEADERS, body: JSON.stringify(receipt) });

const FORM_DOOR: Door = {
  // Multipart forms, rare from a browser for this form, take the long way.
  contentTypes: FORM_TYPES.slice(0, 1),
  read(body) {
    const fields = urlEncodedFields(body);
    if (isAliasHelperPost(fields)) return undefined;
    const parsed = declarationInputSchema.safeParse(schemaInput(fields));
    return parsed.success ? { input: parsed.data, once: submissionToken(fields) } : undefined;
  },
  async submit(declarations, locale, { input, once }) {
    const { ref } = await declarations.submitForm(input, locale, once);
    return { status: 303, headers: { ...REDIRECT_HEADERS, Location: receiptLocation(locale, ref) }, body: '' };
  },
  failure: (locale) => ({ status: 500, headers: PAGE_HEADERS, body: errorPageHtml(locale, 500, 'request.internal') }),
  busy: (locale) => ({ status: 503, headers: { ...PAGE_HEADERS, ...BUSY_HEADERS }, body: errorPageHtml(locale, 503, 'request.busy') }),
};

const API_PATH = '/api/v1/declarations';
const FORM_PATHS = new Map<string, Locale>(LOCALES.map((locale) => [`/${locale}/declare`, locale]));

/**
 * Public submissions that are valid as sent, answered by the node request
 * listener itself; everything else reaches `fallback` (the hono app) as if
 * nothing had happened. Submissions are the busiest POSTs, and through hono
 * each paid for a web Request, its Headers, the middleware chain and a web
 * Response: about a sixth of the CPU a submission costs.
 *
 * Taken here: a POST of exactly `/api/v1/declarations` (JSON) or
 * `/{locale}/declare` (url-encoded), in UTF-8, with a Content-Length within the
 * body limit, whose body the shared schema accepts as it stands (and whose
 * Idempotency-Key, if any, is usable). It is submitted and answered with the
 * same status, headers and body as the app's route gives (tested over real
 * HTTP), the security headers and no-store included: a 201, a 422 for a key
 * reused with another body, or the form's 303 to its receipt page. Anything
 * else — another type, a chunked body, malformed JSON, an invalid field, the
 * alias helper — goes to the app with the body already read (`rawBody`, which
 * @hono/node-server reads instead of the socket), and the app answers it: its localized errors and re-rendered forms stay in one place.
 * Like the request log, the lane logs nothing about who sent a request.
 */
export function submissionsFirst(declarations: DeclarationService, fallback: RequestListener, logger: Logger): RequestListener {
  return (request, response) => {
    const target = request.method === 'POST' ? doorOf(request.url) : undefined;
    const length = target ? declaredLength(request) : undefined;
    if (!target || length === undefined || !isAllowedContentType(request.headers['content-type'], target.door.contentTypes)) {
      return fallback(request, response);
    }
    readBody(request, length, (body) => {
      const taken = readSubmission(target.door, body, request);
      if (!taken) {
        (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        return fallback(request, response);
      }
      const locale = target.locale ?? negotiateLocale(request.headers['accept-language']);
      const started = performance.now();
      target.door
        .submit(declarations, locale, taken, body)
        .catch((error: unknown) => {
          if (error instanceof DatabaseBusyError) {
            logger.warn({ route: 'submission', err: { message: error.message } }, 'database busy');
            return target.door.busy(locale);
          }
          const err = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
          logger.error({ route: 'submission', err }, 'unhandled error');
          return target.door.failure(locale);
        })
        .then((answer) => send(response, answer, started))
        .catch(() => response.destroy());
    });
  };

  function send(response: ServerResponse, answer: Answer, started: number): void {
    response
      .writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)), 'X-Request-Id': randomUUID() })
      .end(answer.body);
    if (logger.isLevelEnabled('debug')) {
      logger.debug({ method: 'POST', route: 'submission', status: answer.status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
    }
  }
}

/** The submission in a request, or undefined: not UTF-8, or anything the door does not take as it stands. */
function readSubmission(door: Door, body: Buffer, request: IncomingMessage): Taken | undefined {
  if (!isUtf8(body)) return undefined;
  try {
    return door.read(body.toString('utf8'), request);
  } catch {
    // Whatever went wrong, the app reads the body again and answers it (or reports its own error).
    return undefined;
  }
}

function doorOf(url: string | undefined): { door: Door; locale?: Locale } | undefined {
  if (url === API_PATH) return { door: API_DOOR };
  const locale = url === undefined ? undefined : FORM_PATHS.get(url);
  return locale ? { door: FORM_DOOR, locale } : undefined;
}

/** The declared body length, if it is plain and within the limit; otherwise the app's body limit decides. */
function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  if (header === undefined || request.headers['transfer-encoding'] !== undefined || !/^\d{1,7}$/.test(header)) return undefined;
  const length = Number(header);
  return length <= MAX_BODY_BYTES ? length : undefined;
}

/** The whole body, once the parser has read its declared length; nothing if the client went away. */
function readBody(request: IncomingMessage, length: number, then: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  request.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.byteLength;
  });
  request.on('end', () => {
    // node's parser ends a body at its Content-Length; anything else is no request to answer.
    if (received !== length) return void request.socket.destroy();
    then(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
  });
}
