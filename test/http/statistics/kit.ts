// What the statistics tests share: the app, seeded days, and readers of the page.
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import type { AppEnv } from '../../../src/http/env.ts';
import type { Locale } from '../../../src/i18n/index.ts';
import type { TestContext } from '../../helpers/test-context.ts';

export const MAX_PAGE_BYTES = 30 * 1024;
export const MAX_CHART_BYTES = 6 * 1024;
/** When the nightly recount runs, as the method page says it. */
export const RECONCILE_AT: Record<Locale, string> = {
  'zh-hans': '每天北京时间（Asia/Shanghai）凌晨 3 点后，',
  'zh-hant': '每天北京時間（Asia/Shanghai）凌晨 3 點後，',
  en: 'Every night after 3 a.m. Beijing time (Asia/Shanghai), ',
};

/** The real app: statistics pages under each locale, the open data under /api. */
export function statsApp(ctx: TestContext): Hono<AppEnv> {
  return ctx.app;
}

export interface SeedDay {
  day: string;
  declarations: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
  region?: Record<string, number>;
  channel?: Record<string, number>;
  center?: Record<string, number>;
}

/** Counts written straight into the counter tables, as the status changes would have left them. */
export async function seed(ctx: TestContext, days: readonly SeedDay[]): Promise<void> {
  const db = ctx.services.database.db;
  for (const { region = {}, channel = {}, center = {}, ...totals } of days) {
    await db.insertInto('daily_totals').values(totals).execute();
    const rows = (['region', 'channel', 'center'] as const).flatMap((dimension) =>
      Object.entries({ region, channel, center }[dimension]).map(([key, people]) => ({
        day: totals.day,
        dimension,
        key,
        declarations: 1,
        people,
      })),
    );
    if (rows.length > 0) await db.insertInto('daily_breakdown').values(rows).execute();
  }
}

/** Every SVG of a page. */
export function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

/** The chart section whose heading has this id prefix (time, organizations, regions, channels). */
export function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}-heading"`);
  assert.ok(start >= 0, `no ${id} section`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The fallback table's rows of a section, as [label, figure]. */
export function tableRows(html: string, id: string): [string, string][] {
  return [...section(html, id).matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((match) => [
    match[1]!,
    match[2]!,
  ]);
}

export function main(html: string): string {
  return html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
}

/** No script, no event handler, nothing fetched from anywhere. */
export function assertInertSvg(svg: string): void {
  assert.doesNotMatch(svg, /<script/i);
  assert.doesNotMatch(svg, /<[^>]*\son[a-z]+\s*=/i, 'no event handler attribute');
  assert.doesNotMatch(svg, /href|url\(|https?:|\/\/|<image|<use|<foreignObject|<style|style=/i);
}
