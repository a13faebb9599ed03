import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from './env.ts';

export function pageProps(c: Context<AppEnv>) {
  return { locale: c.var.locale, t: c.var.t, nonce: c.var.secureHeadersNonce };
}

export function renderPage(c: Context<AppEnv>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${page.toString()}`, status);
}
