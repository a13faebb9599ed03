import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { declarationInputSchema, type DeclarationInput } from '../../domain/declaration/declaration-input.ts';
import { parseIdempotencyKey } from '../../domain/declaration/submission-token.ts';
import { LOCALES, type ErrorCode, type Locale } from '../../i18n/index.ts';
import type { Logger } from '../../logging/logger.ts';
import type { DeclarationService, PublicAdmission, Receipt } from '../../services/declaration-service.ts';
import {
  HTML_TYPE,
  JSON_TYPE,
  PUBLIC_BODY_BYTES,
  NO_STORE,
  VARIES_BY_LANGUAGE,
  failureOf,
  requestLocale,
  type Failure,
} from '../answers.ts';
import { apiErrorBody, errorPageHtml } from '../errors.tsx';
import { urlEncodedFields } from '../form-body.ts';
import { handOverParsed, parseJsonText } from '../json-text.ts';
import { FORM_TYPES, JSON_TYPES, isAllowedContentType } from '../middleware/content-type/content-type.ts';
import { API_SECURITY_HEADERS, PUBLIC_SECURITY_HEADERS } from '../middleware/security-headers/policy.ts';
import {
  PROOF_HEADER,
  identifyingWarning,
  isAliasHelperPost,
  proofOf,
  receiptLocation,
  schemaInput,
  submissionToken,
} from '../public/declare/form-fields.ts';

/** A submission the lane takes: the declaration, and the token or Idempotency-Key that makes a repeat harmless. */
interface Taken {
  input: DeclarationInput;
  once: string | null;
  /** The proof of work sent with it, if any: the form's `altcha` field, the API's `Altcha` header. */
  proof: string | undefined;
}

/** The two ways in for a public submission, and how each reads its body and answers. */
interface Door {
  readonly contentTypes: readonly string[];
  /** The submission the request holds, or undefined for anything else: invalid, malformed, the alias helper. */
  read(body: string, request: IncomingMessage): Taken | undefined;
  submit(declarations: DeclarationService, locale: Locale, taken: Taken, body: Buffer, admission: PublicAdmission): Promise<Answer>;
  /** An error no handler expected (failureOf): a busy database or anything else, answered in the door's shape. */
  failure(locale: Locale, failure: Failure): Answer;
}

interface Answer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

const API_HEADERS = { ...API_SECURITY_HEADERS, 'Content-Type': JSON_TYPE, 'Cache-Control': NO_STORE, Vary: VARIES_BY_LANGUAGE };
const PAGE_HEADERS = { ...PUBLIC_SECURITY_HEADERS, 'Content-Type': HTML_TYPE, 'Cache-Control': NO_STORE };
const REDIRECT_HEADERS = { ...PUBLIC_SECURITY_HEADERS, 'Cache-Control': NO_STORE };

const apiErrorAnswer = (locale: Locale, status: number, code: ErrorCode, headers = API_HEADERS): Answer => ({
  status,
  headers,
  body: JSON.stringify(apiErrorBody(locale, code)),
});

const API_DOOR: Door = {
  contentTypes: JSON_TYPES,
  read(body, request) {
    // An unusable key is the app's to refuse.
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? null : parseIdempotencyKey(header);
    if (key === null) return undefined;
    const value = parseJsonText(body);
    const parsed =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? declarationInputSchema.safeParse(value) : undefined;
    const proof = request.headers[PROOF_HEADER];
    if (parsed?.success) return { input: parsed.data, once: key ?? null, proof: typeof proof === 'string' ? proof : undefined };
    // The app answers it, from what was parsed here rather than by parsing the text again.
    handOverParsed(request, value);
    return undefined;
  },
  async submit(declarations, locale, { input, once }, body, admission) {
    if (once === null) return created(await declarations.submit(input, { channel: 'api', locale, admission }));
    const result = await declarations.submitIdempotent(input, locale, once, body, admission);
    if (result.ok) return created(result.value);
    return apiErrorAnswer(locale, 422, result.error);
  },
  failure: (locale, { status, code, headers }) => apiErrorAnswer(locale, status, code, { ...API_HEADERS, ...headers }),
};

