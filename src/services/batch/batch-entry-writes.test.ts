import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatabaseBusyError } from '../../db/database-busy.ts';
import { createAuditRepository } from '../../repositories/audit-repository.ts';
import { batchesRepository } from '../../repositories/batches-repository.ts';
import { declarationsRepository } from '../../repositories/declarations/index.ts';
import { staffRepository } from '../../repositories/staff-repository.ts';
import { attemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import { submissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { createBatchEntryService } from './batch-entry-service.ts';

import { batchEntryHarness, batchOf, START } from '../../../test/helpers/batch-entry.ts';
import { createInboxConversion } from '../../services/inbox/conversion.ts';
import { inboxItemsRepository } from '../../repositories/inbox/items-repository.ts';
import { inboxItemDeclarationsRepository } from '../../repositories/inbox/item-declarations-repository.ts';

for (const engine of testEngines()) {
  describe(`batch entry writes (${engine})`, () => {
    const h = batchEntryHarness(engine);
    const { serviceWith, newActor, count } = h;

    it('enters and publishes 500 rows in a few dozen statements, counted and searchable as one by one', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      // Counters from zero, so they can be compared with what this batch holds.
      await h.db.updateTable('counter_totals').set({ declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 }).execute();
      for (const table of ['daily_totals', 'daily_breakdown', 'search_grams'] as const) await h.db.deleteFrom(table).execute();
      let statements = 0;
      const counting = createBatchEntryService({
        db: h.db.withPlugin({
          transformQuery: (args) => {
            statements++;
            return args.node;
          },
          transformResult: async (args) => args.result,
        }),
        declarations: declarationsRepository,
        callLinks: attemptsRepository,
        inboxLinks: createInboxConversion({
          items: inboxItemsRepository,
          links: inboxItemDeclarationsRepository,
          audit: createAuditRepository(h.ctx.services.keys),
        }),
        batches: batchesRepository,
        staff: staffRepository,
        heldReceipts: submissionReceiptsRepository,
        audit: createAuditRepository(h.ctx.services.keys),
        keys: h.ctx.services.keys,
        numbers: h.ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
        now: () => h.clock,
      });
      const orgs = ['party', 'league', 'pioneers', 'party;league'];
      const regions = ['辽宁', '', '广东', '四川'];
      const rows = Array.from({ length: 500 }, (_, i) => ({
        name: [i % 15, Math.floor(i / 15) % 15, Math.floor(i / 225)].map((n) => '春夏秋冬梅兰竹菊松柏桃李杏桂荷'[n]).join(''),
        orgs: orgs[i % 4],
        headcount: String(1 + (i % 3)),
        region: regions[i % 4],
      }));
      const outcome = await counting.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true });
      assert.ok(outcome.ok, JSON.stringify(outcome).slice(0, 300));
      // A statement per row took ~15 per row: 7,500 here, seconds of the write lock under load.
      assert.ok(statements < 60, `${statements} statements`);

      const published = await h.db
        .selectFrom('declarations')
        .select(['id', 'headcount', 'party', 'league', 'pioneers', 'region', 'status'])
        .execute();
      assert.equal(published.length, 500);
      assert.ok(published.every((row) => row.status === 'published'));
      const sum = (pick: (row: (typeof published)[number]) => number) => published.reduce((total, row) => total + pick(row), 0);
      const totals = await h.db
        .selectFrom('counter_totals')
        .select(['declarations', 'people', 'party', 'league', 'pioneers'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        {
          declarations: Number(totals.declarations),
          people: Number(totals.people),
          party: Number(totals.party),
          league: Number(totals.league),
          pioneers: Number(totals.pioneers),
        },
        {
          declarations: 500,
          people: sum((row) => row.headcount),
          party: sum((row) => row.party * row.headcount),
          league: sum((row) => row.league * row.headcount),
          pioneers: sum((row) => row.pioneers * row.headcount),
        },
      );
      const daily = await h.db.selectFrom('daily_totals').select(['declarations', 'people']).execute();
      assert.deepEqual(
        daily.map((row) => [Number(row.declarations), Number(row.people)]),
        [[500, sum((row) => row.headcount)]],
      );
      const byRegion = await h.db.selectFrom('daily_breakdown').select(['key', 'people']).where('dimension', '=', 'region').execute();
      assert.equal(byRegion.length, 4);
      const liaoning = byRegion.find((row) => row.key === '辽宁');
      assert.equal(
        Number(liaoning?.people),
        sum((row) => (row.region === '辽宁' ? row.headcount : 0)),
      );
      const events = await h.db.selectFrom('declaration_events').select(['kind']).execute();
      assert.equal(events.filter((event) => event.kind === 'submitted').length, 500);
      assert.equal(events.filter((event) => event.kind === 'published').length, 500);
      const indexed = await h.db.selectFrom('search_grams').select('declaration_id').distinct().execute();
      // By region: a default title is not indexed, so rows without a region have nothing to find by.
      assert.equal(indexed.length, rows.filter((row) => row.region !== '').length, 'every published entry with a region can be found');
    });

    it('answers request.busy and enters nothing when the database stays locked', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      const locked = serviceWith({
        ...batchesRepository,
        async insert() {
          throw new DatabaseBusyError();
        },
      });
      const outcome = await locked.submitBatch(volunteer, batchOf([{ name: '甲乙', orgs: 'party' }]), { acknowledgeDuplicates: false });
      assert.deepEqual(outcome, { ok: false, error: 'request.busy' });
      for (const table of ['declarations', 'batches', 'declaration_events', 'audit_log'] as const) {
        assert.equal(await count(table), 0, table);
      }
    });

    it('rolls the whole batch back when a write fails half-way', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      for (const table of ['daily_totals', 'daily_breakdown', 'search_grams'] as const) await h.db.deleteFrom(table).execute();
      // After the rows are inserted and published, before the batch's events are written.
      const failing = serviceWith(batchesRepository, {
        ...declarationsRepository,
        async appendEvents(executor, events) {
          await declarationsRepository.appendEvents(executor, events);
          throw new Error('disk full');
        },
      });
      const rows = ['甲乙', '丙丁', '戊己', '庚辛'].map((name) => ({ name, orgs: 'party', region: '辽宁' }));
      await assert.rejects(failing.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: false }), /disk full/);
      for (const table of ['declarations', 'batches', 'declaration_events', 'audit_log', 'daily_totals', 'search_grams'] as const) {
        assert.equal(await count(table), 0, table);
      }
    });

    it('a batch token repeated within the hour returns the first result; after it, the token is spent and enters anew', async () => {
      const volunteer = await newActor('volunteer');
      const token = 'mbw0k2q0batchtoken0123456789ab';
      const rows = [{ name: '卫青', orgs: 'party' }];
      const first = await h.service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token });
      assert.ok(first.ok);
      h.clock = new Date(START.getTime() + 59 * 60 * 1000);
      assert.deepEqual(await h.service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token }), first);
      assert.equal(await count('batches'), 1);

      h.clock = new Date(START.getTime() + 61 * 60 * 1000);
      const later = await h.service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token });
      assert.ok(later.ok && first.ok && later.value.batchId !== first.value.batchId, 'an expired result is not shown again');
      assert.equal(await count('batches'), 2);
      const expired = await h.db.selectFrom('submission_receipts').select('id').where('expires_at', '<=', h.clock.toISOString()).execute();
      assert.deepEqual(expired, [], 'and it was purged');
    });
  });
}
