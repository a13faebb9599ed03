import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { toDbTime } from '../../db/time.ts';
import { declarationInputSchema } from '../../domain/declaration/declaration-input.ts';
import type { Receipt } from '../declaration-service.ts';
import { QUEUE_PAGE_SIZE } from './queue.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../../test/helpers/moderation-fixture.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

for (const engine of testEngines()) {
  describe(`moderation queue (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('the queue filters by status, channel, center and day, and pages by id', async () => {
      const { ctx, db, moderation, editor, declare, setColumns } = f;
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
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
      );
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
          // Submitted without a proof of work (docs/security.md, "Flooding").
          admission: 'unproven',
          centerId: null,
          createdAt: null,
          status: 'pending',
          duplicateOf: null,
          featuredOn: null,
          callCampaign: null,
          likelyDuplicates: 0,
          burst: 1,
          burstFlagged: false,
          sameText: 0,
          sameTextFlagged: false,
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

    test('signals: likely duplicates by alias key and region within 30 days; bursts within 10 minutes', async () => {
      const { moderation, editor, declare, setColumns } = f;
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
