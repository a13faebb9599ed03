import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { testEngines } from '../../test/helpers/databases.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import type { Database, StaffRole } from '../db/schema.ts';
import { toDbTime } from '../db/time.ts';
import { declarationInputSchema } from '../domain/declaration/declaration-input.ts';
import { LOCALES, catalogFor, type Locale } from '../i18n/index.ts';
import type { Actor } from '../domain/staff/permissions.ts';
import { auditRepository } from '../repositories/audit-repository.ts';
import { countsRepository } from '../repositories/counts-repository.ts';
import { declarationsRepository } from '../repositories/declarations-repository.ts';
import { moderationRepository } from '../repositories/moderation-repository.ts';
import { staffRepository } from '../repositories/staff-repository.ts';
import type { Receipt } from './declaration-service.ts';
import { createModerationService, MAX_BULK, QUEUE_PAGE_SIZE, type ModerationService } from './moderation-service.ts';
import { escapeHtml, escapeMarkdown, exportDate, toCsv, toHtml, toMarkdown, type SelectionItem } from './selection-export.tsx';
import { actorOf, staffLabel } from './staff-auth-service.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

const hostile: SelectionItem = {
  registrationNumber: '4111111111111111',
  names: ['<b>明德</b>', '=cmd|"/c calc"!A1'],
  headcount: 2,
  orgs: ['party', 'pioneers'],
  title: '<script>alert("t")</script>',
  region: '"辽宁", 大连',
  statement: '=HYPERLINK("http://evil.example","点我")\n第二行 "引号", 逗号\n\n# [link](javascript:alert(1)) & <img src=x onerror=alert(1)>',
  behalf: 'self',
  publishedAt: new Date('2025-03-01T08:00:00.000Z'),
};

