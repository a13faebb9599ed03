import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';

/**
 * The files a browser or a crawler asks every site for, served from this origin so no page
 * reaches elsewhere for them. The icon is a few hundred bytes of SVG, drawn without text so it
 * needs no font.
 */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="7" fill="#8a1c1c"/>' +
  '<path d="M9 16.5l5 5 9-11" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>' +
  '</svg>';

/** Public pages may be indexed; the console, receipts and form answers are private to whoever holds them. */
const ROBOTS = ['User-agent: *', 'Disallow: /console', 'Disallow: /*/receipt', 'Disallow: /*/declare/receipt/', ''].join('\n');

const A_DAY = 'public, max-age=86400';

export function siteFileRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/favicon.svg', (c) => c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': A_DAY }));
  routes.get('/robots.txt', (c) => c.body(ROBOTS, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': A_DAY }));
  return routes;
}
