import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from './env.ts';

export function pageProps<E extends AppEnv>(c: Context<E>) {
  return { locale: c.get('locale'), t: c.get('t') };
}

export function renderPage<E extends AppEnv>(c: Context<E>, page: JSX.Element, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${page.toString()}`, status);
}
