import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from './env.ts';

export const HTML_TYPE = 'text/html; charset=UTF-8';

export function pageProps(c: Context<AppEnv>) {
  return { locale: c.get('locale'), t: c.get('t') };
}

export function renderPage(c: Context<AppEnv>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${page.toString()}`, status);
}
