import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { toDbTime } from '../../../src/db/time.ts';
import { statementTextKey } from '../../../src/domain/declaration/text-key.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../src/domain/staff/permissions.ts';
import { legacyNumber } from '../../../src/tools/seed/legacy-posts.ts';
import { staffRepository } from '../../../src/repositories/staff-repository.ts';
import { actorOf } from '../../../src/services/staff-auth-service.ts';
import { runCliInProcess } from '../../helpers/cli.ts';
import { ensureCenter, signInAs } from '../../helpers/console.ts';
import { testEngines } from '../../helpers/databases.ts';
import { postForm, postJson } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

const ORIGINAL = '我声明退出中共及其一切附属组织，愿中国早日自由。';

/** A flooder's copies of one statement, each varied as a filter on exact text would miss (docs/security.md). */
const COPIES = [
  ORIGINAL,
  '我聲明退出中共及其一切附屬組織，願中國早日自由。',
  '我声明退出中共及其一切附属组织 愿中国早日自由!!',
  '我声明退出中共及其一切附属组织，愿中国早日自由。(1)',
  '我声明退出中共及其一切附属组织，愿中国早日自由。２',
  '  我声明退出中共及其一切附属组织……愿中国早日自由  ',
  '我声明退出中共及其一切附属组织,愿中国早日自由.',
  '我声明退出中共及其一切附属组织——愿中国早日自由！3',
  '我声明 退出 中共 及其 一切 附属 组织，愿 中国 早日 自由。',
  '「我声明退出中共及其一切附属组织，愿中国早日自由」',
  '我声明退出中共及其一切附属组织，愿中国早日自由。2026',
  '我聲明退出中共及其一切附屬組織；願中國早日自由～',
];

/** Honest declarants' own words: alike in subject, not in text. */
const HONEST = [
  '我声明退出中国共产党。',
  '我声明退出共青团。',
  '我声明退出少先队。',
  '为了家人的平安，我们全家声明三退。',
  '年轻时入了团，今天声明退出，愿中国早日自由。',
  '认清了真相，声明退出少先队，抹去兽印。',
  '我自愿退出中共及其相关组织。',
  '在大学入的党，今天正式退出。',
  '退出中共，不再做它的一员。',
  '我和妻子一起退出共青团。',
  '愿中国早日自由，我退出中共及其一切附属组织。',
  '我声明退出中共及其一切附属组织，愿中国早日民主。',
];

const names = (index: number) => `${String.fromCodePoint(0x4e00 + index)}${String.fromCodePoint(0x5000 + index)}`;

/** The near-identical flags as each language's console queue shows them. */
const SAME_TEXT = {
  'zh-hans': /6 小时内近乎相同的声明 (\d+)/g,
  'zh-hant': /6 小時內近乎相同的聲明 (\d+)/g,
  en: /(\d+) near-identical statements within 6 h/g,
};

