// The archive mounted as the app mounts it, with what the archive tests share to publish and read it.
import { publicPagesVersions } from '../../../src/http/public/public-pages-version.ts';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { declarationInputSchema } from '../../../src/domain/declaration/declaration-input.ts';
import { archiveApi } from '../../../src/http/api/v1/archive-api.ts';
import type { AppEnv } from '../../../src/http/env.ts';
import { fixedLocale, negotiatedLocale } from '../../../src/http/middleware/locale/locale.ts';
import { PreparedRoutes } from '../../../src/http/fast-lane/prepared-routes.ts';
import { archiveRoutes } from '../../../src/http/public/archive/routes.tsx';
import { feedRoutes } from '../../../src/http/public/feeds/routes.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { createLogger } from '../../../src/logging/logger.ts';
import { archiveRepository, unindex } from '../../../src/repositories/archive-repository.ts';
import { declarationsRepository } from '../../../src/repositories/declarations/index.ts';
import { createArchiveService, type ArchivePage, type ArchiveService } from '../../../src/services/archive-service.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';

export const PUBLIC_URL = 'https://registry.example';
export const ITEM_KEYS = [
  'behalf',
  'headcount',
  'names',
  'orgs',
  'publishedAt',
  'region',
  'registrationNumber',
  'statement',
  'title',
  'titleIsDefault',
];

export interface Published {
  id: number;
  registrationNumber: string;
  queryPassword: string;
}

export interface Harness {
  ctx: TestContext;
  archive: ArchiveService;
  app: Hono<AppEnv>;
  /** Submits, approves and indexes, in this order, so ids follow the list. */
  publish(list: Record<string, unknown>[], options?: { index?: boolean }): Promise<Published[]>;
  retract(declaration: Published): Promise<void>;
  html(path: string): Promise<string>;
  // biome-ignore lint/suspicious/noExplicitAny: as Response.json() in test/helpers/response-json.d.ts, the tests assert the shape.
  json(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; response: Response }>;
  setDay(declaration: Published, day: string): Promise<void>;
  feature(declaration: Published, day: string): Promise<void>;
  close(): Promise<void>;
}

/** The archive mounted as createApp will: pages and feeds under each locale, JSON at the root. */
export async function harness(engine: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const ctx = await createTestContext(engine, { TUIDANG_PUBLIC_URL: PUBLIC_URL, ...env });
  const db = ctx.services.database.db;
  const archive = createArchiveService({ db, archive: archiveRepository, timeZone: ctx.config.timeZone });
  const app = new Hono<AppEnv>({ strict: false });
  app.use('/api/*', negotiatedLocale());
  app.route('/', archiveApi(archive));
  const silent = createLogger('silent');
  const version = publicPagesVersions(ctx.services.declarations, ctx.services.publicChanges, ctx.clock.now, silent).rows;
  // The first pages and feeds are read at most once a second (of the test's clock): each change below moves it on.
  const localized = [
    archiveRoutes(archive, ctx.config.timeZone, new PreparedRoutes(), { pages: ctx.services.keptPages, version }, ctx.clock.now, silent),
    feedRoutes(archive, ctx.config.publicUrl, new PreparedRoutes(), ctx.clock.now, silent),
  ];
  for (const locale of LOCALES) {
    app.use(`/${locale}/*`, fixedLocale(locale));
    for (const routes of localized) app.route(`/${locale}`, routes);
  }
  const changed = () => ctx.clock.advance(1000);
  const idOf = async (registrationNumber: string) =>
    (await declarationsRepository.findByRegistrationNumber(db, ctx.services.numbers.ref(registrationNumber)))!.id;

  return {
    ctx,
    archive,
    app,
    async publish(list, options = {}) {
      const published: Published[] = [];
      for (const fields of list) {
        const input = declarationInputSchema.parse({ names: '明德', orgs: ['party'], ...fields });
        const receipt = await ctx.services.declarations.submit(input, { channel: 'api', locale: 'zh-hans' });
        published.push({ ...receipt, id: await idOf(receipt.registrationNumber) });
      }
      const outcome = await ctx.services.moderation.approve(
        SYSTEM_ACTOR,
        published.map((p) => p.registrationNumber),
      );
      assert.equal(outcome.ok && outcome.value.done.length, list.length);
      // Publication indexes for search; `index: false` removes it again, as for data older than the index.
      if (options.index === false) {
        await db.transaction().execute(async (trx) => {
          for (const p of published) await unindex(trx, p.id);
        });
      }
      changed();
      return published;
    },
    async retract(declaration) {
      const result = await ctx.services.declarations.retract(declaration.registrationNumber, declaration.queryPassword);
      assert.equal(result.ok, true);
      changed();
    },
    async html(path) {
      const response = await app.request(path);
      assert.equal(response.status, 200, `${path}: ${response.status}`);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=30', path);
      return response.text();
    },
    async json(path, headers = {}) {
      const response = await app.request(path, { headers });
      return { status: response.status, body: await response.json(), response };
    },
    async setDay(declaration, day) {
      await db.updateTable('declarations').set({ counted_day: day }).where('id', '=', declaration.id).execute();
      changed();
    },
    async feature(declaration, day) {
      assert.ok(await declarationsRepository.setFeaturedOn(db, declaration.id, { day, featured: true }));
      changed();
    },
    close: () => ctx.close(),
  };
}

export const numbersOf = (page: ArchivePage) => page.items.map((item) => item.registrationNumber);
export const newestFirst = (list: Published[]) => [...list].reverse().map((p) => p.registrationNumber);
/** Registration numbers in the order a page lists them (each appears in its permalink). */
export const numbersIn = (html: string) => [...html.matchAll(/<h[23]><a href="\/[a-z-]+\/declarations\/(\d{16})">/g)].map((m) => m[1]!);
export const olderLink = (html: string) => /<a class="button secondary" rel="next" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