const created = (receipt: Receipt): Answer => ({ status: 201, headers: API_HEADERS, body: JSON.stringify(receipt) });

const FORM_DOOR: Door = {
  // Multipart forms, rare from a browser for this form, take the long way.
  contentTypes: FORM_TYPES.slice(0, 1),
  read(body) {
    const fields = urlEncodedFields(body);
    if (isAliasHelperPost(fields)) return undefined;
    const parsed = declarationInputSchema.safeParse(schemaInput(fields));
    if (!parsed.success || identifyingWarning(fields, parsed.data).length > 0) return undefined;
    return { input: parsed.data, once: submissionToken(fields), proof: proofOf(fields) };
  },
  async submit(declarations, locale, { input, once }, _body, admission) {
    const { ref } = await declarations.submitForm(input, locale, once, admission);
    return { status: 303, headers: { ...REDIRECT_HEADERS, Location: receiptLocation(locale, ref) }, body: '' };
  },
  failure: (locale, { status, code, headers }) => ({
    status,
    headers: { ...PAGE_HEADERS, ...headers },
    body: errorPageHtml(locale, status, code),
  }),
};

const API_PATH = '/api/v1/declarations';
const FORM_PATHS = new Set(LOCALES.map((locale) => `/${locale}/declare`));

/**
 * Public submissions that are valid as sent, answered by the node request
 * listener itself; everything else reaches `fallback` (the hono app) as if
 * nothing had happened. Submissions are the busiest POSTs, and through hono
 * each pays for a web Request, its Headers, the middleware chain and a web
 * Response (what that costs: docs/performance.md).
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
    const door = request.method === 'POST' ? doorOf(request.url) : undefined;
    const length = door ? declaredLength(request) : undefined;
    if (!door || length === undefined || !isAllowedContentType(request.headers['content-type'], door.contentTypes)) {
      return fallback(request, response);
    }
    readBody(request, length, (body) => {
      const taken = readSubmission(door, body, request);
      if (!taken) {
        (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        return fallback(request, response);
      }
      const locale = requestLocale(request.url ?? '', request.headers['accept-language']);
      const started = performance.now();
      // The same door as the app's routes: a refusal (switched off, over the lower class's limits)
      // is the app's to answer; it asks again and gets the same, since a refusal takes nothing.
      declarations
        .admit(request.socket.remoteAddress, taken.proof)
        .then(async (admitted) => {
          if (!admitted.ok) {
            (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
            return fallback(request, response);
          }
          const answer = await door
            .submit(declarations, locale, taken, body, admitted.admission)
            .catch((error: unknown) => door.failure(locale, failureOf(error, logger, { route: 'submission' })));
          send(response, answer, started);
        })
        .catch((error: unknown) => send(response, door.failure(locale, failureOf(error, logger, { route: 'submission' })), started))
        .catch(() => response.destroy());
    });
  };

  function send(response: ServerResponse, answer: Answer, started: number): void {
    response
      .writeHead(answer.status, {
        ...answer.headers,
        'Content-Length': String(Buffer.byteLength(answer.body)),
        'X-Request-Id': randomUUID(),
      })
      .end(answer.body);
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        { method: 'POST', route: 'submission', status: answer.status, ms: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      );
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

function doorOf(url: string | undefined): Door | undefined {
  if (url === API_PATH) return API_DOOR;
  return url !== undefined && FORM_PATHS.has(url) ? FORM_DOOR : undefined;
}

/** The declared body length, if it is plain and within the limit; otherwise the app's body limit decides. */
function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers['content-length'];
  if (header === undefined || request.headers['transfer-encoding'] !== undefined || !/^\d{1,7}$/.test(header)) return undefined;
  const length = Number(header);
  return length <= PUBLIC_BODY_BYTES ? length : undefined;
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