for (const engine of testEngines()) {
  describe(`near-identical statements flagged for moderators (${engine})`, () => {
    let ctx: TestContext;
    let editor: Actor;
    before(async () => {
      ctx = await createTestContext(engine);
      const id = await staffRepository.insert(ctx.services.database.db, {
        email: 'editor@example.org',
        name: 'editor',
        role: 'editor',
        centerId: null,
        trusted: false,
        at: new Date(),
      });
      editor = actorOf((await staffRepository.findById(ctx.services.database.db, id))!);
    });
    after(() => ctx.close());

    const submit = async (index: number, statement: string | undefined, idempotent: boolean) => {
      const body = { names: names(index), orgs: ['party'], ...(statement === undefined ? {} : { statement }) };
      const response = await postJson(ctx, '/api/v1/declarations', body, idempotent ? { 'idempotency-key': randomUUID() } : {});
      assert.equal(response.status, 201, await response.clone().text());
      return ((await response.json()) as { registrationNumber: string }).registrationNumber;
    };

    const flagsOn = async () => {
      const page = await ctx.services.moderation.queue(editor);
      assert.ok(page.ok);
      return new Map(page.value.items.map((item) => [item.registrationNumber, [item.sameText, item.sameTextFlagged] as const]));
    };

    test('a flood of trivially varied copies is flagged; distinct texts and empty statements are not', async () => {
      // Both intake writes: a submission holding a receipt (Idempotency-Key), and one without (PostgreSQL's single statement).
      const copies = await Promise.all(COPIES.map((text, index) => submit(index, text, index % 2 === 0)));
      const honest = await Promise.all(HONEST.map((text, index) => submit(100 + index, text, index % 2 === 0)));
      const empty = await Promise.all(
        Array.from({ length: 12 }, (_, index) => submit(200 + index, index % 3 === 0 ? '。。。' : undefined, false)),
      );

      const flags = await flagsOn();
      for (const number of copies) assert.deepEqual(flags.get(number), [12, true], `copy ${number}`);
      for (const number of honest) assert.deepEqual(flags.get(number), [1, false], `honest ${number}`);
      for (const number of empty) assert.deepEqual(flags.get(number), [0, false], `empty ${number}`);

      // Silent for the declarant, shown to moderators in each language: one flag per copy, none on the others.
      const staff = await signInAs(ctx, 'editor');
      for (const [locale, flag] of Object.entries(SAME_TEXT)) {
        const html = await (await staff.get(`/console/moderation?lang=${locale}`)).text();
        assert.deepEqual(
          [...html.matchAll(flag)].map((match) => match[1]),
          COPIES.map(() => '12'),
          locale,
        );
      }
      const lookup = (await (await ctx.app.request(`/api/v1/declarations/${copies[0]}`)).text()).toLowerCase();
      assert.ok(!lookup.includes('near-identical') && !lookup.includes('text_key') && !lookup.includes('textkey'));

      // Outside the window (6 hours either side) a copy counts for nothing, and is counted by none.
      const db = ctx.services.database.db;
      const moved = await db
        .selectFrom('declarations')
        .select('created_at')
        .where('registration_number', '=', copies[0]!)
        .executeTakeFirstOrThrow();
      const earlier = toDbTime(new Date(new Date(moved.created_at).getTime() - 7 * 60 * 60 * 1000));
      await db.updateTable('declarations').set({ created_at: earlier }).where('registration_number', '=', copies[0]!).execute();
      const after = await flagsOn();
      assert.deepEqual(after.get(copies[0]!), [1, false]);
      for (const number of copies.slice(1)) assert.deepEqual(after.get(number), [11, true]);
      await ctx.services.moderation.reject(SYSTEM_ACTOR, [...copies, ...honest, ...empty], 'flood');
    });

    test('every way in writes the text key: form, API, batch entry, history import', async () => {
      const db = ctx.services.database.db;
      const keyOf = async (registrationNumber: string) =>
        (
          await db
            .selectFrom('declarations')
            .select('text_key')
            .where('registration_number', '=', registrationNumber)
            .executeTakeFirstOrThrow()
        ).text_key;
      const expected = statementTextKey(ORIGINAL);
      assert.notEqual(expected, null);

      assert.equal(await keyOf(await submit(300, COPIES[1], true)), expected, 'API, holding a receipt');
      assert.equal(await keyOf(await submit(301, COPIES[2], false)), expected, 'API, without one');

      const form = await postForm(ctx, '/zh-hans/declare', { names: names(302), orgs: 'party', statement: COPIES[3]! });
      assert.equal(form.status, 303);
      const formRow = await db
        .selectFrom('declarations')
        .select('text_key')
        .where('names', '=', JSON.stringify([names(302)]))
        .executeTakeFirstOrThrow();
      assert.equal(formRow.text_key, expected, 'the form');

      const centerId = await ensureCenter(ctx);
      const staffId = await staffRepository.insert(db, {
        email: 'volunteer@example.org',
        name: 'volunteer',
        role: 'volunteer',
        centerId,
        trusted: true,
        at: new Date(),
      });
      const volunteer = actorOf((await staffRepository.findById(db, staffId))!);
      const batch = await ctx.services.batchEntry.submitBatch(
        volunteer,
        {
          channel: 'phone',
          conversationDate: '2025-05-20',
          consent: 'confirmed',
          rows: [
            { name: names(303), orgs: 'party', statement: COPIES[4] },
            { name: names(304), orgs: 'party' },
          ],
        },
        { acknowledgeDuplicates: true },
      );
      assert.ok(batch.ok, JSON.stringify(batch));
      assert.deepEqual(
        await Promise.all(batch.value.receipts.map((receipt) => keyOf(receipt.registrationNumber))),
        [expected, null],
        'batch entry',
      );

      const posts = join(ctx.dir, 'near-identical.jsonl');
      const post = (id: number, statement: string | null) =>
        `${JSON.stringify({ id, number: legacyNumber(id, 0), published: '2010-01-01 10:00:00', names: '明德', headcount: 1, orgs: ['party'], title: '旧帖', statement })}\n`;
      writeFileSync(posts, post(9_200_001, COPIES[5]!) + post(9_200_002, null));
      const imported = await runCliInProcess(['history', 'import-posts', posts], {
        TUIDANG_DATA_DIR: ctx.dir,
        DATABASE_URL: ctx.config.databaseUrl,
      });
      assert.equal(imported.code, 0, imported.stderr);
      const legacy = await db
        .selectFrom('declarations')
        .select(['legacy_id', 'text_key'])
        .where('legacy_id', 'in', [9_200_001, 9_200_002])
        .orderBy('legacy_id')
        .execute();
      assert.deepEqual(
        legacy.map((row) => row.text_key),
        [null, null],
        'imported posts are published years before any window the signal looks at: no key',
      );
    });
  });
}
