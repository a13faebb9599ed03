// What the console batch tests (src/http/console/batch/*.test.ts) share: the batch form's fields, readers
// of its pages, and the console with the batch routes mounted.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Hono } from 'hono';
import { consoleError } from '../../src/http/console/console-kit.tsx';
import { batchRoutes } from '../../src/http/console/batch/routes.tsx';
import type { AppEnv } from '../../src/http/env.ts';
import type { BatchEntryService } from '../../src/services/batch/batch-entry-service.ts';
import { consoleSession } from '../../src/http/middleware/console-session/console-session.ts';
import { csrfProtection } from '../../src/http/middleware/csrf/csrf.ts';
import type { StaffClient } from './console.ts';
import { createTestContext, type TestContext } from './test-context.ts';
import type { TestEngine } from './databases.ts';

export type Fields = [string, string][];

export interface RowSpec {
  name?: string;
  orgs?: string[];
  headcount?: string;
  region?: string;
}

/** The fields a browser sends for the batch form: every shown row, blank ones with their default head-count. */
export function batchFields(
  rows: RowSpec[],
  shared: Record<string, string> = {},
  options: { count?: number; action?: string } = {},
): Fields {
  const count = options.count ?? Math.max(25, rows.length);
  const fields: Fields = [['count', String(count)]];
  for (let n = 1; n <= count; n++) {
    const row = rows[n - 1] ?? {};
    fields.push([`name_${n}`, row.name ?? '']);
    for (const org of row.orgs ?? []) fields.push([`orgs_${n}`, org]);
    fields.push([`headcount_${n}`, row.headcount ?? '1'], [`region_${n}`, row.region ?? '']);
  }
  const sharedValues = { channel: 'phone', conversationDate: '2025-06-01', consent: 'confirmed', note: '', ...shared };
  for (const [key, value] of Object.entries(sharedValues)) if (value !== '') fields.push([key, value]);
  fields.push(['action', options.action ?? 'submit']);
  return fields;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(match, `no hidden field ${name}`);
  return unescapeHtml(match[1]!);
}

/** Registration numbers and query passwords as the receipts page shows them. */
export function receiptsOf(html: string): { number: string; password: string }[] {
  return [...html.matchAll(/<td class="code">([0-9 ]+)<\/td><td class="code">([0-9A-Z-]+)<\/td>/g)].map((match) => ({
    number: match[1]!,
    password: match[2]!,
  }));
}

/** Three-character names from flower and season characters: 3,375 of them, none used elsewhere in these tests. */
export function flowerName(index: number): string {
  const chars = '春夏秋冬梅兰竹菊松柏桃李杏桂荷';
  return chars[index % 15]! + chars[Math.floor(index / 15) % 15]! + chars[Math.floor(index / 225) % 15]!;
}

/**
 * A test context and the console with the batch routes in front of it, for one engine. Call it inside a
 * describe(): it opens the context before the tests and closes it after them.
 */
export function batchConsole(engine: TestEngine) {
  let ctx: TestContext;
  let defaultApp: Hono<AppEnv>;

  /** An app with the batch routes in front of the real one, as the console will mount them. */
  function appWith(batchEntry: BatchEntryService): Hono<AppEnv> {
    const router = new Hono<AppEnv>({ strict: false });
    router.use('/console/*', consoleSession(ctx.services.staffAuth));
    router.use(
      '/console/*',
      csrfProtection((c) => consoleError(c, 403, 'auth.csrf')),
    );
    batchRoutes(router, batchEntry, 'Asia/Shanghai', ctx.services.inbox);
    const combined = new Hono<AppEnv>();
    combined.route('/', router);
    combined.route('/', ctx.app);
    return combined;
  }

  /** Requests against the app with the batch routes, as the signed-in staff member. */
  function as(staff: StaffClient, target?: Hono<AppEnv>) {
    const app = target ?? defaultApp;
    const cookie = `tuidang_staff=${staff.cookie}`;
    return {
      staffId: staff.staffId,
      get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { cookie, ...headers } }),
      post: (path: string, fields: Fields, options: { csrf?: boolean; headers?: Record<string, string> } = {}) =>
        app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...options.headers },
          body: new URLSearchParams([...(options.csrf === false ? [] : [['_csrf', staff.csrf] as [string, string]]), ...fields]).toString(),
        }),
      /** A multipart post, as the import forms send it. */
      upload: (
        path: string,
        fields: Fields,
        file?: { name: string; content: string | Uint8Array },
        headers: Record<string, string> = {},
      ) => {
        const body = new FormData();
        body.append('_csrf', staff.csrf);
        for (const [key, value] of fields) body.append(key, value);
        if (file) body.append('csv', new File([file.content], file.name, { type: 'text/csv' }));
        return app.request(path, { method: 'POST', headers: { cookie, ...headers }, body });
      },
    };
  }

  const count = async (table: 'declarations' | 'batches') =>
    Number(
      (
        await ctx.services.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const enteredBy = (staffId: number) =>
    ctx.services.database.db.selectFrom('declarations').selectAll().where('entered_by', '=', staffId).orderBy('id').execute();

  before(async () => {
    ctx = await createTestContext(engine);
    defaultApp = appWith(ctx.services.batchEntry);
  });
  after(() => ctx.close());

  return {
    get ctx() {
      return ctx;
    },
    /** The app with the batch routes and the real batch entry service. */
    get app() {
      return defaultApp;
    },
    appWith,
    as,
    count,
    enteredBy,
  };
}
