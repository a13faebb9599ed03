import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { declarationInputSchema } from '../../../src/domain/declaration/declaration-input.ts';
import { archiveApi } from '../../../src/http/api/v1/archive-api.ts';
import type { AppEnv } from '../../../src/http/env.ts';
import { fixedLocale, negotiatedLocale } from '../../../src/http/middleware/locale/locale.ts';
import { archiveRoutes } from '../../../src/http/public/archive/routes.tsx';
import { ATOM_TYPE, feedRoutes } from '../../../src/http/public/feeds/routes.ts';
import { escapeXml } from '../../../src/http/views/escape-xml.ts';
import { LOCALES } from '../../../src/i18n/index.ts';
import { archiveRepository, reindexAll, unindex } from '../../../src/repositories/archive-repository.ts';
import type { Executor } from '../../../src/repositories/executor.ts';
import { declarationsRepository } from '../../../src/repositories/declarations-repository.ts';
import { moderationRepository } from '../../../src/repositories/moderation/moderation-repository.ts';
import {
  createArchiveService,
  decodeCursor,
  encodeCursor,
  encodeFeaturedCursor,
  type ArchivePage,
  type ArchiveService,
} from '../../../src/services/archive-service.ts';
import { testEngines } from '../../helpers/databases.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../../src/domain/staff/permissions.ts';

const PUBLIC_URL = 'https://registry.example';
const ITEM_KEYS = [
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

interface Published {
  id: number;
  registrationNumber: string;
  queryPassword: string;
}

interface Harness {
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
async function harness(engine: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const ctx = await createTestContext(engine, { TUIDANG_PUBLIC_URL: PUBLIC_URL, ...env });
  const db = ctx.services.database.db;
  const archive = createArchiveService({ db, archive: archiveRepository, timeZone: ctx.config.timeZone });
  const app = new Hono<AppEnv>({ strict: false });
  app.use('/api/*', negotiatedLocale());
  app.route('/', archiveApi(archive));
  for (const locale of LOCALES) {
    app.use(`/${locale}/*`, fixedLocale(locale));
    app.route(`/${locale}`, archiveRoutes(archive, ctx.config.timeZone));
    app.route(`/${locale}`, feedRoutes(archive, ctx.config.publicUrl));
  }
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
      return published;
    },
    async retract(declaration) {
      const result = await ctx.services.declarations.retract(declaration.registrationNumber, declaration.queryPassword);
      assert.equal(result.ok, true);
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
    },
    async feature(declaration, day) {
      assert.ok(await moderationRepository.setFeaturedOn(db, declaration.id, { day, featured: true }));
    },
    close: () => ctx.close(),
  };
}

const numbersOf = (page: ArchivePage) => page.items.map((item) => item.registrationNumber);
const newestFirst = (list: Published[]) => [...list].reverse().map((p) => p.registrationNumber);
/** Registration numbers in the order a page lists them (each appears in its permalink). */
const numbersIn = (html: string) => [...html.matchAll(/<h[23]><a href="\/[a-z-]+\/declarations\/(\d{16})">/g)].map((m) => m[1]!);
const olderLink = (html: string) => /<a class="button secondary" rel="next" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

// ---------------------------------------------------------------------------------------------
// A tiny XML reader: enough to prove a feed is well-formed and to read its elements back.

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decodeEntities(text: string): string {
  assert.doesNotMatch(text.replace(ENTITY, ''), /[&<]/, `stray & or < in ${JSON.stringify(text)}`);
  return text.replace(ENTITY, (_, name: string) =>
    name === 'amp'
      ? '&'
      : name === 'lt'
        ? '<'
        : name === 'gt'
          ? '>'
          : name === 'quot'
            ? '"'
            : name === 'apos'
              ? "'"
              : String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1))),
  );
}

