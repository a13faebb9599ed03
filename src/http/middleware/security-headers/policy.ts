import { createHash } from 'node:crypto';
import { LOCALES } from '../../../i18n/index.ts';
import { CERTIFICATE_STYLES, STYLES } from '../../views/styles.ts';

/**
 * The security headers, declared once (the middleware in security-headers.ts
 * applies them; prepared responses carry them built in).
 *
 * Public pages carry no script at all and one inline style sheet, allowed by
 * its hash: the policy is the same on every response, so a public page can be
 * rendered once and served to everyone (pre-rendered hot pages, shared caches).
 * Console pages load a script of ours (passkeys), so they get a fresh nonce per
 * response, and the console's style sheet is allowed by that nonce.
 */
const styleHash = (sheet: string) => `'sha256-${createHash('sha256').update(sheet).digest('base64')}'`;
export const PUBLIC_STYLE_HASH = `${styleHash(STYLES)} ${styleHash(CERTIFICATE_STYLES)}`;

export function policy(styleSources: string, scriptSources: string): string {
  return [
    "default-src 'self'",
    `style-src ${styleSources}`,
    `script-src ${scriptSources}`,
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

const PERMISSIONS = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  // Every powerful feature a page of ours never uses, off for it and anything it could embed.
  'Permissions-Policy': PERMISSIONS,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

/** Everything a public response carries, as one record (see prepared-response.ts). */
export const PUBLIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...FIXED_HEADERS,
  'Content-Security-Policy': policy(PUBLIC_STYLE_HASH, "'none'"),
};

/**
 * The declaration form's page (GET, and the form shown again): the public policy, except that our
 * own proof-of-work script and its worker may load from this origin (public/declare/pow-files.ts).
 * The route sets it itself, which securityHeaders() respects; no inline script, no other origin.
 */
export const FORM_PAGE_CSP = policy(PUBLIC_STYLE_HASH, "'self'");

/**
 * What API responses carry (JSON, and the legacy counter's XML): the headers
 * that act on a response that is data. Such a response is never a document a
 * browser renders (its content type and nosniff see to that), so the
 * document-only headers of FIXED_HEADERS — opener policy, permissions, agent
 * clusters, DNS prefetching, Flash and PDF policies — have nothing to act on
 * there, while each costs time on every response of the busiest routes (the
 * counter, submissions). Framing, sniffing, cross-origin reads and referrers
 * stay denied, and the policy denies every kind of resource. (Plain HTTP is the
 * server's to refuse: it sends HSTS behind TLS, http-server.ts.)
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** The transparency log's checkpoint and tiles (docs/transparency.md): data, and readable by any mirror. */
export const LOG_PREFIX = '/log/';

/** The API, the legacy counter that widgets poll, and the log's static files. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/stat/statics' || path.startsWith(LOG_PREFIX);
}

/**
 * The public reads that pages on other sites may fetch: counter widgets, mirrors,
 * API clients. None of them reads a credential (no cookie, no receipt), so any
 * origin may read them; everything else keeps the browser's same-origin rule.
 */
export const PUBLIC_READ_ROUTES: readonly string[] = [
  '/api/v1/counter',
  '/stat/statics',
  '/api/v1/stats/daily',
  '/api/v1/declarations',
  '/api/v1/declarations/:registrationNumber',
  '/api/v1/declarations/:registrationNumber/proof',
  '/api/v1/log/consistency',
  '/api/v1/openapi.json',
  ...LOCALES.flatMap((locale) => [`/${locale}/feeds/latest.atom`, `/${locale}/feeds/featured.atom`]),
];

// The route patterns as one expression; a trailing slash is the same route (the app is not strict).
const PUBLIC_READ = new RegExp(
  `^(?:${PUBLIC_READ_ROUTES.map((route) => route.replace(/\./g, '\\.').replace(/:[^/]+/g, '[^/]+')).join('|')})/?$`,
);

/** A read (or its preflight) of a public read route; a POST to the same path is not one. */
export function isPublicRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') && (PUBLIC_READ.test(path) || path.startsWith(LOG_PREFIX));
}

/** Readable from any origin, and embeddable by it. */
const CROSS_ORIGIN_READ = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' } as const;

/** The API's headers on a public read (the counter's prepared responses carry them too). */
export const API_READ_HEADERS: Readonly<Record<string, string>> = { ...API_SECURITY_HEADERS, ...CROSS_ORIGIN_READ };

/** A public document's headers on a public read: the Atom feeds. */
export const PUBLIC_READ_HEADERS: Readonly<Record<string, string>> = { ...PUBLIC_SECURITY_HEADERS, ...CROSS_ORIGIN_READ };
