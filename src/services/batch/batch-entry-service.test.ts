import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { DatabaseBusyError } from '../../db/database-busy.ts';
import type { Database, StaffRole } from '../../db/schema.ts';
import { toDbTime } from '../../db/time.ts';
import { parseCsvRows } from '../../domain/batch/csv-rows.ts';
import { SYSTEM_ACTOR, type Actor } from '../../domain/staff/permissions.ts';
import { auditRepository } from '../../repositories/audit-repository.ts';
import { batchesRepository, type BatchesRepository } from '../../repositories/batches-repository.ts';
import { declarationsRepository, type DeclarationsRepository } from '../../repositories/declarations-repository.ts';
import { staffRepository } from '../../repositories/staff-repository.ts';
import { attemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import { submissionReceiptsRepository } from '../../repositories/submission-receipts-repository.ts';
import { testEngines } from '../../../test/helpers/databases.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { createBatchEntryService, type BatchEntryService } from './batch-entry-service.ts';
import { actorOf } from '../staff-auth-service.ts';

const START = new Date('2025-06-14T04:00:00Z');

function batchOf(rows: unknown[], shared: Record<string, unknown> = {}) {
  return { channel: 'phone', conversationDate: '2025-05-20', consent: 'confirmed', rows, ...shared };
}

for (const engine of testEngines()) {
  describe(`batch entry (${engine})`, () => {
    let ctx: TestContext;
    let db: Kysely<Database>;
    let clock: Date;
    let service: BatchEntryService;
    let centerId: number;
    let otherCenterId: number;
    let counter = 0;

    const serviceWith = (batches: BatchesRepository = batchesRepository, declarations: DeclarationsRepository = declarationsRepository) =>
      createBatchEntryService({
        db,
        declarations,
        heldReceipts: submissionReceiptsRepository,
        callLinks: attemptsRepository,
        batches,
        staff: staffRepository,
        audit: auditRepository,
        keys: ctx.services.keys,
        numbers: ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
        now: () => clock,
      });

    async function insertCenter(name: string): Promise<number> {
      const at = toDbTime(START);
      const row = await db
        .insertInto('centers')
        .values({ name, city: 'Taipei', country: 'TW', hotlines: '[]', languages: 'zh', is_public: 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    async function newActor(role: StaffRole, options: { trusted?: boolean; center?: number | null; name?: string } = {}): Promise<Actor> {
      counter++;
      const id = await staffRepository.insert(db, {
        email: `${role}${counter}@example.org`,
        name: options.name ?? `${role} ${counter}`,
        role,
        centerId: options.center === undefined ? centerId : options.center,
        trusted: options.trusted ?? false,
        at: START,
      });
      return actorOf((await staffRepository.findById(db, id))!);
    }

    const count = async (table: 'declarations' | 'batches' | 'declaration_events' | 'audit_log' | 'daily_totals' | 'search_grams') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    async function submitOk(actor: Actor, rows: unknown[], acknowledgeDuplicates = false) {
      const outcome = await service.submitBatch(actor, batchOf(rows), { acknowledgeDuplicates });
      if (!outcome.ok) assert.fail(`expected success, got ${JSON.stringify(outcome)}`);
      return outcome.value;
    }

    before(async () => {
      ctx = await createTestContext(engine);
      db = ctx.services.database.db;
    });
    after(() => ctx.close());
    beforeEach(async () => {
      clock = START;
      service = serviceWith();
      // A clean slate per test, in an order the foreign keys allow.
      for (const table of ['declaration_events', 'declarations', 'batches', 'audit_log', 'staff', 'centers'] as const) {
        await db.deleteFrom(table).execute();
      }
      centerId = await insertCenter('Taipei center');
      otherCenterId = await insertCenter('Toronto center');
    });

    it('publishes a trusted volunteer’s batch at once, with receipts that work', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      const value = await submitOk(volunteer, [
        { name: '明德', orgs: 'party;league', headcount: '3', region: '辽宁' },
        { name: '', orgs: [] },
        { name: 'Li Wei', orgs: ['pioneers'] },
      ]);
      assert.equal(value.status, 'published');
      assert.equal(value.declarations, 2);
      assert.equal(value.people, 4);
      assert.deepEqual(
        value.receipts.map((receipt) => [receipt.row, receipt.name, receipt.status]),
        [
          [1, '明德', 'published'],
          [3, 'Li Wei', 'published'],
        ],
      );

      const rows = await db.selectFrom('declarations').selectAll().orderBy('id').execute();
      assert.equal(rows.length, 2);
      for (const row of rows) {
        assert.equal(row.status, 'published');
        assert.equal(row.admission, 'trusted');
        assert.notEqual(row.published_at, null);
        assert.equal(row.entered_by, volunteer.id);
        assert.equal(row.center_id, centerId);
        assert.equal(row.batch_id, value.batchId);
        assert.equal(row.channel, 'phone');
        assert.equal(row.behalf, 'self');
      }
      assert.deepEqual(
        rows.map((row) => [row.names, row.alias_key, row.headcount, row.region, row.party, row.league, row.pioneers]),
        [
          ['["明德"]', '明德', 3, '辽宁', 1, 1, 0],
          ['["Li Wei"]', 'liwei', 1, null, 0, 0, 1],
        ],
      );
      const events = await declarationsRepository.listEvents(db, rows[0]!.id);
      assert.deepEqual(
        events.map((event) => [event.kind, event.actor]),
        [
          ['submitted', `staff:${volunteer.id} ${volunteer.email}`],
          ['published', `staff:${volunteer.id} ${volunteer.email}`],
        ],
      );

      const first = value.receipts[0]!;
      const status = await ctx.services.declarations.lookup(first.registrationNumber, first.queryPassword);
      assert.equal(status.ok && status.value.status, 'published');
      assert.notEqual(await ctx.services.declarations.getPublished(first.registrationNumber), null);

      const batch = await batchesRepository.findById(db, value.batchId);
      assert.deepEqual(batch && [batch.staffId, batch.centerId, batch.channel, batch.conversationDate, batch.consent, batch.note], [
        volunteer.id,
        centerId,
        'phone',
        '2025-05-20',
        'confirmed',
        null,
      ]);

      const [entry] = await auditRepository.list(db, { action: 'batch.entered', limit: 10 });
      assert.equal(entry?.actor, `staff:${volunteer.id} ${volunteer.email}`);
      assert.equal(entry?.targetId, String(value.batchId));
      assert.deepEqual(entry?.details, {
        declarations: 2,
        people: 4,
        channel: 'phone',
        conversationDate: '2025-05-20',
        published: true,
        duplicatesAcknowledged: 0,
      });
      const log = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute());
      assert.doesNotMatch(log, /明德|Li Wei/, 'no names in the audit log');
      assert.equal((await auditRepository.verify(db)).brokenAt, null);
    });

    it('leaves an untrusted volunteer’s batch pending for an editor', async () => {
      const volunteer = await newActor('volunteer');
      const value = await submitOk(volunteer, [{ name: '安宁', orgs: '团队' }]);
      assert.equal(value.status, 'pending');
      assert.equal(value.receipts[0]?.status, 'pending');
      const row = await db.selectFrom('declarations').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.admission, 'volunteer');
      assert.equal(row.published_at, null);
      assert.deepEqual(
        (await declarationsRepository.listEvents(db, row.id)).map((event) => event.kind),
        ['submitted'],
      );
      const receipt = value.receipts[0]!;
      const status = await ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
      assert.equal(status.ok && status.value.status, 'pending');
      assert.equal(await ctx.services.declarations.getPublished(receipt.registrationNumber), null);
      assert.equal((await auditRepository.list(db, { action: 'batch.entered', limit: 1 }))[0]?.details.published, false);
    });

    it('lets a global admin enter and publish without a center', async () => {
      const admin = await newActor('admin', { center: null });
      const value = await submitOk(admin, [{ name: '嘉佳', orgs: 'party' }]);
      assert.equal(value.status, 'published');
      const row = await db.selectFrom('declarations').select(['center_id', 'admission']).executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, { center_id: null, admission: 'trusted' });
    });

    it('warns of duplicates inside the batch and refuses until they are acknowledged', async () => {
      const volunteer = await newActor('volunteer');
      const rows = [
        { name: '张三', orgs: 'party', region: '辽宁' },
        { name: '李四', orgs: 'party' },
        { name: '張三', orgs: 'league', region: ' 遼寧 ' },
        { name: '张三', orgs: 'party', region: '北京' },
        { name: '李四', orgs: 'pioneers' },
        { name: '张三', orgs: 'party', region: '辽宁' },
      ];
      const checked = await service.checkDuplicates(volunteer, batchOf(rows));
      assert.deepEqual(checked, {
        ok: true,
        value: [
          { row: 3, inBatch: 1, recent: 0 },
          { row: 5, inBatch: 2, recent: 0 },
          { row: 6, inBatch: 1, recent: 0 },
        ],
      });

      const refused = await service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: false });
      assert.equal(refused.ok, false);
      assert.deepEqual(!refused.ok && refused.duplicates, checked.ok && checked.value);
      assert.equal(await count('declarations'), 0);
      assert.equal(await count('batches'), 0);
      assert.equal(await count('audit_log'), 0);

      const accepted = await submitOk(volunteer, rows, true);
      assert.equal(accepted.declarations, 6);
      assert.equal((await auditRepository.list(db, { action: 'batch.entered', limit: 1 }))[0]?.details.duplicatesAcknowledged, 3);
    });

    it('warns of entries with the same alias and region in the last 30 days, by anyone', async () => {
      const first = await newActor('volunteer');
      const second = await newActor('volunteer', { center: otherCenterId });
      await submitOk(first, [
        { name: '王五', orgs: 'party', region: '北京' },
        { name: '赵六', orgs: 'party' },
      ]);
      clock = new Date(START.getTime() + 10 * 24 * 60 * 60 * 1000);
      const rows = [
        { name: '王五', orgs: 'league', region: '北京' },
        { name: '王五', orgs: 'league', region: '上海' },
        { name: '趙六', orgs: 'league' },
        { name: '钱七', orgs: 'league' },
      ];
      const checked = await service.checkDuplicates(second, batchOf(rows));
      assert.deepEqual(checked.ok && checked.value, [
        { row: 1, inBatch: null, recent: 1 },
        { row: 3, inBatch: null, recent: 1 },
      ]);
      const refused = await service.submitBatch(second, batchOf(rows), { acknowledgeDuplicates: false });
      assert.deepEqual(!refused.ok && [refused.error, refused.duplicates?.map((warning) => warning.row)], ['batch.duplicates', [1, 3]]);
      assert.equal(await count('declarations'), 2, 'nothing written');
      assert.equal(await count('batches'), 1);

      await submitOk(second, rows, true);
      assert.equal(await count('declarations'), 6);

      // Thirty-one days after the first batch, only the second one (day 10) is recent.
      clock = new Date(START.getTime() + 31 * 24 * 60 * 60 * 1000);
      const later = await service.checkDuplicates(
        first,
        batchOf([
          { name: '赵六', orgs: 'party' },
          { name: '钱七', orgs: 'party' },
        ]),
      );
      assert.deepEqual(later.ok && later.value, [
        { row: 1, inBatch: null, recent: 1 },
        { row: 2, inBatch: null, recent: 1 },
      ]);
    });

    it('does not count rejected or retracted entries as duplicates', async () => {
      const volunteer = await newActor('volunteer');
      const value = await submitOk(volunteer, [{ name: '孙八', orgs: 'party' }]);
      await ctx.services.moderation.reject(SYSTEM_ACTOR, [value.receipts[0]!.registrationNumber], 'duplicate');
      const checked = await service.checkDuplicates(volunteer, batchOf([{ name: '孙八', orgs: 'party' }]));
      assert.deepEqual(checked, { ok: true, value: [] });
    });

    it('writes nothing when one row is invalid, and says which row and field', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      const outcome = await service.submitBatch(
        volunteer,
        batchOf([
          { name: '周九', orgs: 'party' },
          { name: '周', orgs: 'party' },
          { name: '吴十', orgs: 'party', headcount: '0' },
        ]),
        { acknowledgeDuplicates: true },
      );
      assert.deepEqual(outcome, {
        ok: false,
        error: 'request.invalid',
        rowErrors: [
          { row: 2, field: 'name', code: 'names.invalid', params: { name: '周' } },
          { row: 3, field: 'headcount', code: 'headcount.invalid', params: {} },
        ],
      });
      for (const table of ['declarations', 'batches', 'declaration_events', 'audit_log'] as const) {
        assert.equal(await count(table), 0, table);
      }
    });

    it('reports shared fields too, with the service clock deciding what is in the future', async () => {
      const volunteer = await newActor('volunteer');
      const outcome = await service.submitBatch(
        volunteer,
        batchOf([{ name: '周九', orgs: 'party' }], { conversationDate: '2025-06-16', consent: 'yes', channel: 'pigeon' }),
        { acknowledgeDuplicates: false },
      );
      assert.deepEqual(!outcome.ok && outcome.rowErrors?.map((error) => `${error.row}:${error.field}:${error.code}`), [
        '0:channel:channel.invalid',
        '0:conversationDate:date.future',
        '0:consent:consent.notConfirmed',
      ]);
    });

    it('enters and publishes 500 rows in a few dozen statements, counted and searchable as one by one', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      // Counters from zero, so they can be compared with what this batch holds.
      await db.updateTable('counter_totals').set({ declarations: 0, people: 0, party: 0, league: 0, pioneers: 0 }).execute();
      for (const table of ['daily_totals', 'daily_breakdown', 'search_grams'] as const) await db.deleteFrom(table).execute();
      let statements = 0;
      const counting = createBatchEntryService({
        db: db.withPlugin({
          transformQuery: (args) => {
            statements++;
            return args.node;
          },
          transformResult: async (args) => args.result,
        }),
        declarations: declarationsRepository,
        batches: batchesRepository,
        staff: staffRepository,
        heldReceipts: submissionReceiptsRepository,
        callLinks: attemptsRepository,
        audit: auditRepository,
        keys: ctx.services.keys,
        numbers: ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
        now: () => clock,
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

      const published = await db
        .selectFrom('declarations')
        .select(['id', 'headcount', 'party', 'league', 'pioneers', 'region', 'status'])
        .execute();
      assert.equal(published.length, 500);
      assert.ok(published.every((row) => row.status === 'published'));
      const sum = (pick: (row: (typeof published)[number]) => number) => published.reduce((total, row) => total + pick(row), 0);
      const totals = await db
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
      const daily = await db.selectFrom('daily_totals').select(['declarations', 'people']).execute();
      assert.deepEqual(
        daily.map((row) => [Number(row.declarations), Number(row.people)]),
        [[500, sum((row) => row.headcount)]],
      );
      const byRegion = await db.selectFrom('daily_breakdown').select(['key', 'people']).where('dimension', '=', 'region').execute();
      assert.equal(byRegion.length, 4);
      const liaoning = byRegion.find((row) => row.key === '辽宁');
      assert.equal(
        Number(liaoning?.people),
        sum((row) => (row.region === '辽宁' ? row.headcount : 0)),
      );
      const events = await db.selectFrom('declaration_events').select(['kind']).execute();
      assert.equal(events.filter((event) => event.kind === 'submitted').length, 500);
      assert.equal(events.filter((event) => event.kind === 'published').length, 500);
      const indexed = await db.selectFrom('search_grams').select('declaration_id').distinct().execute();
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
      for (const table of ['daily_totals', 'daily_breakdown', 'search_grams'] as const) await db.deleteFrom(table).execute();
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
      const first = await service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token });
      assert.ok(first.ok);
      clock = new Date(START.getTime() + 59 * 60 * 1000);
      assert.deepEqual(await service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token }), first);
      assert.equal(await count('batches'), 1);

      clock = new Date(START.getTime() + 61 * 60 * 1000);
      const later = await service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: true, token });
      assert.ok(later.ok && first.ok && later.value.batchId !== first.value.batchId, 'an expired result is not shown again');
      assert.equal(await count('batches'), 2);
      const expired = await db.selectFrom('submission_receipts').select('id').where('expires_at', '<=', clock.toISOString()).execute();
      assert.deepEqual(expired, [], 'and it was purged');
    });

    it('forbids an editor and an auditor from entering, and an editor from the tallies', async () => {
      for (const role of ['editor', 'auditor'] as const) {
        const actor = await newActor(role);
        assert.deepEqual(await service.submitBatch(actor, batchOf([{ name: '周九', orgs: 'party' }]), { acknowledgeDuplicates: true }), {
          ok: false,
          error: 'auth.forbidden',
        });
        assert.deepEqual(await service.checkDuplicates(actor, batchOf([{ name: '周九', orgs: 'party' }])), {
          ok: false,
          error: 'auth.forbidden',
        });
      }
      const editor = await newActor('editor');
      assert.deepEqual(await service.myTallies(editor, clock, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await service.centerTallies(editor, clock, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
      assert.equal(await count('declarations'), 0);
      assert.equal(await count('batches'), 0);
    });

    it('enters the rows of a CSV file', async () => {
      const volunteer = await newActor('volunteer');
      const { rows, errors } = parseCsvRows('\uFEFF姓名,组织,人数,来自\r\n明德,党;团,3,辽宁\r\n安宁,党团队,,\r\n');
      assert.deepEqual(errors, []);
      const value = await submitOk(volunteer, rows);
      assert.deepEqual(
        value.receipts.map((receipt) => receipt.name),
        ['明德', '安宁'],
      );
      assert.equal(value.people, 4);
    });

    describe('tallies', () => {
      // Asia/Shanghai is UTC+8: 15:30Z is 23:30 there, 16:30Z is 00:30 the next day.
      const times = {
        lastMonth: new Date('2025-05-31T15:30:00Z'), // Shanghai: 31 May 23:30
        monthStart: new Date('2025-05-31T16:30:00Z'), // Shanghai: 1 June 00:30
        yesterday: new Date('2025-06-14T15:30:00Z'), // Shanghai: 14 June 23:30
        today: new Date('2025-06-14T16:30:00Z'), // Shanghai: 15 June 00:30
      };
      const now = new Date('2025-06-14T20:00:00Z'); // Shanghai: 15 June 04:00

      async function enterAt(actor: Actor, at: Date, headcount: number, name: string) {
        clock = at;
        await submitOk(actor, [{ name, orgs: 'party', headcount }], true);
      }

      it('counts own entries across day and month boundaries in the given zone, and nobody else’s', async () => {
        const volunteer = await newActor('volunteer', { name: '甲' });
        const colleague = await newActor('volunteer', { name: '乙', trusted: true });
        await enterAt(volunteer, times.lastMonth, 2, '明德');
        await enterAt(volunteer, times.monthStart, 3, '安宁');
        await enterAt(volunteer, times.yesterday, 1, '嘉佳');
        await enterAt(volunteer, times.today, 4, '瑞祥');
        await enterAt(colleague, times.today, 7, '光明');

        assert.deepEqual(await service.myTallies(volunteer, now, 'Asia/Shanghai'), {
          ok: true,
          value: {
            today: { declarations: 1, people: 4 },
            thisMonth: { declarations: 3, people: 8 },
            allTime: { declarations: 4, people: 10 },
            pending: 4,
          },
        });
        // The same entries seen from UTC: the 14th is still today, and May is still May.
        assert.deepEqual(await service.myTallies(volunteer, now, 'UTC'), {
          ok: true,
          value: {
            today: { declarations: 2, people: 5 },
            thisMonth: { declarations: 2, people: 5 },
            allTime: { declarations: 4, people: 10 },
            pending: 4,
          },
        });
        assert.deepEqual(await service.myTallies(colleague, now, 'Asia/Shanghai'), {
          ok: true,
          value: {
            today: { declarations: 1, people: 7 },
            thisMonth: { declarations: 1, people: 7 },
            allTime: { declarations: 1, people: 7 },
            pending: 0,
          },
        });
        assert.deepEqual(await service.myTallies(volunteer, now, 'Mars/Olympus'), { ok: false, error: 'request.invalid' });
      });

      it('leaves rejected entries out of the tallies, and pending ones out of the pending count once decided', async () => {
        const volunteer = await newActor('volunteer');
        clock = times.today;
        const value = await submitOk(volunteer, [
          { name: '明德', orgs: 'party', headcount: 2 },
          { name: '安宁', orgs: 'party', headcount: 5 },
          { name: '嘉佳', orgs: 'party', headcount: 1 },
        ]);
        const [published, rejected] = value.receipts;
        await ctx.services.moderation.approve(SYSTEM_ACTOR, [published!.registrationNumber]);
        await ctx.services.moderation.reject(SYSTEM_ACTOR, [rejected!.registrationNumber], 'duplicate');
        const tallies = await service.myTallies(volunteer, now, 'Asia/Shanghai');
        assert.deepEqual(tallies.ok && [tallies.value.allTime, tallies.value.pending], [{ declarations: 2, people: 3 }, 1]);
      });

      it('gives a center admin each member of the center, and a global admin every center', async () => {
        const volunteer = await newActor('volunteer', { name: '甲' });
        const colleague = await newActor('volunteer', { name: '乙', trusted: true });
        const idle = await newActor('volunteer', { name: '丙' });
        const elsewhere = await newActor('volunteer', { name: '丁', center: otherCenterId });
        const centerAdmin = await newActor('center_admin', { name: '戊' });
        await newActor('editor', { name: '己' });
        const admin = await newActor('admin', { name: '庚', center: null });
        await enterAt(volunteer, times.lastMonth, 2, '明德');
        await enterAt(volunteer, times.monthStart, 3, '安宁');
        await enterAt(colleague, times.today, 7, '光明');
        await enterAt(elsewhere, times.today, 9, '瑞祥');

        const tallies = await service.centerTallies(centerAdmin, now, 'Asia/Shanghai');
        assert.ok(tallies.ok);
        const view = (list: typeof tallies.value) =>
          Object.fromEntries(
            list.map((tally) => [
              tally.name,
              [tally.thisMonth.declarations, tally.thisMonth.people, tally.allTime.declarations, tally.allTime.people],
            ]),
          );
        assert.deepEqual(view(tallies.value), {
          甲: [1, 3, 2, 5],
          乙: [1, 7, 1, 7],
          丙: [0, 0, 0, 0],
          戊: [0, 0, 0, 0],
        });
        assert.equal(tallies.value.find((tally) => tally.name === '丙')?.staffId, idle.id);

        const everywhere = await service.centerTallies(admin, now, 'Asia/Shanghai');
        assert.ok(everywhere.ok);
        assert.deepEqual(view(everywhere.value), {
          甲: [1, 3, 2, 5],
          乙: [1, 7, 1, 7],
          丙: [0, 0, 0, 0],
          丁: [1, 9, 1, 9],
          戊: [0, 0, 0, 0],
          庚: [0, 0, 0, 0],
        });

        // A member who moved keeps the entries made for this center in its tallies.
        await staffRepository.update(db, volunteer.id, { centerId: otherCenterId });
        const afterMove = await service.centerTallies(centerAdmin, now, 'Asia/Shanghai');
        assert.deepEqual(afterMove.ok && view(afterMove.value).甲, [1, 3, 2, 5]);

        assert.deepEqual(await service.centerTallies(volunteer, now, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
      });
    });
  });
}