function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/, '');
  assert.notEqual(body, xml, 'an XML declaration');
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack = [root];
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    const top = stack.at(-1)!;
    if (!token.startsWith('<')) {
      top.children.push(decodeEntities(token));
      continue;
    }
    const close = /^<\/([A-Za-z][\w:.-]*)>$/.exec(token);
    if (close) {
      assert.equal(close[1], top.name, `</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"]*")*)\s*(\/?)>$/.exec(token);
    assert.ok(open, `a well-formed tag: ${token}`);
    const attributes: Record<string, string> = {};
    for (const [, name, value] of open[2]!.matchAll(/([A-Za-z][\w:.-]*)="([^"]*)"/g)) {
      assert.ok(!(name! in attributes), `attribute ${name} once`);
      attributes[name!] = decodeEntities(value!);
    }
    const element: XmlElement = { name: open[1]!, attributes, children: [] };
    top.children.push(element);
    if (open[3] !== '/') stack.push(element);
  }
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  const elements = root.children.filter((child): child is XmlElement => typeof child !== 'string');
  assert.equal(elements.length, 1, 'one root element');
  assert.ok(
    root.children.every((child) => typeof child !== 'string' || child.trim() === ''),
    'nothing but space outside the root',
  );
  return elements[0]!;
}

const childElements = (element: XmlElement, name: string) =>
  element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
const textOf = (element: XmlElement | undefined): string =>
  (element?.children ?? []).map((child): string => (typeof child === 'string' ? child : textOf(child))).join('');

// ---------------------------------------------------------------------------------------------

for (const engine of testEngines()) {
  describe(`archive lists (${engine})`, () => {
    let h: Harness;
    let published: Published[];
    before(async () => {
      h = await harness(engine);
      published = await h.publish(
        Array.from({ length: 25 }, (_, i) => ({
          names: `明德${'一二三四五六七八九十'[i % 10]}`,
          title: `我宣布退出中共 第${i + 1}号`,
          region: '广东',
        })),
      );
    });
    after(() => h.close());

    for (const locale of LOCALES) {
      test(`${locale}: the latest, twenty to a page, with an older link carrying the cursor`, async () => {
        const first = await h.html(`/${locale}/declarations`);
        assert.match(
          first,
          new RegExp(`^<!doctype html><html lang="${locale === 'en' ? 'en' : locale === 'zh-hans' ? 'zh-Hans' : 'zh-Hant'}">`),
        );
        const expected = newestFirst(published);
        assert.deepEqual(numbersIn(first), expected.slice(0, 20));
        const older = olderLink(first);
        assert.ok(older, 'an older link');
        assert.match(older, new RegExp(`^/${locale}/declarations\\?cursor=[A-Za-z0-9_-]+$`));
        const second = await h.html(older);
        assert.deepEqual(numbersIn(second), expected.slice(20));
        assert.equal(olderLink(second), undefined, 'no older link on the last page');
        assert.match(second, new RegExp(`href="/${locale}/declarations">`), 'a link back to the newest');
        // The language links keep the reader on the same page.
        for (const other of LOCALES) assert.ok(second.includes(`href="/${other}${older.slice(locale.length + 1)}"`), other);
        // Text in the reader's script, as on the permalink.
        if (locale === 'zh-hant') assert.match(first, /我宣佈退出中共 第25號/);
        if (locale === 'zh-hans') assert.match(first, /我宣布退出中共 第25号/);
        assert.match(first, new RegExp(`href="/${locale}/feeds/latest.atom"`));
        assert.doesNotMatch(first, /<script/i);
      });
    }

    test('pagination is stable while declarations are published between two pages', async () => {
      const page1 = await h.archive.latest({ limit: 7 });
      const added = await h.publish([{ names: '新来' }, { names: '又来' }, { names: '再来' }]);
      const page2 = await h.archive.latest({ before: page1.next!, limit: 7 });
      const page3 = await h.archive.latest({ before: page2.next!, limit: 7 });
      const seen = [...numbersOf(page1), ...numbersOf(page2), ...numbersOf(page3)];
      assert.equal(new Set(seen).size, seen.length, 'nothing repeats');
      assert.deepEqual(seen, newestFirst(published).slice(0, 21), 'nothing is skipped');
      const fresh = await h.archive.latest({ limit: 3 });
      assert.deepEqual(numbersOf(fresh), newestFirst(added), 'the first page shows the new ones');

      // The same through the API.
      const api1 = await h.json('/api/v1/declarations');
      await h.publish([{ names: '后来' }]);
      const api2 = await h.json(`/api/v1/declarations?cursor=${api1.body.next}`);
      const apiSeen = [...api1.body.items, ...api2.body.items].map((item: { registrationNumber: string }) => item.registrationNumber);
      assert.equal(new Set(apiSeen).size, apiSeen.length);
      assert.deepEqual(apiSeen, [...newestFirst(added), ...newestFirst(published)]);
    });

    test('a statement is cut to 300 characters in lists, with a link to the whole', async () => {
      const [long] = await h.publish([{ names: '长文', statement: `${'长'.repeat(299)}尾巴在此之后不显示` }]);
      const html = await h.html('/zh-hans/declarations');
      assert.ok(html.includes(`${'长'.repeat(299)}尾……<a href="/zh-hans/declarations/${long!.registrationNumber}">阅读全文</a>`));
      assert.doesNotMatch(html, /尾巴/);
    });
  });

  describe(`archive days and selection (${engine})`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(engine);
    });
    after(() => h.close());

    test('a day lists what counts on it, newest first, with the days around it', async () => {
      const list = await h.publish([{ names: '初一' }, { names: '初二' }, { names: '初三' }, { names: '初四' }]);
      for (const p of list.slice(0, 3)) await h.setDay(p, '2025-03-01');
      await h.setDay(list[3]!, '2025-03-02');
      const html = await h.html('/zh-hans/days/2025-03-01');
      assert.deepEqual(numbersIn(html), newestFirst(list.slice(0, 3)));
      assert.match(html, /2025年3月1日发表的声明/);
      assert.match(html, /href="\/zh-hans\/days\/2025-02-28"/);
      assert.match(html, /href="\/zh-hans\/days\/2025-03-02"/);
      const en = await h.html('/en/days/2025-03-01');
      assert.match(en, /Declarations published on March 1, 2025/);

      const paged = await h.archive.byDay('2025-03-01', { limit: 2 });
      assert.ok(paged.ok);
      const rest = await h.archive.byDay('2025-03-01', { before: paged.value.next!, limit: 2 });
      assert.ok(rest.ok);
      assert.deepEqual([...numbersOf(paged.value), ...numbersOf(rest.value)], newestFirst(list.slice(0, 3)));
      assert.equal(rest.value.next, null);

      const api = await h.json('/api/v1/declarations?day=2025-03-02');
      assert.equal(api.status, 200);
      assert.deepEqual(
        api.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        [list[3]!.registrationNumber],
      );
    });

    test('a day with nothing is an empty page; today has no next day', async () => {
      const html = await h.html('/zh-hant/days/2024-12-25');
      assert.match(html, /這一天沒有發表的聲明。/);
      assert.deepEqual(numbersIn(html), []);
      const today = h.archive.today();
      const todays = await h.html(`/en/days/${today}`);
      assert.doesNotMatch(todays, /Next day/);
      assert.match(todays, /Previous day/);
    });

    test('an invalid day is a localized 404 page, and a 422 in the API, never a 500', async () => {
      for (const day of ['2025-02-30', '2025-13-01', '2025-3-1', 'yesterday', '0000-00-00', '2025-03-01x', '%E5%A4%A9', '99999-01-01']) {
        const response = await h.app.request(`/zh-hant/days/${day}`);
        assert.equal(response.status, 404, day);
        assert.match(await response.text(), /<html lang="zh-Hant">/, day);
        const api = await h.json(`/api/v1/declarations?day=${day}`, { 'accept-language': 'en' });
        assert.equal(api.status, 422, day);
        assert.equal(api.body.error.code, 'request.invalid');
        assert.equal(api.body.error.fields.day.code, 'request.dayInvalid');
        assert.equal(typeof api.body.error.fields.day.message, 'string');
      }
    });

    test('the selection: newest featured day first, newest first within a day, retracted ones gone', async () => {
      const list = await h.publish([{ names: '甲乙' }, { names: '丙丁' }, { names: '戊己' }, { names: '庚辛' }, { names: '壬癸' }]);
      await h.feature(list[0]!, '2025-04-02');
      await h.feature(list[1]!, '2025-04-01');
      await h.feature(list[2]!, '2025-04-02');
      await h.feature(list[3]!, '2025-04-03');
      await h.feature(list[4]!, '2025-04-01');
      const expected = [list[3]!, list[2]!, list[0]!, list[4]!, list[1]!].map((p) => p.registrationNumber);
      const html = await h.html('/zh-hans/featured');
      assert.deepEqual(numbersIn(html), expected);
      assert.match(html, /<h2>2025年4月3日精选<\/h2>/);

      const seen: string[] = [];
      let page = await h.archive.featured({ limit: 2 });
      for (;;) {
        seen.push(...numbersOf(page));
        if (!page.next) break;
        page = await h.archive.featured({ before: page.next, limit: 2 });
      }
      assert.deepEqual(seen, expected);

      const api = await h.json('/api/v1/declarations?featured=1');
      assert.deepEqual(
        api.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        expected,
      );

      await h.retract(list[2]!);
      assert.deepEqual(
        numbersIn(await h.html('/en/featured')),
        expected.filter((n) => n !== list[2]!.registrationNumber),
      );
    });
  });

  describe(`archive search (${engine})`, () => {
    let h: Harness;
    let zhangSan: Published[];
    let zhangSanFeng: Published;
    let liSi: Published;
    let dalian: Published;
    let shenyang: Published;
    let beijing: Published;
    before(async () => {
      h = await harness(engine);
      const list = await h.publish([
        { names: '張三', title: '我宣布退出中共', region: '辽宁大连' },
        { names: '张三丰', title: '声明退出共青团', region: '遼寧瀋陽' },
        { names: ['李四', '王五'], headcount: 3, title: '三退声明', region: '北京' },
        { names: '张·三', title: '退出少先队', region: '海外' },
        { names: 'Li Wei', title: '北京人在京市场', region: '上海' },
      ]);
      zhangSan = [list[0]!, list[3]!];
      zhangSanFeng = list[1]!;
      liSi = list[2]!;
      dalian = list[0]!;
      shenyang = list[1]!;
      beijing = list[4]!;
    });
    after(() => h.close());

    const search = async (q: string, field: 'alias' | 'title' | 'region', mode?: 'exact' | 'prefix') => {
      const outcome = await h.archive.search({ q, field, mode });
      assert.ok(outcome.ok, `${q}: ${JSON.stringify(outcome)}`);
      return numbersOf(outcome.value);
    };

    test('alias, exact: 張三, 张三 and 张·三 are the same name, newest first', async () => {
      const expected = newestFirst(zhangSan);
      assert.deepEqual(await search('张三', 'alias', 'exact'), expected);
      assert.deepEqual(await search('張三', 'alias', 'exact'), expected);
      assert.deepEqual(await search(' 張 三 ', 'alias'), expected, 'exact by default');
      assert.deepEqual(await search('李四', 'alias', 'exact'), [liSi.registrationNumber]);
      assert.deepEqual(await search('王五', 'alias', 'exact'), [], 'only the first name is a key');
      assert.deepEqual(await search('LI WEI', 'alias', 'exact'), [beijing.registrationNumber]);
    });

    test('alias, prefix: keys in order, newest first within a key, paged without repeats', async () => {
      const expected = [...newestFirst(zhangSan), zhangSanFeng.registrationNumber];
      assert.deepEqual(await search('張', 'alias', 'prefix'), expected);
      assert.deepEqual(await search('张三', 'alias', 'prefix'), expected);
      assert.deepEqual(await search('张三丰', 'alias', 'prefix'), [zhangSanFeng.registrationNumber]);
      const seen: string[] = [];
      let outcome = await h.archive.search({ q: '張', field: 'alias', mode: 'prefix', limit: 1 });
      for (;;) {
        assert.ok(outcome.ok);
        seen.push(...numbersOf(outcome.value));
        if (!outcome.value.next) break;
        outcome = await h.archive.search({ q: '張', field: 'alias', mode: 'prefix', limit: 1, before: outcome.value.next });
      }
      assert.deepEqual(seen, expected);
      // A cursor from another search is no cursor: the first page.
      const foreign = encodeCursor(liSi.id);
      const restart = await h.archive.search({ q: '张', field: 'alias', mode: 'prefix', before: foreign });
      assert.ok(restart.ok);
      assert.deepEqual(numbersOf(restart.value), expected);
    });

    test('title and region by bigrams, traditional input finding simplified text and back', async () => {
      assert.deepEqual(await search('退出', 'title'), newestFirst([dalian, shenyang, zhangSan[1]!]));
      assert.deepEqual(await search('宣佈退出', 'title'), [dalian.registrationNumber], 'traditional 佈 finds simplified 布');
      assert.deepEqual(await search('聲明', 'title'), newestFirst([shenyang, liSi]));
      assert.deepEqual(await search('遼寧', 'region'), newestFirst([dalian, shenyang]));
      assert.deepEqual(await search('沈阳', 'region'), [shenyang.registrationNumber], 'simplified finds traditional 瀋陽');
      assert.deepEqual(await search('北京', 'region'), [liSi.registrationNumber], 'a region search does not read titles');
      assert.deepEqual(await search('北京', 'title'), [beijing.registrationNumber]);
      assert.deepEqual(await search('北京市', 'title'), [], 'both bigrams are there, the words are not');
      assert.deepEqual(await search('退出、中共', 'title'), [dalian.registrationNumber], 'punctuation is ignored');
      assert.deepEqual(await search('大连市', 'region'), []);
    });

    test('a query too short, too long or empty is refused, not searched', async () => {
      assert.deepEqual(await h.archive.search({ q: '退', field: 'title' }), { ok: false, problem: 'tooShort', limit: 2 });
      assert.deepEqual(await h.archive.search({ q: '、。', field: 'region' }), { ok: false, problem: 'empty' });
      assert.deepEqual(await h.archive.search({ q: '退'.repeat(51), field: 'region' }), { ok: false, problem: 'tooLong', limit: 50 });
      assert.deepEqual(await h.archive.search({ q: '   ', field: 'alias' }), { ok: false, problem: 'empty' });
      const refused = await h.app.request('/zh-hans/search?q=%E9%80%80&field=title');
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /id="search-problem">按标题或地区搜索，请至少输入 2 个字。/);
      const api = await h.json('/api/v1/declarations?q=%E9%80%80&field=title');
      assert.equal(api.status, 422);
      assert.equal(api.body.error.fields.q.code, 'text.invalid');
    });

    test('the search page is a GET form that works without JavaScript', async () => {
      const empty = await h.html('/zh-hant/search');
      assert.match(empty, /<form method="get" action="\/zh-hant\/search" role="search">/);
      assert.match(empty, /<input id="q" name="q" value=""/);
      assert.match(empty, /<input type="radio" name="field" value="alias" checked=""/);
      assert.doesNotMatch(empty, /id="results"/, 'an empty box is the form alone');
      assert.doesNotMatch(empty, /<script/i);

      const found = await h.html(`/zh-hant/search?q=${encodeURIComponent('张三')}&field=alias&mode=prefix`);
      assert.match(found, /<input type="radio" name="mode" value="prefix" checked=""/);
      assert.match(found, /「张三」的搜尋結果/);
      assert.deepEqual(numbersIn(found), [...newestFirst(zhangSan), zhangSanFeng.registrationNumber]);
      assert.match(found, /張·三 · 退黨 · 海外/, 'names in the reader’s script');
      assert.match(found, /我宣佈退出中共/);

      const none = await h.html(`/en/search?q=${encodeURIComponent('赵六')}&field=alias`);
      assert.match(none, /No matching declarations\./);
      // Unknown choices fall back to the defaults rather than failing.
      const odd = await h.html(`/en/search?q=${encodeURIComponent('張三')}&field=everything&mode=fuzzy`);
      assert.deepEqual(numbersIn(odd), newestFirst(zhangSan));
    });

    test('search pages follow their cursor', async () => {
      const many = await h.publish(Array.from({ length: 23 }, () => ({ names: '赵六', title: '赵家声明退出' })));
      const first = await h.html(`/zh-hans/search?q=${encodeURIComponent('趙六')}`);
      assert.deepEqual(numbersIn(first), newestFirst(many).slice(0, 20));
      const older = olderLink(first);
      assert.ok(older);
      assert.match(older, /^\/zh-hans\/search\?q=%E8%B6%99%E5%85%AD&field=alias&mode=exact&cursor=/);
      assert.deepEqual(numbersIn(await h.html(older)), newestFirst(many).slice(20));

      const titles = await h.json(`/api/v1/declarations?q=${encodeURIComponent('趙家')}&field=title`);
      assert.equal(titles.body.items.length, 20);
      const rest = await h.json(`/api/v1/declarations?q=${encodeURIComponent('趙家')}&field=title&cursor=${titles.body.next}`);
      assert.deepEqual(
        [...titles.body.items, ...rest.body.items].map((item: { registrationNumber: string }) => item.registrationNumber),
        newestFirst(many),
      );
      assert.equal(rest.body.next, null);
    });

    test('a search page reads a bounded window of postings and continues below it', async () => {
      const [m1, , , m2, m3] = await h.publish([
        { names: '窗口甲', title: '窗口测试之一' },
        { names: '窗口乙', title: '窗口测，口测试' },
        { names: '窗口丙', title: '窗口测与口测试' },
        { names: '窗口丁', title: '窗口测试之二' },
        { names: '窗口戊', title: '窗口测试之三' },
      ]);
      // The same service with a window of two postings instead of GRAM_WINDOW.
      const windowOfTwo = {
        ...archiveRepository,
        async gramWindowFloor(db: Executor, gram: string, before: number | undefined) {
          let query = db
            .selectFrom('search_grams')
            .select('declaration_id')
            .where('gram', '=', gram)
            .orderBy('declaration_id', 'desc')
            .limit(2);
          if (before !== undefined) query = query.where('declaration_id', '<', before);
          const rows = await query.execute();
          return rows.length < 2 ? null : rows[1]!.declaration_id;
        },
      };
      const small = createArchiveService({ db: h.ctx.services.database.db, archive: windowOfTwo, timeZone: 'UTC' });
      const pages: string[][] = [];
      let outcome = await small.search({ q: '窗口測試', field: 'title' });
      for (;;) {
        assert.ok(outcome.ok);
        pages.push(numbersOf(outcome.value));
        if (!outcome.value.next) break;
        outcome = await small.search({ q: '窗口測試', field: 'title', before: outcome.value.next });
      }
      // Every title holds the bigrams 窗口, 口测 and 测试; only three hold 窗口测试.
      assert.deepEqual(pages, [[m3!.registrationNumber, m2!.registrationNumber], [], [m1!.registrationNumber]]);
    });

    test('retracted declarations leave the lists and the search', async () => {
      const [gone] = await h.publish([{ names: '撤回者', title: '将要撤回的声明', region: '湖南长沙' }]);
      assert.deepEqual(await search('撤回者', 'alias'), [gone!.registrationNumber]);
      assert.deepEqual(await search('撤回', 'title'), [gone!.registrationNumber]);
      await h.retract(gone!);
      assert.deepEqual(await search('撤回者', 'alias'), []);
      assert.deepEqual(await search('撤回', 'title'), []);
      assert.deepEqual(await search('长沙', 'region'), []);
      assert.ok(!numbersOf(await h.archive.latest()).includes(gone!.registrationNumber));
      const grams = await h.ctx.services.database.db
        .selectFrom('search_grams')
        .select('gram')
        .where('declaration_id', '=', gone!.id)
        .execute();
      assert.deepEqual(grams, [], 'its grams are gone');
    });

    test('a status check backs the index: a retraction that forgot to unindex still hides it', async () => {
      const [stale] = await h.publish([{ names: '遗漏者', title: '忘记移除的索引' }]);
      const result = await h.ctx.services.declarations.retract(stale!.registrationNumber, stale!.queryPassword);
      assert.ok(result.ok);
      assert.deepEqual(await search('忘记', 'title'), []);
    });

    test('reindexAll fills the index for declarations published before it existed', async () => {
      const [unindexed] = await h.publish([{ names: '旧声明', title: '早年发表的声明', region: '吉林' }], { index: false });
      assert.deepEqual(await search('早年', 'title'), []);
      const indexed = await reindexAll(h.ctx.services.database.db, { batch: 7 });
      assert.ok(indexed >= 1);
      assert.deepEqual(await search('早年', 'title'), [unindexed!.registrationNumber]);
      assert.deepEqual(await search('吉林', 'region'), [unindexed!.registrationNumber]);
      // Idempotent.
      assert.equal(await reindexAll(h.ctx.services.database.db), indexed);
    });
  });

  describe(`archive output (${engine})`, () => {
    let h: Harness;
    let hostile: Published;
    let plain: Published;
    before(async () => {
      h = await harness(engine);
      [plain, hostile] = (await h.publish([
        { names: '平安', title: '普通的声明', region: '广东', statement: '第一行\n第二行' },
        {
          names: "D'Arcy",
          title: '<script>alert(1)</script>"\'&标题',
          region: '<img src=x onerror=alert(1)>',
          statement: '</p><script>alert("x")</script>&amp; ]]> <![CDATA[',
        },
      ])) as [Published, Published];
      await h.feature(plain, '2025-05-01');
      await h.feature(hostile, '2025-05-02');
    });
    after(() => h.close());

    test('hostile text is escaped on every page', async () => {
      await h.setDay(hostile, '2025-05-02');
      const pages = [
        '/zh-hans/declarations',
        '/zh-hant/featured',
        '/en/days/2025-05-02',
        `/zh-hans/search?q=${encodeURIComponent('<script>alert(1)</script>')}&field=title`,
        `/en/search?q=${encodeURIComponent('"><script>alert(2)</script>')}&field=alias`,
      ];
      for (const path of pages) {
        const html = await h.html(path);
        assert.doesNotMatch(html, /<script|<img|<b>|<!\[CDATA/i, path);
        assert.match(html, /&lt;script&gt;alert\((1|2|&quot;x&quot;)\)&lt;\/script&gt;/, path);
      }
      const found = await h.html(`/zh-hans/search?q=${encodeURIComponent('<script>')}&field=title`);
      assert.deepEqual(numbersIn(found), [hostile.registrationNumber], 'searched as text');
    });

    test('the JSON shapes: items as the permalink API has them, next, and errors', async () => {
      const latest = await h.json('/api/v1/declarations', { 'accept-language': 'zh-TW' });
      assert.equal(latest.status, 200);
      assert.equal(latest.response.headers.get('cache-control'), 'public, max-age=30');
      assert.deepEqual(Object.keys(latest.body).sort(), ['items', 'next']);
      assert.equal(latest.body.next, null);
      assert.equal(latest.body.items.length, 2);
      for (const item of latest.body.items) assert.deepEqual(Object.keys(item).sort(), ITEM_KEYS);
      assert.deepEqual(latest.body.items[1], {
        registrationNumber: plain.registrationNumber,
        title: '普通的声明',
        titleIsDefault: false,
        names: ['平安'],
        headcount: 1,
        orgs: ['party'],
        region: '广东',
        statement: '第一行\n第二行',
        behalf: 'self',
        publishedAt: latest.body.items[1].publishedAt,
      });
      assert.match(latest.body.items[1].publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.equal(latest.body.items[0].title, '<script>alert(1)</script>"\'&标题', 'JSON carries the text as it is');

      const paged = await h.json('/api/v1/declarations?featured=1');
      assert.deepEqual(
        paged.body.items.map((item: { registrationNumber: string }) => item.registrationNumber),
        [hostile.registrationNumber, plain.registrationNumber],
      );

      const errors: [string, string[]][] = [
        ['?day=2025-05-02&q=%E5%B9%B3%E5%AE%89', ['day', 'q']],
        ['?featured=1&day=2025-05-02', ['day', 'featured']],
        ['?featured=yes', ['featured']],
        ['?q=%E5%B9%B3%E5%AE%89&field=statement', ['field']],
        ['?q=%E5%B9%B3%E5%AE%89&mode=fuzzy', ['mode']],
        [`?q=${'x'.repeat(300)}`, ['q']],
      ];
      for (const [query, fields] of errors) {
        const response = await h.json(`/api/v1/declarations${query}`, { 'accept-language': 'zh-TW' });
        assert.equal(response.status, 422, query);
        assert.equal(response.body.error.code, 'request.invalid');
        assert.equal(response.body.error.message, '有幾項需要修改，請查看各項說明。');
        assert.deepEqual(Object.keys(response.body.error.fields).sort(), fields, query);
        assert.equal(response.response.headers.get('cache-control'), 'no-store');
      }
    });

    test('the Atom feeds are well-formed Atom 1.0 with absolute links', async () => {
      for (const locale of LOCALES) {
        for (const [name, expected] of [
          ['latest', [hostile, plain]],
          ['featured', [hostile, plain]],
        ] as const) {
          const response = await h.app.request(`/${locale}/feeds/${name}.atom`);
          assert.equal(response.status, 200);
          assert.equal(response.headers.get('content-type'), ATOM_TYPE);
          assert.equal(response.headers.get('cache-control'), 'public, max-age=30');
          const xml = await response.text();
          assert.doesNotMatch(xml, /<script|<img/);
          const feed = parseXml(xml);
          assert.equal(feed.name, 'feed');
          assert.equal(feed.attributes.xmlns, 'http://www.w3.org/2005/Atom');
          const self = `${PUBLIC_URL}/${locale}/feeds/${name}.atom`;
          assert.equal(textOf(childElements(feed, 'id')[0]), self);
          assert.ok(textOf(childElements(feed, 'title')[0]).length > 0);
          assert.match(textOf(childElements(feed, 'updated')[0]), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          assert.ok(childElements(feed, 'author').length === 1, 'the feed has an author, so entries need none');
          const links = childElements(feed, 'link');
          assert.ok(links.some((link) => link.attributes.rel === 'self' && link.attributes.href === self));
          const entries = childElements(feed, 'entry');
          assert.deepEqual(
            entries.map((entry) => textOf(childElements(entry, 'id')[0])),
            expected.map((p) => `urn:tuidang:declaration:${p.registrationNumber}`),
          );
          for (const [index, entry] of entries.entries()) {
            for (const required of ['id', 'title', 'updated', 'link', 'summary']) {
              assert.equal(childElements(entry, required).length, 1, `${required} in entry ${index}`);
            }
            assert.equal(
              childElements(entry, 'link')[0]!.attributes.href,
              `${PUBLIC_URL}/${locale}/declarations/${expected[index]!.registrationNumber}`,
            );
          }
          const title = locale === 'zh-hant' ? '標題' : '标题';
          assert.equal(textOf(childElements(entries[0]!, 'title')[0]), `<script>alert(1)</script>"'&${title}`);
          assert.match(textOf(childElements(entries[0]!, 'summary')[0]), /<\/p><script>alert\("x"\)<\/script>&amp; \]\]> <!\[CDATA\[/);
          for (const [, href] of xml.matchAll(/href="([^"]*)"/g)) assert.ok(href!.startsWith(`${PUBLIC_URL}/`), href);
        }
      }
    });

    test('escapeXml leaves nothing XML could misread', () => {
      assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
      assert.equal(escapeXml('a\u0000b\u0008c\uFFFEd\uD800e\u{1F600}\n'), 'abcde\u{1F600}\n');
    });

    test('bad cursors give the first page, never a 500', async () => {
      const firstLatest = numbersOf(await h.archive.latest());
      const bad = [
        '',
        '!!!',
        '====',
        'AAAA',
        'MA',
        encodeCursor(0),
        Buffer.from('-1').toString('base64url'),
        Buffer.from('99999999999').toString('base64url'),
        Buffer.from('2147483648').toString('base64url'),
        Buffer.from('1 or 1=1').toString('base64url'),
        Buffer.from("1'; drop table declarations; --").toString('base64url'),
        Buffer.from('2025-05-02_1e3').toString('base64url'),
        Buffer.from('2025-02-30_5').toString('base64url'),
        'MQ==',
        'MR',
        'x'.repeat(5000),
        '%00',
        '\u{1F600}',
        '../../etc/passwd',
      ];
      for (const cursor of bad) {
        assert.equal(decodeCursor(cursor), undefined, cursor.slice(0, 20));
        assert.deepEqual(numbersOf(await h.archive.latest({ before: cursor })), firstLatest, cursor.slice(0, 20));
        const query = `cursor=${encodeURIComponent(cursor)}`;
        for (const path of [
          `/zh-hans/declarations?${query}`,
          `/zh-hant/featured?${query}`,
          `/en/days/2025-05-02?${query}`,
          `/en/search?q=%E5%B9%B3%E5%AE%89&${query}`,
          `/en/search?q=%E5%B9%B3%E5%AE%89&field=alias&mode=prefix&${query}`,
          `/en/search?q=%E6%99%AE%E9%80%9A&field=title&${query}`,
          `/api/v1/declarations?${query}`,
          `/api/v1/declarations?featured=1&${query}`,
          `/api/v1/declarations?q=%E6%99%AE%E9%80%9A&field=title&${query}`,
        ]) {
          const response = await h.app.request(path);
          assert.ok(response.status === 200, `${path.slice(0, 80)}: ${response.status}`);
        }
      }
      assert.equal(decodeCursor(encodeCursor(12345)), 12345);
      const featuredFirst = numbersOf(await h.archive.featured());
      assert.deepEqual(
        numbersOf(await h.archive.featured({ before: encodeCursor(hostile.id) })),
        featuredFirst,
        'an id cursor is no featured cursor',
      );
      assert.deepEqual(numbersOf(await h.archive.featured({ before: encodeFeaturedCursor('2025-05-02', hostile.id) })), [
        plain.registrationNumber,
      ]);
    });
  });

  describe(`archive page weight (${engine})`, () => {
    let h: Harness;
    before(async () => {
      h = await harness(engine);
      const statement = '我们一家三口今天正式声明退出中共及其相关组织，从此不再受其约束。'.repeat(160).slice(0, 5000);
      await h.publish(
        Array.from({ length: 21 }, (_, i) => ({
          names: ['自由之声', '光明在前', '天佑中华'],
          headcount: 3,
          orgs: ['party', 'league', 'pioneers'],
          title: `全家三退声明 第${i + 1}份`,
          region: '广东广州',
          statement,
        })),
      );
    });
    after(() => h.close());

    for (const locale of LOCALES) {
      test(`${locale}: twenty declarations of 5,000 characters make a page under 30 KB`, async (t) => {
        const html = await h.html(`/${locale}/declarations`);
        assert.equal(numbersIn(html).length, 20);
        const bytes = Buffer.byteLength(html);
        t.diagnostic(`${bytes} bytes`);
        assert.ok(bytes < 30 * 1024, `${bytes} bytes`);
      });
    }
  });
}

describe('archive cursors', () => {
  test('round-trip and refuse anything but their own spelling', () => {
    for (const id of [1, 9, 10, 2 ** 31 - 1]) assert.equal(decodeCursor(encodeCursor(id)), id);
    assert.equal(decodeCursor(encodeCursor(2 ** 31)), undefined);
    assert.equal(decodeCursor(`${encodeCursor(5)}=`), undefined);
  });
});