describe('selection exporters', () => {
  test('escapeHtml escapes the five characters that matter', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  test('HTML is a complete document with every piece of text escaped', () => {
    const html = toHtml([hostile], { locale: 'zh-hans', timeZone: 'Asia/Shanghai', heading: '每日精选 <2025-03-01>' });
    assert.match(html, /^<!doctype html>\n<html lang="zh-Hans">/);
    assert.match(html, /<meta charset="utf-8"\/>/);
    assert.match(html, /<\/body><\/html>\n$/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;t&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<title>每日精选 &lt;2025-03-01&gt;<\/title>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /第二行 &quot;引号&quot;, 逗号/);
    assert.match(html, /中国共产党、少先队/);
    assert.match(html, /4111111111111111/);
  });

  test('Markdown escapes only what would change the meaning: no tag, link, heading or entity survives', () => {
    const md = toMarkdown([hostile], { locale: 'en', timeZone: 'Asia/Shanghai', heading: 'Selection 2025-03-01' });
    assert.match(md, /^# Selection 2025-03-01\n/);
    assert.doesNotMatch(md, /(?<!\\)<script/);
    assert.doesNotMatch(md, /(?<!\\)<img/);
    assert.doesNotMatch(md, /(?<!\\)\[link\]/);
    assert.match(md, /## \\<script>alert\("t"\)\\<\/script>/);
    assert.match(md, /> \\# \\\[link\\\]\(javascript:alert\(1\)\) & \\<img src=x onerror=alert\(1\)>/);
    assert.match(md, /=HYPERLINK\("http\\:\/\/evil.example","点我"\)/);
    assert.match(md, /- Published: March 1, 2025 \(Beijing time\)\n/);
    assert.match(md, /Chinese Communist Party/);
  });

  test('escapeMarkdown leaves dates and plain punctuation alone and escapes block markup at the start of a line', () => {
    assert.equal(escapeMarkdown('2026-12-06 a-b (c) "d" e.f: g!'), '2026-12-06 a-b (c) "d" e.f: g!');
    assert.equal(escapeMarkdown('# x\n- y\n+ z\n> q\n1. one\n2) two\n---\n==\n   indented'), '\\# x\n\\- y\n\\+ z\n\\> q\n1\\. one\n2\\) two\n\\---\n\\==\nindented');
    assert.equal(escapeMarkdown('*a* _b_ `c` [d](e) <f> ~g~ h|i \\ j'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> \\~g\\~ h\\|i \\\\ j');
    assert.equal(escapeMarkdown('&amp; &#60; AT&T & co'), '\\&amp; \\&#60; AT&T & co');
    assert.equal(escapeMarkdown('see www.example.org or https://x.example'), 'see www\\.example.org or https\\://x.example');
    assert.equal(escapeMarkdown('title #'), 'title \\#');
    assert.equal(escapeMarkdown('#hashtag 2025年'), '#hashtag 2025年');
  });

  test('exports are in the chosen language, statements in its script, dates in the counting time zone', () => {
    const item: SelectionItem = { ...hostile, names: ['张国强'], title: '声明退党', region: '广东', statement: '我们这一代人', publishedAt: new Date('2025-03-01T20:00:00.000Z') };
    const hant = toMarkdown([item], { locale: 'zh-hant', timeZone: 'Asia/Shanghai' });
    assert.match(hant, /## 聲明退黨/);
    assert.match(hant, /張國強/);
    assert.match(hant, /> 我們這一代人/);
    assert.match(hant, /- 發表於: 2025年3月2日（北京時間）\n/, 'eight in the evening UTC is the next day in Shanghai');
    const en = toHtml([item], { locale: 'en', timeZone: 'America/New_York' });
    assert.match(en, /<html lang="en">/);
    assert.match(en, /<dt>Published<\/dt><dd>March 1, 2025 \(Eastern Time\)<\/dd>/);
    assert.match(en, /声明退党/, 'English readers see the text as written');
    assert.match(toHtml([item], { locale: 'zh-hans', timeZone: 'Asia/Shanghai' }), /<dt>发表于<\/dt><dd>2025年3月2日（北京时间）<\/dd>/);
  });

  test('CSV follows RFC 4180 and defuses spreadsheet formulas', () => {
    const csv = toCsv([hostile, { ...hostile, title: '+1', statement: null, region: null, names: ['@SUM(A1)', '\tx'] }], { timeZone: 'Asia/Shanghai' });
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.title, hostile.title);
    assert.equal(rows[0]!.names, `<b>明德</b>; =cmd|"/c calc"!A1`);
    assert.equal(rows[0]!.statement, `'${hostile.statement}`);
    assert.equal(rows[0]!.region, '"辽宁", 大连');
    assert.equal(rows[0]!.orgs, 'party;pioneers');
    assert.equal(rows[0]!.headcount, '2');
    assert.equal(rows[0]!.published_at, '2025-03-01T08:00:00.000Z');
    assert.equal(rows[1]!.title, "'+1");
    assert.equal(rows[1]!.names, "'@SUM(A1); \tx");
    assert.equal(rows[1]!.statement, '');
    // Raw text: quotes are doubled inside a quoted cell.
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""点我"")\n第二行 ""引号"", 逗号`));
    for (const cell of Object.values(rows[0]!).concat(Object.values(rows[1]!))) {
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell starts with a formula character: ${cell}`);
    }
    assert.equal(toCsv([], { timeZone: 'UTC', bom: false }), 'registration_number,title,names,headcount,orgs,region,behalf,statement,published_at,published_on,time_zone\r\n');
  });

  test('at 01:30 in Beijing, still 6 December in UTC, every export says 7 December and names the zone', () => {
    const item: SelectionItem = { ...hostile, statement: null, publishedAt: new Date('2026-12-06T17:30:00.000Z') };
    const options = { timeZone: 'Asia/Shanghai' };
    const expected: Record<Locale, string> = { 'zh-hans': '2026年12月7日（北京时间）', 'zh-hant': '2026年12月7日（北京時間）', en: 'December 7, 2026 (Beijing time)' };
    for (const locale of LOCALES) {
      const label = catalogFor(locale).declaration.publishedLabel;
      assert.ok(toMarkdown([item], { ...options, locale }).includes(`\n- ${label}: ${expected[locale]}\n`), locale);
      assert.ok(toHtml([item], { ...options, locale }).includes(`<dt>${label}</dt><dd>${expected[locale]}</dd>`), locale);
      assert.equal(exportDate('2026-12-07', 'Asia/Shanghai', catalogFor(locale)), expected[locale], locale);
    }
    // One minute before midnight in Beijing is still the 6th.
    assert.match(toMarkdown([{ ...item, publishedAt: new Date('2026-12-06T15:59:00.000Z') }], { ...options, locale: 'zh-hans' }), /- 发表于: 2026年12月6日（北京时间）\n/);
    const [row] = parseCsv(toCsv([item], options), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(row!.published_at, '2026-12-06T17:30:00.000Z', 'the instant stays exact');
    assert.equal(row!.published_on, '2026-12-07');
    assert.equal(row!.time_zone, 'Asia/Shanghai');
    const [utc] = parseCsv(toCsv([item], { timeZone: 'UTC' }), { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual([utc!.published_on, utc!.time_zone], ['2026-12-06', 'UTC']);
  });
});

for (const engine of testEngines()) {
  describe(`moderation service (${engine})`, () => {
    let ctx: TestContext;
    let db: Kysely<Database>;
    let moderation: ModerationService;
    let staffCount = 0;
    let editor: Actor;
    let volunteer: Actor;
    let auditor: Actor;
    let admin: Actor;

    async function staffActor(role: StaffRole): Promise<Actor> {
      const id = await staffRepository.insert(db, {
        email: `${role}-${++staffCount}@example.org`,
        name: role,
        role,
        centerId: null,
        trusted: false,
        at: new Date(),
      });
      return actorOf((await staffRepository.findById(db, id))!);
    }

    function declare(fields: Record<string, unknown> = {}, locale: Locale = 'zh-hans'): Promise<Receipt> {
      return ctx.services.declarations.submit(declarationInputSchema.parse({ names: '明德', orgs: 'party', ...fields }), {
        channel: 'api',
        locale,
      });
    }

    const row = (registrationNumber: string) =>
      db.selectFrom('declarations').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirstOrThrow();

    async function events(registrationNumber: string) {
      return declarationsRepository.listEvents(db, (await row(registrationNumber)).id);
    }

    async function auditCount(): Promise<number> {
      const result = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(result.n);
    }

    async function setColumns(
      registrationNumber: string,
      set: Partial<{ alias_key: string | null; created_at: string; region: string | null; statement: string | null; center_id: number | null }>,
    ) {
      await db.updateTable('declarations').set(set).where('registration_number', '=', registrationNumber).execute();
    }

    async function snapshot() {
      return {
        declarations: await db.selectFrom('declarations').selectAll().orderBy('id').execute(),
        events: await db.selectFrom('declaration_events').selectAll().orderBy('id').execute(),
        audit: await auditCount(),
      };
    }

    beforeEach(async () => {
      ctx = await createTestContext(engine);
      db = ctx.services.database.db;
      moderation = createModerationService({
        db,
        moderation: moderationRepository,
        declarations: declarationsRepository,
        audit: auditRepository,
        timeZone: 'Asia/Shanghai',
        numbers: ctx.services.numbers,
        publicChanges: ctx.services.publicChanges,
      });
      editor = await staffActor('editor');
      volunteer = await staffActor('volunteer');
      auditor = await staffActor('auditor');
      admin = await staffActor('admin');
    });
    afterEach(() => ctx.close());

    test('approve publishes pending declarations and skips the rest, with events, receipts and audit', async () => {
      const a = await declare();
      const b = await declare({}, 'en');
      const published = await declare();
      assert.ok((await moderation.approve(admin, [published.registrationNumber])).ok);

      const result = await moderation.approve(editor, [
        a.registrationNumber,
        b.registrationNumber.replace(/(\d{4})/g, '$1 ').trim(),
        published.registrationNumber,
        '4111111111111111',
        'garbage',
        a.registrationNumber,
      ]);
      assert.ok(result.ok);
      assert.deepEqual(result.value, {
        done: [a.registrationNumber, b.registrationNumber],
        skipped: [
          { registrationNumber: published.registrationNumber, reason: 'wrongStatus' },
          { registrationNumber: '4111111111111111', reason: 'notFound' },
          { registrationNumber: 'garbage', reason: 'notFound' },
        ],
      });

      for (const receipt of [a, b]) {
        const declaration = await row(receipt.registrationNumber);
        assert.equal(declaration.status, 'published');
        assert.notEqual(declaration.published_at, null);
        const history = await events(receipt.registrationNumber);
        assert.deepEqual(
          history.map((e) => [e.kind, e.actor]),
          [
            ['submitted', 'declarant'],
            ['published', staffLabel(editor)],
          ],
        );
        const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
        assert.ok(lookup.ok);
        assert.equal(lookup.value.status, 'published');
        assert.equal(lookup.value.rejectReason, null);
      }

      const entries = await auditRepository.list(db, { action: 'declaration.approved', limit: 10 });
      assert.deepEqual(
        entries.map((e) => [e.targetId, e.actor, e.actorId, e.targetType]).reverse(),
        [
          [published.registrationNumber, staffLabel(admin), admin.id, 'declaration'],
          [a.registrationNumber, staffLabel(editor), editor.id, 'declaration'],
          [b.registrationNumber, staffLabel(editor), editor.id, 'declaration'],
        ],
      );
      assert.deepEqual(await auditRepository.verify(db), { checked: 4, brokenAt: null }, 'keys.created and three decisions');

      assert.deepEqual(await moderation.approve(editor, []), { ok: false, error: 'request.invalid' });
      const tooMany = Array.from({ length: MAX_BULK + 1 }, () => a.registrationNumber);
      assert.deepEqual(await moderation.approve(editor, tooMany), { ok: false, error: 'request.invalid' });
    });

    test('reject stores the reason in the declarant’s language and shows it on the receipt', async () => {
      const hans = await declare({}, 'zh-hans');
      const hant = await declare({}, 'zh-hant');
      const en = await declare({}, 'en');
      const reasons = await moderation.reasons();
      assert.equal(reasons.length, 5);
      const reason = reasons[0]!;
      assert.equal(reason.id, 1);

      const result = await moderation.reject(editor, [hans.registrationNumber, hant.registrationNumber, en.registrationNumber], reason.id);
      assert.ok(result.ok);
      assert.equal(result.value.done.length, 3);
      for (const [receipt, locale] of [
        [hans, 'zh-hans'],
        [hant, 'zh-hant'],
        [en, 'en'],
      ] as const) {
        const expected = reason.labels[locale];
        const declaration = await row(receipt.registrationNumber);
        assert.equal(declaration.status, 'rejected');
        assert.equal(declaration.reject_reason, expected);
        assert.equal(declaration.published_at, null);
        const history = await events(receipt.registrationNumber);
        assert.deepEqual(history.at(-1) && [history.at(-1)!.kind, history.at(-1)!.actor, history.at(-1)!.reason], [
          'rejected',
          staffLabel(editor),
          expected,
        ]);
        const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
        assert.ok(lookup.ok);
        assert.equal(lookup.value.status, 'rejected');
        assert.equal(lookup.value.rejectReason, expected);
      }
      const [last] = await auditRepository.list(db, { action: 'declaration.rejected', limit: 1 });
      assert.deepEqual(last!.details, { from: 'pending', reasonId: 1, reason: reason.labels.en });
      assert.equal(last!.targetId, en.registrationNumber);
      assert.equal((await auditRepository.verify(db)).brokenAt, null);

      // A second rejection of the same declaration is skipped, not repeated.
      const again = await moderation.reject(editor, [hans.registrationNumber], reason.id);
      assert.ok(again.ok);
      assert.deepEqual(again.value.skipped, [{ registrationNumber: hans.registrationNumber, reason: 'wrongStatus' }]);

      // Unknown and inactive reasons are refused before anything changes.
      const pending = await declare();
      await db.updateTable('reject_reasons').set({ active: 0 }).where('id', '=', 5).execute();
      const before = await snapshot();
      assert.deepEqual(await moderation.reject(editor, [pending.registrationNumber], 99), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await moderation.reject(editor, [pending.registrationNumber], 5), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual(
        (await moderation.reasons()).map((r) => r.id),
        [1, 2, 3, 4],
      );
    });

    test('redact replaces text and keeps the original only in the audit log', async () => {
      const receipt = await declare({ title: '我叫张三，电话 13800000000', statement: '住在某某街 5 号\n退出共产党' });
      const result = await moderation.redact(editor, receipt.registrationNumber, {
        title: '  声明退出中国共产党  ',
        statement: '住在[已删除]\n退出共产党',
      });
      assert.deepEqual(result, { ok: true, value: { registrationNumber: receipt.registrationNumber, changed: ['title', 'statement'] } });
      let declaration = await row(receipt.registrationNumber);
      assert.equal(declaration.title, '声明退出中国共产党');
      assert.equal(declaration.statement, '住在[已删除]\n退出共产党');
      assert.equal(declaration.status, 'pending', 'redaction is not a status change');
      assert.equal((await events(receipt.registrationNumber)).length, 1);

      let [entry] = await auditRepository.list(db, { action: 'declaration.redacted', limit: 1 });
      assert.equal(entry!.targetId, receipt.registrationNumber);
      assert.equal(entry!.actor, staffLabel(editor));
      assert.deepEqual(entry!.details, {
        fields: ['title', 'statement'],
        original: { title: '我叫张三，电话 13800000000', statement: '住在某某街 5 号\n退出共产党' },
      });

      // The statement may be removed altogether; the unchanged title is not recorded.
      const removed = await moderation.redact(editor, receipt.registrationNumber, { title: '声明退出中国共产党', statement: null });
      assert.deepEqual(removed, { ok: true, value: { registrationNumber: receipt.registrationNumber, changed: ['statement'] } });
      declaration = await row(receipt.registrationNumber);
      assert.equal(declaration.statement, null);
      [entry] = await auditRepository.list(db, { action: 'declaration.redacted', limit: 1 });
      assert.deepEqual(entry!.details, { fields: ['statement'], original: { statement: '住在[已删除]\n退出共产党' } });

      const before = await snapshot();
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { statement: null }), {
        ok: true,
        value: { registrationNumber: receipt.registrationNumber, changed: [] },
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, {}), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: '  ' }), {
        ok: false,
        error: 'text.invalid',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: 'a\u202Eb' }), {
        ok: false,
        error: 'text.bidi',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { title: 'x'.repeat(101) }), {
        ok: false,
        error: 'text.tooLong',
      });
      assert.deepEqual(await moderation.redact(editor, receipt.registrationNumber, { statement: 'a\u0000b' }), {
        ok: false,
        error: 'text.control',
      });
      assert.deepEqual(await moderation.redact(editor, '4111111111111111', { title: 'x' }), {
        ok: false,
        error: 'request.notFound',
      });
      assert.deepEqual(await snapshot(), before);
      assert.equal((await auditRepository.verify(db)).brokenAt, null);
    });

    test('markDuplicate rejects the copy with the "duplicate" reason and links it to the original', async () => {
      const original = await declare();
      const copy = await declare({}, 'zh-hant');
      const result = await moderation.markDuplicate(editor, copy.registrationNumber, original.registrationNumber);
      assert.deepEqual(result, {
        ok: true,
        value: { registrationNumber: copy.registrationNumber, original: original.registrationNumber },
      });
      const copyRow = await row(copy.registrationNumber);
      const originalRow = await row(original.registrationNumber);
      assert.equal(copyRow.duplicate_of, originalRow.id);
      assert.equal(copyRow.status, 'rejected');
      assert.equal(copyRow.reject_reason, '與已有聲明重複');
      assert.equal(originalRow.status, 'pending');
      assert.equal(originalRow.duplicate_of, null);
      const history = await events(copy.registrationNumber);
      assert.deepEqual(
        history.map((e) => [e.kind, e.actor, e.reason]),
        [
          ['submitted', 'declarant', null],
          ['rejected', staffLabel(editor), '與已有聲明重複'],
        ],
      );
      const lookup = await ctx.services.declarations.lookup(copy.registrationNumber, copy.queryPassword);
      assert.ok(lookup.ok);
      assert.equal(lookup.value.status, 'rejected');
      assert.equal(lookup.value.rejectReason, '與已有聲明重複');
      const [entry] = await auditRepository.list(db, { action: 'declaration.markedDuplicate', limit: 5 });
      assert.equal(entry!.targetId, copy.registrationNumber);
      assert.deepEqual(entry!.details, { from: 'pending', original: original.registrationNumber, reasonId: 2, reason: '與已有聲明重複' });

      const queue = await moderation.queue(editor, { status: 'rejected' });
      assert.ok(queue.ok);
      assert.equal(queue.value.items[0]!.duplicateOf, original.registrationNumber);

      // Refusals change nothing, and say why.
      const third = await declare();
      const retracted = await declare();
      assert.ok((await ctx.services.declarations.retract(retracted.registrationNumber, retracted.queryPassword)).ok);
      const before = await snapshot();
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, third.registrationNumber), {
        ok: false,
        error: 'moderation.selfDuplicate',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, copy.registrationNumber), {
        ok: false,
        error: 'moderation.originalIsDuplicate',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, retracted.registrationNumber, original.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      // A later declaration marked as original of an earlier one (rows locked the other way round).
      assert.deepEqual(await moderation.markDuplicate(editor, copy.registrationNumber, third.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      assert.deepEqual(await moderation.markDuplicate(editor, third.registrationNumber, '4111111111111111'), {
        ok: false,
        error: 'request.notFound',
      });
      assert.deepEqual(await snapshot(), before);

      // An earlier declaration may be the duplicate of a later one.
      const earlier = await declare();
      const later = await declare();
      assert.ok((await moderation.markDuplicate(editor, earlier.registrationNumber, later.registrationNumber)).ok);
      assert.equal((await row(earlier.registrationNumber)).duplicate_of, (await row(later.registrationNumber)).id);
      assert.equal((await auditRepository.verify(db)).brokenAt, null);
    });

    /** A service whose clock the test moves: publication and its undoing fall on different days. */
    function clockedService(clock: { now: Date }): ModerationService {
      return createModerationService({
        db,
        moderation: moderationRepository,
        declarations: declarationsRepository,
        audit: auditRepository,
        timeZone: 'Asia/Shanghai',
        numbers: ctx.services.numbers,
        publicChanges: ctx.services.publicChanges,
        now: () => clock.now,
      });
    }

    /** Where a declaration shows in public, and the counters of its day (in Asia/Shanghai). */
    async function inPublic(receipt: Receipt, day: string) {
      const number = receipt.registrationNumber;
      const listed = (items: { registrationNumber: string }[]) => items.some((item) => item.registrationNumber === number);
      const byDay = await ctx.services.archive.byDay(day);
      const byRegion = await ctx.services.archive.search({ q: '宁夏', field: 'region' });
      const byAlias = await ctx.services.archive.search({ q: '万顺', field: 'alias' });
      assert.ok(byDay.ok && byRegion.ok && byAlias.ok);
      const [dayFigures] = await countsRepository.days(db, day, day);
      const region = (await countsRepository.breakdown(db, 'region', day, day)).find((row) => row.key === '宁夏');
      return {
        total: (await countsRepository.totals(db)).people,
        day: dayFigures?.people ?? 0,
        regionOfDay: region?.people ?? 0,
        permalink: (await ctx.app.request(`/zh-hans/declarations/${number}`)).status,
        listedOnDay: listed(byDay.value.items),
        foundByRegion: listed(byRegion.value.items),
        foundByAlias: listed(byAlias.value.items),
      };
    }

    test('markDuplicate takes a published declaration off the count of the day it was counted on, and off the public record', async () => {
      const clock = { now: new Date('2025-03-01T04:00:00.000Z') };
      const timed = clockedService(clock);
      const original = await declare({ names: '万顺', region: '宁夏', headcount: 2 });
      const copy = await declare({ names: '萬順', region: '寧夏', headcount: 3 }, 'zh-hant');
      assert.ok((await timed.approve(editor, [original.registrationNumber, copy.registrationNumber])).ok);
      const published = await inPublic(copy, '2025-03-01');
      assert.deepEqual(published, {
        total: 5,
        day: 5,
        regionOfDay: 5,
        permalink: 200,
        listedOnDay: true,
        foundByRegion: true,
        foundByAlias: true,
      });

      clock.now = new Date('2025-03-04T04:00:00.000Z');
      const marked = await timed.markDuplicate(editor, copy.registrationNumber, original.registrationNumber);
      assert.deepEqual(marked, { ok: true, value: { registrationNumber: copy.registrationNumber, original: original.registrationNumber } });
      assert.deepEqual(await inPublic(copy, '2025-03-01'), {
        total: 2,
        day: 2,
        regionOfDay: 2,
        permalink: 404,
        listedOnDay: false,
        foundByRegion: false,
        foundByAlias: false,
      });
      assert.deepEqual(await countsRepository.days(db, '2025-03-02', '2025-03-31'), [], 'nothing is counted on the day of the mark');
      assert.equal((await inPublic(original, '2025-03-01')).permalink, 200);

      const copyRow = await row(copy.registrationNumber);
      assert.equal(copyRow.status, 'rejected');
      assert.equal(copyRow.duplicate_of, (await row(original.registrationNumber)).id);
      assert.equal(copyRow.reject_reason, '與已有聲明重複');
      const [entry] = await auditRepository.list(db, { action: 'declaration.markedDuplicate', limit: 1 });
      assert.equal(entry!.targetId, copy.registrationNumber);
      assert.equal(entry!.actor, staffLabel(editor));
      assert.deepEqual(entry!.details, { from: 'published', original: original.registrationNumber, reasonId: 2, reason: '與已有聲明重複' });
      const report = await ctx.services.counter.reconcile('test');
      assert.equal(report.drift, false, 'the counters agree with the statements');

      // Marked once: a second mark, or publishing it again, is refused and changes nothing.
      const before = await snapshot();
      assert.deepEqual(await timed.markDuplicate(editor, copy.registrationNumber, original.registrationNumber), {
        ok: false,
        error: 'moderation.wrongStatus',
      });
      const again = await timed.approve(editor, [copy.registrationNumber]);
      assert.ok(again.ok);
      assert.deepEqual(again.value.skipped, [{ registrationNumber: copy.registrationNumber, reason: 'wrongStatus' }]);
      assert.deepEqual(await snapshot(), before);
    });

    test('unpublish takes a published declaration off the public record with a reason, from the day it was counted on', async () => {
      const clock = { now: new Date('2025-03-01T04:00:00.000Z') };
      const timed = clockedService(clock);
      const receipt = await declare({ names: '万顺', region: '宁夏', headcount: 4 }, 'en');
      const pending = await declare();
      assert.ok((await timed.approve(editor, [receipt.registrationNumber])).ok);
      assert.equal((await inPublic(receipt, '2025-03-01')).total, 4);

      // Refusals say why and change nothing.
      const reasons = await moderation.reasons();
      const identifying = reasons.find((reason) => reason.labels.en.startsWith('Contains identifying'))!;
      const before = await snapshot();
      assert.deepEqual(await timed.unpublish(volunteer, receipt.registrationNumber, identifying.id), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await timed.unpublish(auditor, receipt.registrationNumber, identifying.id), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, 999), { ok: false, error: 'moderation.reasonInvalid' });
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, Number.NaN), { ok: false, error: 'moderation.reasonInvalid' });
      assert.deepEqual(await timed.unpublish(editor, pending.registrationNumber, identifying.id), { ok: false, error: 'moderation.wrongStatus' });
      assert.deepEqual(await timed.unpublish(editor, '4111111111111111', identifying.id), { ok: false, error: 'request.notFound' });
      assert.deepEqual(await snapshot(), before);

      clock.now = new Date('2025-03-02T04:00:00.000Z');
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, identifying.id), {
        ok: true,
        value: { registrationNumber: receipt.registrationNumber },
      });
      assert.deepEqual(await inPublic(receipt, '2025-03-01'), {
        total: 0,
        day: 0,
        regionOfDay: 0,
        permalink: 404,
        listedOnDay: false,
        foundByRegion: false,
        foundByAlias: false,
      });
      assert.deepEqual(await countsRepository.days(db, '2025-03-02', '2025-03-02'), []);
      const lookup = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
      assert.ok(lookup.ok);
      assert.equal(lookup.value.status, 'rejected');
      assert.equal(lookup.value.rejectReason, identifying.labels.en);
      assert.deepEqual(
        (await events(receipt.registrationNumber)).map((e) => [e.kind, e.reason]),
        [
          ['submitted', null],
          ['published', null],
          ['rejected', identifying.labels.en],
        ],
      );
      const [entry] = await auditRepository.list(db, { action: 'declaration.unpublished', limit: 1 });
      assert.equal(entry!.targetId, receipt.registrationNumber);
      assert.deepEqual(entry!.details, { from: 'published', reasonId: identifying.id, reason: identifying.labels.en });
      assert.equal((await ctx.services.counter.reconcile('test')).drift, false);
      assert.deepEqual(await timed.unpublish(editor, receipt.registrationNumber, identifying.id), { ok: false, error: 'moderation.wrongStatus' });
      assert.equal((await auditRepository.verify(db)).brokenAt, null);
    });

    test('the likely-duplicate signal folds scripts in the region as in the alias, and lists the suspected originals', async () => {
      const base = new Date('2025-05-01T00:00:00.000Z').getTime();
      const original = await declare({ names: '万顺', region: '宁夏' });
      const copy = await declare({ names: '萬順', region: '寧夏' }, 'zh-hant');
      const elsewhere = await declare({ names: '万顺', region: '辽宁' });
      const noRegion = await declare({ names: '万顺' });
      const marked = await declare({ names: '万順', region: '宁 夏' });
      const later = await declare({ names: '万顺', region: 'Ningxia' });
      await setColumns(original.registrationNumber, { created_at: toDbTime(new Date(base)) });
      await setColumns(copy.registrationNumber, { created_at: toDbTime(new Date(base + 5 * DAY)) });
      await setColumns(elsewhere.registrationNumber, { created_at: toDbTime(new Date(base + DAY)) });
      await setColumns(noRegion.registrationNumber, { created_at: toDbTime(new Date(base + DAY)) });
      await setColumns(marked.registrationNumber, { created_at: toDbTime(new Date(base + 2 * DAY)) });
      // 'Ningxia' is another spelling, not another script: not folded into 宁夏.
      await setColumns(later.registrationNumber, { created_at: toDbTime(new Date(base + 3 * DAY)) });
      assert.ok((await moderation.markDuplicate(editor, marked.registrationNumber, original.registrationNumber)).ok);

      const page = await moderation.queue(editor);
      assert.ok(page.ok);
      const item = page.value.items.find((i) => i.registrationNumber === copy.registrationNumber)!;
      assert.equal(item.likelyDuplicates, 2, '万顺/宁夏 and 万順/宁 夏');
      const detail = await moderation.item(editor, copy.registrationNumber);
      assert.ok(detail.ok);
      assert.equal(detail.value.likelyDuplicates, 2);

      const suspected = await moderation.suspectedOriginals(editor, copy.registrationNumber);
      assert.ok(suspected.ok);
      assert.equal(suspected.value.total, 2);
      assert.deepEqual(
        suspected.value.items.map((i) => [i.registrationNumber, i.region, i.status, i.isDuplicate]),
        [
          [marked.registrationNumber, '宁 夏', 'rejected', true],
          [original.registrationNumber, '宁夏', 'pending', false],
        ],
      );
      assert.deepEqual(suspected.value.items[1]!.names, ['万顺']);
      const none = await moderation.suspectedOriginals(editor, elsewhere.registrationNumber);
      assert.deepEqual(none, { ok: true, value: { items: [], total: 0 } });
      const noRegionOnly = await moderation.suspectedOriginals(editor, noRegion.registrationNumber);
      assert.deepEqual(noRegionOnly, { ok: true, value: { items: [], total: 0 } });
      assert.deepEqual(await moderation.suspectedOriginals(volunteer, copy.registrationNumber), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await moderation.suspectedOriginals(editor, '4111111111111111'), { ok: false, error: 'request.notFound' });
    });

    test('feature and unfeature a published declaration; the daily selection holds only public fields', async () => {
      const pending = await declare();
      const published = await declare({ statement: '<script>alert(1)</script>', title: '=HYPERLINK("x")' });
      const other = await declare({ names: '安宁' });
      const retracted = await declare({ names: '平安' });
      assert.ok((await moderation.approve(editor, [published.registrationNumber, other.registrationNumber, retracted.registrationNumber])).ok);

      assert.deepEqual(await moderation.feature(editor, pending.registrationNumber, '2025-03-01', true), {
        ok: false,
        error: 'request.invalid',
      });
      assert.deepEqual(await moderation.feature(editor, published.registrationNumber, '2025-02-30', true), {
        ok: false,
        error: 'request.invalid',
      });
      assert.deepEqual(await moderation.feature(editor, '4111111111111111', '2025-03-01', true), {
        ok: false,
        error: 'request.notFound',
      });

      for (const receipt of [published, other, retracted]) {
        const featured = await moderation.feature(editor, receipt.registrationNumber, '2025-03-01', true);
        assert.deepEqual(featured, { ok: true, value: { registrationNumber: receipt.registrationNumber, featuredOn: '2025-03-01', changed: true } });
      }
      assert.equal((await row(published.registrationNumber)).featured_on, '2025-03-01');
      const retraction = await ctx.services.declarations.retract(retracted.registrationNumber, retracted.queryPassword);
      assert.ok(retraction.ok);

      const audits = await auditCount();
      const again = await moderation.feature(editor, published.registrationNumber, '2025-03-01', true);
      assert.deepEqual(again, { ok: true, value: { registrationNumber: published.registrationNumber, featuredOn: '2025-03-01', changed: false } });
      assert.equal(await auditCount(), audits, 'no change, no audit entry');

      const selection = await moderation.dailySelection(editor, '2025-03-01');
      assert.ok(selection.ok);
      assert.deepEqual(
        selection.value.map((item) => item.registrationNumber),
        [published.registrationNumber, other.registrationNumber],
      );
      assert.deepEqual(Object.keys(selection.value[0]!).sort(), [
        'behalf',
        'headcount',
        'names',
        'orgs',
        'publishedAt',
        'region',
        'registrationNumber',
        'statement',
        'title',
      ]);
      assert.equal(selection.value[0]!.statement, '<script>alert(1)</script>');
      assert.doesNotMatch(toHtml(selection.value, { locale: 'zh-hant', timeZone: 'UTC' }), /<script/);
      const csv = parseCsv(toCsv(selection.value, { timeZone: 'UTC' }), { bom: true, columns: true }) as Record<string, string>[];
      assert.equal(csv[0]!.title, `'=HYPERLINK("x")`);
      assert.deepEqual((await moderation.dailySelection(editor, '2025-03-02')), { ok: true, value: [] });

      // Unfeaturing takes it out of that day only; another day leaves it alone.
      const wrongDay = await moderation.feature(editor, other.registrationNumber, '2025-03-02', false);
      assert.deepEqual(wrongDay, { ok: true, value: { registrationNumber: other.registrationNumber, featuredOn: '2025-03-01', changed: false } });
      const unfeatured = await moderation.feature(editor, other.registrationNumber, '2025-03-01', false);
      assert.deepEqual(unfeatured, { ok: true, value: { registrationNumber: other.registrationNumber, featuredOn: null, changed: true } });
      assert.equal((await row(other.registrationNumber)).featured_on, null);
      const moved = await moderation.feature(editor, published.registrationNumber, '2025-03-05', true);
      assert.ok(moved.ok);

      const entries = await auditRepository.list(db, { limit: 5 });
      assert.deepEqual(
        entries.slice(0, 2).map((e) => [e.action, e.targetId, e.details]),
        [
          ['declaration.featured', published.registrationNumber, { day: '2025-03-05', previous: '2025-03-01' }],
          ['declaration.unfeatured', other.registrationNumber, { day: '2025-03-01' }],
        ],
      );
      const featuredEntries = await auditRepository.list(db, { action: 'declaration.featured', limit: 10 });
      assert.equal(featuredEntries.length, 4);
      assert.deepEqual(featuredEntries.at(-1)!.details, { day: '2025-03-01', previous: null });
      const day1 = await moderation.dailySelection(admin, '2025-03-01');
      assert.deepEqual(day1, { ok: true, value: [] });
      assert.equal((await auditRepository.verify(db)).brokenAt, null);
    });

    test('volunteers and auditors may not decide; volunteers may not read the queue; nothing changes', async () => {
      const receipt = await declare();
      const published = await declare();
      assert.ok((await moderation.approve(editor, [published.registrationNumber])).ok);
      assert.ok((await moderation.feature(editor, published.registrationNumber, '2025-03-01', true)).ok);
      const before = await snapshot();
      const forbidden = { ok: false, error: 'auth.forbidden' };
      for (const actor of [volunteer, auditor]) {
        assert.deepEqual(await moderation.approve(actor, [receipt.registrationNumber]), forbidden);
        assert.deepEqual(await moderation.reject(actor, [receipt.registrationNumber], 1), forbidden);
        assert.deepEqual(await moderation.redact(actor, receipt.registrationNumber, { title: 'x' }), forbidden);
        assert.deepEqual(await moderation.markDuplicate(actor, receipt.registrationNumber, published.registrationNumber), forbidden);
        assert.deepEqual(await moderation.feature(actor, published.registrationNumber, '2025-03-01', false), forbidden);
        assert.deepEqual(await moderation.dailySelection(actor, '2025-03-01'), forbidden);
      }
      assert.deepEqual(await moderation.queue(volunteer, {}), forbidden);
      const auditorQueue = await moderation.queue(auditor, {});
      assert.ok(auditorQueue.ok, 'auditors read the queue');
      assert.deepEqual(
        auditorQueue.value.items.map((i) => i.registrationNumber),
        [receipt.registrationNumber],
      );
      const adminSelection = await moderation.dailySelection(admin, '2025-03-01');
      assert.ok(adminSelection.ok);
      assert.equal(adminSelection.value.length, 1);
      assert.deepEqual(await snapshot(), before);
    });

    test('the queue filters by status, channel, center and day, and pages by id', async () => {
      const receipts: Receipt[] = [];
      for (let i = 0; i < QUEUE_PAGE_SIZE + 5; i++) receipts.push(await declare({ names: `${String.fromCodePoint(0x4e00 + i)}德` }));
      const web = await ctx.services.declarations.submit(declarationInputSchema.parse({ names: '安宁', orgs: 'league' }), {
        channel: 'web',
        locale: 'zh-hans',
      });
      const center = await db
        .insertInto('centers')
        .values({
          name: 'C',
          city: 'c',
          country: 'c',
          hotlines: '[]',
          languages: '',
          is_public: 1,
          created_at: toDbTime(new Date()),
          updated_at: toDbTime(new Date()),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Days are days in the counting zone, Asia/Shanghai (UTC+8): 16:00Z starts the next one.
      await setColumns(receipts[3]!.registrationNumber, { center_id: center.id, created_at: '2025-01-10T15:59:59.999Z' });
      await setColumns(receipts[4]!.registrationNumber, { created_at: '2025-01-10T16:00:00.000Z' });
      await setColumns(receipts[5]!.registrationNumber, { created_at: '2025-01-09T12:00:00.000Z' });
      await setColumns(receipts[6]!.registrationNumber, { created_at: '2025-01-08T15:59:59.999Z' });
      assert.ok((await moderation.approve(editor, [receipts[0]!.registrationNumber])).ok);

      const first = await moderation.queue(editor);
      assert.ok(first.ok);
      assert.equal(first.value.items.length, QUEUE_PAGE_SIZE);
      assert.equal(first.value.items[0]!.registrationNumber, web.registrationNumber);
      const ids = first.value.items.map((i) => i.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
      assert.equal(first.value.nextBeforeId, ids.at(-1));
      const second = await moderation.queue(editor, { beforeId: String(first.value.nextBeforeId) });
      assert.ok(second.ok);
      assert.equal(second.value.items.length, 5);
      assert.equal(second.value.nextBeforeId, null);
      assert.ok(second.value.items.every((i) => i.id < ids.at(-1)!));
      assert.ok(second.value.items.every((i) => i.status === 'pending'));
      assert.ok(![...first.value.items, ...second.value.items].some((i) => i.registrationNumber === receipts[0]!.registrationNumber));

      const item = first.value.items.find((i) => i.registrationNumber === receipts[10]!.registrationNumber)!;
      assert.deepEqual(
        { ...item, id: 0, createdAt: null },
        {
          id: 0,
          registrationNumber: receipts[10]!.registrationNumber,
          names: [`${String.fromCodePoint(0x4e00 + 10)}德`],
          headcount: 1,
          orgs: ['party'],
          title: null,
          region: null,
          statement: null,
          behalf: 'self',
          channel: 'api',
          admission: 'public',
          centerId: null,
          createdAt: null,
          status: 'pending',
          duplicateOf: null,
          featuredOn: null,
          likelyDuplicates: 0,
          burst: 1,
          burstFlagged: false,
        },
      );
      assert.ok(item.createdAt instanceof Date);
      assert.equal(Object.hasOwn(item, 'contact_sealed') || Object.hasOwn(item, 'enteredBy'), false);

      const published = await moderation.queue(editor, { status: 'published' });
      assert.ok(published.ok);
      assert.deepEqual(
        published.value.items.map((i) => i.registrationNumber),
        [receipts[0]!.registrationNumber],
      );
      const viaWeb = await moderation.queue(editor, { channel: 'web' });
      assert.ok(viaWeb.ok);
      assert.deepEqual(
        viaWeb.value.items.map((i) => i.registrationNumber),
        [web.registrationNumber],
      );
      const ofCenter = await moderation.queue(editor, { centerId: center.id });
      assert.ok(ofCenter.ok);
      assert.deepEqual(
        ofCenter.value.items.map((i) => [i.registrationNumber, i.centerId]),
        [[receipts[3]!.registrationNumber, center.id]],
      );
      const days = await moderation.queue(editor, { from: '2025-01-09', to: '2025-01-10' });
      assert.ok(days.ok);
      assert.deepEqual(
        days.value.items.map((i) => i.registrationNumber),
        [receipts[5]!.registrationNumber, receipts[3]!.registrationNumber],
      );
      // Blank fields from a query string mean "any" (status: the default, pending).
      const fromOnly = await moderation.queue(editor, { from: '2025-01-11', to: '', status: '' as 'pending' });
      assert.ok(fromOnly.ok);
      assert.ok(fromOnly.value.items.some((i) => i.registrationNumber === receipts[4]!.registrationNumber));
      assert.ok(!fromOnly.value.items.some((i) => i.registrationNumber === receipts[3]!.registrationNumber));
      const toOnly = await moderation.queue(editor, { to: '2025-01-08' });
      assert.ok(toOnly.ok);
      assert.deepEqual(
        toOnly.value.items.map((i) => i.registrationNumber),
        [receipts[6]!.registrationNumber],
      );

      for (const filter of [
        { from: '2025-02-30' },
        { from: '2025-01-10', to: '2025-01-09' },
        { status: 'deleted' as 'pending' },
        { beforeId: 'abc' },
        { centerId: -1 },
        { from: '10/01/2025' },
      ]) {
        assert.deepEqual(await moderation.queue(editor, filter), { ok: false, error: 'request.invalid' }, JSON.stringify(filter));
      }
    });

    test('two editors deciding overlapping lists at once neither deadlock nor decide anything twice', async () => {
      const other = await staffActor('editor');
      for (let round = 0; round < 5; round++) {
        const numbers: string[] = [];
        for (let i = 0; i < 8; i++) numbers.push((await declare()).registrationNumber);
        const [first, second] = await Promise.all([
          moderation.approve(editor, numbers),
          moderation.reject(other, [...numbers].reverse(), 3),
        ]);
        assert.ok(first.ok && second.ok);
        assert.deepEqual([...first.value.done, ...second.value.done].sort(), [...numbers].sort());
        assert.equal(first.value.skipped.length + second.value.skipped.length, numbers.length);
        for (const number of numbers) {
          const decisions = (await events(number)).filter((e) => e.kind !== 'submitted');
          assert.equal(decisions.length, 1);
        }

        const a = await declare();
        const b = await declare();
        const marks = await Promise.all([
          moderation.markDuplicate(editor, a.registrationNumber, b.registrationNumber),
          moderation.markDuplicate(other, b.registrationNumber, a.registrationNumber),
        ]);
        assert.equal(marks.filter((m) => m.ok).length, 1, JSON.stringify(marks));
        assert.deepEqual(marks.find((m) => !m.ok), { ok: false, error: 'moderation.originalIsDuplicate' });
        const links = [(await row(a.registrationNumber)).duplicate_of, (await row(b.registrationNumber)).duplicate_of];
        assert.equal(links.filter((link) => link !== null).length, 1, 'no cycle');
      }
      assert.deepEqual((await auditRepository.verify(db)).brokenAt, null);
    });

    test('signals: likely duplicates by alias key and region within 30 days; bursts within 10 minutes', async () => {
      const base = new Date('2025-02-01T12:00:00.000Z').getTime();
      const at = (offset: number) => toDbTime(new Date(base + offset));
      const make = async (set: Parameters<typeof setColumns>[1]) => {
        const receipt = await declare();
        await setColumns(receipt.registrationNumber, { alias_key: null, ...set });
        return receipt.registrationNumber;
      };
      // Same alias and region: a, b (10 days apart) and c (29 days after a, 19 after b).
      const a = await make({ alias_key: 'mingde', region: '辽宁', created_at: at(0) });
      const b = await make({ alias_key: 'mingde', region: '辽宁', created_at: at(10 * DAY) });
      const c = await make({ alias_key: 'mingde', region: '辽宁', created_at: at(29 * DAY) });
      // Too far from a (40 days), 30 from b, 11 from c.
      const d = await make({ alias_key: 'mingde', region: '辽宁', created_at: at(40 * DAY) });
      const otherRegion = await make({ alias_key: 'mingde', region: '吉林', created_at: at(DAY) });
      const noRegion1 = await make({ alias_key: 'mingde', region: null, created_at: at(2 * DAY) });
      const noRegion2 = await make({ alias_key: 'mingde', region: null, created_at: at(3 * DAY) });
      const noAlias = await make({ alias_key: null, region: '辽宁', created_at: at(DAY) });

      // A burst: five with the same statement within ±10 minutes of the middle one.
      const burstBase = base + 100 * DAY;
      const burst: string[] = [];
      for (const minutes of [-10, -4, 0, 3, 10]) {
        burst.push(await make({ statement: '同一段话', created_at: toDbTime(new Date(burstBase + minutes * MINUTE)) }));
      }
      const outside = await make({ statement: '同一段话', created_at: toDbTime(new Date(burstBase + 21 * MINUTE)) });
      const blank = await make({ statement: null, created_at: toDbTime(new Date(burstBase)) });
      // Same alias key in the burst window counts too, even with a different statement.
      const sameAlias = await make({ alias_key: 'burst', statement: '别的话', created_at: toDbTime(new Date(burstBase + MINUTE)) });
      const sameAlias2 = await make({ alias_key: 'burst', statement: '同一段话', created_at: toDbTime(new Date(burstBase + 2 * MINUTE)) });

      const page = await moderation.queue(editor);
      assert.ok(page.ok);
      const by = new Map(page.value.items.map((i) => [i.registrationNumber, i]));
      const signal = (n: string) => [by.get(n)!.likelyDuplicates, by.get(n)!.burst, by.get(n)!.burstFlagged];

      assert.deepEqual(signal(a), [2, 1, false]);
      assert.deepEqual(signal(b), [3, 1, false]);
      assert.deepEqual(signal(c), [3, 1, false]);
      assert.deepEqual(signal(d), [2, 1, false]);
      assert.deepEqual(signal(otherRegion), [0, 1, false]);
      assert.deepEqual(signal(noRegion1), [1, 1, false]);
      assert.deepEqual(signal(noRegion2), [1, 1, false]);
      assert.deepEqual(signal(noAlias), [0, 1, false]);

      // The middle one (0) sees -10, -4, 3, 10 and sameAlias2 (+2, same statement) within ±10 minutes.
      assert.deepEqual(signal(burst[2]!), [0, 6, true]);
      // -4 sees -10, 0, 3 and sameAlias2: five in all, the threshold.
      assert.deepEqual(signal(burst[1]!), [0, 5, true]);
      assert.deepEqual(signal(burst[3]!), [0, 5, true]);
      // -10 sees -4 and 0 (3 is 13 minutes away, sameAlias2 12).
      assert.deepEqual(signal(burst[0]!), [0, 3, false]);
      // +10 sees 0, 3 and sameAlias2; 21 is 11 minutes away. Four is below the threshold.
      assert.deepEqual(signal(burst[4]!), [0, 4, false]);
      assert.deepEqual(signal(outside), [0, 1, false]);
      assert.deepEqual(signal(blank), [0, 1, false]);
      // sameAlias: the other 'burst' alias only (its statement is different); also a likely duplicate of it.
      assert.deepEqual(signal(sameAlias), [1, 2, false]);
      // sameAlias2: sameAlias by alias key; -4, 0, 3, 10 by statement.
      assert.deepEqual(signal(sameAlias2), [1, 6, true]);
    });
  });
}
