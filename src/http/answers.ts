import { BUSY_RETRY_AFTER_SECONDS, DatabaseBusyError } from '../db/database-busy.ts';
import { isLocale, negotiateLocale, type ErrorCode, type Locale } from '../i18n/index.ts';
import type { Logger } from '../logging/logger.ts';
import { IntakeOverloadedError } from '../services/declaration-service.ts';

/*
 * What hono's app and the fast lanes in front of it (fast-lane/) both answer with, so that a request
 * gets the same answer whichever path takes it. The security headers are declared once in
 * middleware/security-headers/policy.ts, the error bodies in errors.tsx; both paths use those too.
 */

/** The largest request body either path reads: a console form or file (a batch import's CSV). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The largest body of a public POST (forms and API). Fitted to the largest valid declaration, the
 * largest public input: 50 names of 60 characters, a title, a region, a 5,000-character statement
 * and a contact, about 8,500 characters, which even written at 12 bytes each (an astral character
 * as two JSON escapes, or as four percent-encoded bytes) fits; test/http/body-limits.test.ts holds
 * it to that. Anything larger is refused before it is read, and caps what a flood of bodies costs.
 */
export const PUBLIC_BODY_BYTES = 128 * 1024;

/** The body limit of a path: the console's forms take files, everything public is small. */
export function bodyLimitOf(path: string): number {
  return path === '/console' || path.startsWith('/console/') ? MAX_BODY_BYTES : PUBLIC_BODY_BYTES;
}

/** What c.html() sends, and what prepared pages and the submission lane send. */
export const HTML_TYPE = 'text/html; charset=UTF-8';
/** What c.json() sends, and what the submission lane sends. */
export const JSON_TYPE = 'application/json';
/** Cache-Control of pages and answers that hold secrets or a person's unsent words. */
export const NO_STORE = 'no-store';
/** Vary of answers whose language was negotiated: a cache keeps one per Accept-Language. */
export const VARIES_BY_LANGUAGE = 'Accept-Language';

/** A page's locale is its path prefix; the API, the root and anything else negotiate from Accept-Language. */
export function requestLocale(path: string, acceptLanguage: string | undefined): Locale {
  const prefix = path.split('/')[1] ?? '';
  return isLocale(prefix) ? prefix : negotiateLocale(acceptLanguage);
}

/** How a request that failed on the server is answered: its status, its error code and the headers beside it. */
export interface Failure {
  status: 400 | 500 | 503;
  code: ErrorCode;
  headers: Readonly<Record<string, string>>;
}

const RETRY_SOON: Readonly<Record<string, string>> = { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) };
/**
 * An overloaded intake drains a full queue within a second or two; a few seconds spreads the retries
 * of a burst over that time rather than sending them all back at once.
 */
const OVERLOAD_RETRY_AFTER_SECONDS = 5;
const RETRY_AFTER_OVERLOAD: Readonly<Record<string, string>> = { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) };

/** The answer to an error no handler expected, logged with `context` (which never says who sent the request). */
export function failureOf(error: unknown, logger: Logger, context: Readonly<Record<string, unknown>>): Failure {
  // Not logged: under overload a line per refusal would add to the load; tuidang_intake_refused_total counts them.
  if (error instanceof IntakeOverloadedError) return { status: 503, code: 'request.overloaded', headers: RETRY_AFTER_OVERLOAD };
  if (error instanceof DatabaseBusyError) {
    // Another writer held the database past the lock wait; the request changed nothing.
    logger.warn({ ...context, err: { message: error.message } }, 'database busy');
    return { status: 503, code: 'request.busy', headers: RETRY_SOON };
  }
  if (clientWentAway(error)) {
    // The client closed the connection while its body was being read: nothing failed here, and
    // nobody is left to read the answer. One line, no stack; a flood of them is no flood of errors.
    logger.info(context, 'client went away');
    return { status: 400, code: 'request.malformed', headers: {} };
  }
  const err = error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
  logger.error({ ...context, err }, 'unhandled error');
  return { status: 500, code: 'request.internal', headers: {} };
}

/** Node's error for a request whose connection closed before its body was read ("aborted", ECONNRESET), wrapped or not. */
function clientWentAway(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || cause.message === 'aborted') return true;
  }
  return false;
}
