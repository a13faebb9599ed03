import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { catalogFor, errorMessage, type ErrorCode, type Locale } from '../i18n/index.ts';
import type { ErrorParams } from '../i18n/error-params.ts';
import type { FieldError } from '../domain/declaration/declaration-input.ts';
import { NO_STORE, requestLocale } from './answers.ts';
import type { AppEnv } from './env.ts';
import { isApiPath } from './middleware/security-headers/policy.ts';
import { ErrorPage } from './views/error-page.tsx';

/** The locale of a request, even before the locale middleware has run. */
function localeOf<E extends AppEnv>(c: Context<E>): Locale {
  return c.get('locale') ?? requestLocale(c.req.path, c.req.header('accept-language'));
}

/** The API and the legacy counter answer errors in the API's one shape. */
function isApiRequest(c: Context): boolean {
  return isApiPath(c.req.path);
}

function localizeFields(locale: Locale, fields: Record<string, FieldError>) {
  return Object.fromEntries(
    Object.entries(fields).map(([field, error]) => [field, { code: error.code, message: errorMessage(locale, error.code, error.params) }]),
  );
}

/** The API's one error shape: `{error: {code, message, fields}}`, in the caller's language. */
export function apiErrorBody(locale: Locale, code: ErrorCode, fields: Record<string, FieldError> = {}, params: ErrorParams = {}) {
  return { error: { code, message: errorMessage(locale, code, params), fields: localizeFields(locale, fields) } };
}

export function apiError<E extends AppEnv>(
  c: Context<E>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  fields: Record<string, FieldError> = {},
  params: ErrorParams = {},
): Response {
  c.header('Cache-Control', NO_STORE);
  return c.json(apiErrorBody(localeOf(c), code, fields, params), status);
}

const PAGE_TITLES: Partial<Record<number, keyof ReturnType<typeof catalogFor>['errorPage']>> = {
  400: 'badRequestTitle',
  404: 'notFoundTitle',
  405: 'methodNotAllowedTitle',
  413: 'tooLargeTitle',
  415: 'unsupportedTitle',
  429: 'tooManyTitle',
  500: 'serverTitle',
  503: 'busyTitle',
};

/** The localized error page for a status, as a whole document. */
export function errorPageHtml(locale: Locale, status: number, code: ErrorCode, params: ErrorParams = {}): string {
  const t = catalogFor(locale);
  // A 503 is either a moment of overload or a feature an admin switched off (kill switches): titled for which.
  const title = t.errorPage[code.startsWith('feature.') ? 'unavailableTitle' : (PAGE_TITLES[status] ?? 'badRequestTitle')];
  const message = status === 404 ? t.errorPage.notFound : errorMessage(locale, code, params);
  return `<!doctype html>${(<ErrorPage locale={locale} t={t} title={title} message={message} />).toString()}`;
}

/** An error answered as JSON on the API and as a localized page everywhere else. */
export function respondError<E extends AppEnv>(
  c: Context<E>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  params?: ErrorParams,
): Response {
  if (isApiRequest(c)) return apiError(c, status, code, {}, params);
  c.header('Cache-Control', NO_STORE);
  return c.html(errorPageHtml(localeOf(c), status, code, params), status);
}
