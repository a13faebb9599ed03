import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsvRows } from '../../domain/batch/csv-rows.ts';
import { SYSTEM_ACTOR } from '../../domain/staff/permissions.ts';
import { batchesRepository } from '../../repositories/batches-repository.ts';
import { declarationsRepository } from '../../repositories/declarations/index.ts';
import { testEngines } from '../../../test/helpers/databases.ts';

import { batchEntryHarness, batchOf, START } from '../../../test/helpers/batch-entry.ts';

for (const engine of testEngines()) {
  describe(`batch entry (${engine})`, () => {
    const h = batchEntryHarness(engine);
    const { newActor, count, submitOk } = h;

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

      const rows = await h.db.selectFrom('declarations').selectAll().orderBy('id').execute();
      assert.equal(rows.length, 2);
      for (const row of rows) {
        assert.equal(row.status, 'published');
        assert.equal(row.admission, 'trusted');
        assert.notEqual(row.published_at, null);
        assert.equal(row.entered_by, volunteer.id);
        assert.equal(row.center_id, h.centerId);
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
      const events = await declarationsRepository.listEvents(h.db, rows[0]!.id);
      assert.deepEqual(
        events.map((event) => [event.kind, event.actor]),
        [
          ['submitted', `staff:${volunteer.id} ${volunteer.email}`],
          ['published', `staff:${volunteer.id} ${volunteer.email}`],
        ],
      );

      const first = value.receipts[0]!;
      const status = await h.ctx.services.declarations.lookup(first.registrationNumber, first.queryPassword);
      assert.equal(status.ok && status.value.status, 'published');
      assert.notEqual(await h.ctx.services.declarations.getPublished(first.registrationNumber), null);

      const batch = await batchesRepository.findById(h.db, value.batchId);
      assert.deepEqual(batch && [batch.staffId, batch.centerId, batch.channel, batch.conversationDate, batch.consent, batch.note], [
        volunteer.id,
        h.centerId,
        'phone',
        '2025-05-20',
        'confirmed',
        null,
      ]);

      const [entry] = await h.audit.list(h.db, { action: 'batch.entered', limit: 10 });
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
      const log = JSON.stringify(await h.db.selectFrom('audit_log').selectAll().execute());
      assert.doesNotMatch(log, /明德|Li Wei/, 'no names in the audit log');
      assert.equal((await h.audit.verify(h.db)).brokenAt, null);
    });

    it('leaves an untrusted volunteer’s batch pending for an editor', async () => {
      const volunteer = await newActor('volunteer');
      const value = await submitOk(volunteer, [{ name: '安宁', orgs: '团队' }]);
      assert.equal(value.status, 'pending');
      assert.equal(value.receipts[0]?.status, 'pending');
      const row = await h.db.selectFrom('declarations').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'pending');
      assert.equal(row.admission, 'volunteer');
      assert.equal(row.published_at, null);
      assert.deepEqual(
        (await declarationsRepository.listEvents(h.db, row.id)).map((event) => event.kind),
        ['submitted'],
      );
      const receipt = value.receipts[0]!;
      const status = await h.ctx.services.declarations.lookup(receipt.registrationNumber, receipt.queryPassword);
      assert.equal(status.ok && status.value.status, 'pending');
      assert.equal(await h.ctx.services.declarations.getPublished(receipt.registrationNumber), null);
      assert.equal((await h.audit.list(h.db, { action: 'batch.entered', limit: 1 }))[0]?.details.published, false);
    });

    it('lets a global admin enter and publish without a center', async () => {
      const admin = await newActor('admin', { center: null });
      const value = await submitOk(admin, [{ name: '嘉佳', orgs: 'party' }]);
      assert.equal(value.status, 'published');
      const row = await h.db.selectFrom('declarations').select(['center_id', 'admission']).executeTakeFirstOrThrow();
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
      const checked = await h.service.checkDuplicates(volunteer, batchOf(rows));
      assert.deepEqual(checked, {
        ok: true,
        value: [
          { row: 3, inBatch: 1, recent: 0 },
          { row: 5, inBatch: 2, recent: 0 },
          { row: 6, inBatch: 1, recent: 0 },
        ],
      });

      const refused = await h.service.submitBatch(volunteer, batchOf(rows), { acknowledgeDuplicates: false });
      assert.equal(refused.ok, false);
      assert.deepEqual(!refused.ok && refused.duplicates, checked.ok && checked.value);
      assert.equal(await count('declarations'), 0);
      assert.equal(await count('batches'), 0);
      assert.equal(await count('audit_log'), 0);

      const accepted = await submitOk(volunteer, rows, true);
      assert.equal(accepted.declarations, 6);
      assert.equal((await h.audit.list(h.db, { action: 'batch.entered', limit: 1 }))[0]?.details.duplicatesAcknowledged, 3);
    });

    it('warns of entries with the same alias and region in the last 30 days, by anyone', async () => {
      const first = await newActor('volunteer');
      const second = await newActor('volunteer', { center: h.otherCenterId });
      await submitOk(first, [
        { name: '王五', orgs: 'party', region: '北京' },
        { name: '赵六', orgs: 'party' },
      ]);
      h.clock = new Date(START.getTime() + 10 * 24 * 60 * 60 * 1000);
      const rows = [
        { name: '王五', orgs: 'league', region: '北京' },
        { name: '王五', orgs: 'league', region: '上海' },
        { name: '趙六', orgs: 'league' },
        { name: '钱七', orgs: 'league' },
      ];
      const checked = await h.service.checkDuplicates(second, batchOf(rows));
      assert.deepEqual(checked.ok && checked.value, [
        { row: 1, inBatch: null, recent: 1 },
        { row: 3, inBatch: null, recent: 1 },
      ]);
      const refused = await h.service.submitBatch(second, batchOf(rows), { acknowledgeDuplicates: false });
      assert.deepEqual(!refused.ok && [refused.error, refused.duplicates?.map((warning) => warning.row)], ['batch.duplicates', [1, 3]]);
      assert.equal(await count('declarations'), 2, 'nothing written');
      assert.equal(await count('batches'), 1);

      await submitOk(second, rows, true);
      assert.equal(await count('declarations'), 6);

      // Thirty-one days after the first batch, only the second one (day 10) is recent.
      h.clock = new Date(START.getTime() + 31 * 24 * 60 * 60 * 1000);
      const later = await h.service.checkDuplicates(
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
      await h.ctx.services.moderation.reject(SYSTEM_ACTOR, [value.receipts[0]!.registrationNumber], 'duplicate');
      const checked = await h.service.checkDuplicates(volunteer, batchOf([{ name: '孙八', orgs: 'party' }]));
      assert.deepEqual(checked, { ok: true, value: [] });
    });

    it('writes nothing when one row is invalid, and says which row and field', async () => {
      const volunteer = await newActor('volunteer', { trusted: true });
      const outcome = await h.service.submitBatch(
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
      const outcome = await h.service.submitBatch(
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

    it('forbids an editor and an auditor from entering, and an editor from the tallies', async () => {
      for (const role of ['editor', 'auditor'] as const) {
        const actor = await newActor(role);
        assert.deepEqual(await h.service.submitBatch(actor, batchOf([{ name: '周九', orgs: 'party' }]), { acknowledgeDuplicates: true }), {
          ok: false,
          error: 'auth.forbidden',
        });
        assert.deepEqual(await h.service.checkDuplicates(actor, batchOf([{ name: '周九', orgs: 'party' }])), {
          ok: false,
          error: 'auth.forbidden',
        });
      }
      const editor = await newActor('editor');
      assert.deepEqual(await h.service.myTallies(editor, h.clock, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await h.service.centerTallies(editor, h.clock, 'Asia/Shanghai'), { ok: false, error: 'auth.forbidden' });
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
  });
}
