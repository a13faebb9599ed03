import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { testEngines } from '../../../test/helpers/databases.ts';
import { CAMPAIGN_FORM, csvLines, mobile, outreachWithClock, staffActor, addCenter } from '../../../test/helpers/outreach.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import type { Actor } from '../../domain/staff/permissions.ts';
import type { StageResult } from './import-service.ts';

for (const engine of testEngines()) {
  describe(`outreach import (${engine})`, () => {
    let ctx: TestContext;
    let outreach: ReturnType<typeof outreachWithClock>['service'];
    let centerAdmin: Actor;
    let campaignId: number;

    before(async () => {
      ctx = await createTestContext(engine);
      outreach = outreachWithClock(ctx).service;
      const centerId = await addCenter(ctx, '台北中心');
      centerAdmin = await staffActor(ctx, 'center_admin', centerId);
      const created = await outreach.campaigns.create(centerAdmin, { ...CAMPAIGN_FORM, centerId: String(centerId) });
      assert.ok(created.ok);
      campaignId = created.value.id;
    });
    after(() => ctx.close());

    const db = () => ctx.services.database.db;
    const staged = (result: Awaited<ReturnType<typeof outreach.imports.stage>>): Extract<StageResult, { kind: 'staged' }>['summary'] => {
      assert.ok(result.ok, 'stage failed');
      assert.equal(result.value.kind, 'staged', JSON.stringify(result.value));
      return (result.value as Extract<StageResult, { kind: 'staged' }>).summary;
    };
    const contactCount = async () =>
      Number(
        (
          await db()
            .selectFrom('outreach_contacts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('normalises, refuses bad rows by line, leaves out duplicates and do-not-call numbers, seals at rest', async () => {
      assert.ok((await outreach.doNotCall.add(centerAdmin, '+86 137 0000 0001')).ok);
      const file = [
        '电话,姓名,职务,单位,地区,备注,颜色',
        '138 0013 8000,张三,科长,某县公安局,河北,"第一次联系\n要耐心",红',
        '+86 138-0013-8000,张三重复,,,,,',
        '0086 13900000002,<script>alert(1)</script>,,,,,',
        '12345,无效,,,,,',
        ',没有号码,,,,,',
        '13700000001,拒绝来电,,,,,',
        '+1 415 555 2671,Overseas,,,,,',
        `13900000003,${'长'.repeat(61)},,,,,`,
      ].join('\r\n');
      const summary = staged(await outreach.imports.stage(centerAdmin, campaignId, [Buffer.from(file)]));
      assert.deepEqual(
        {
          rows: summary.rows,
          accepted: summary.accepted,
          duplicates: summary.duplicates,
          doNotCall: summary.doNotCall,
          invalid: summary.invalid,
        },
        { rows: 8, accepted: 3, duplicates: 1, doNotCall: 1, invalid: 3 },
      );
      assert.deepEqual(
        summary.errors.map((error) => [error.line, error.code]),
        [
          [1, 'outreach.unknownColumn'],
          [6, 'outreach.phoneInvalid'],
          [7, 'outreach.phoneMissing'],
          [10, 'text.tooLong'],
        ],
      );
      assert.equal(summary.sample[0]!.maskedPhone, '+86 138****8000');
      assert.equal(summary.sample[0]!.notes, '第一次联系\n要耐心');
      assert.equal(summary.sample[1]!.name, '<script>alert(1)</script>', 'HTML is kept as text; pages escape it');
      assert.equal(summary.sample[2]!.timeZone, 'Asia/Shanghai', 'the campaign zone when the number names none');
      const rows = await db().selectFrom('outreach_contacts').selectAll().execute();
      const stored = JSON.stringify(rows);
      for (const secret of ['13800138000', '张三', '某县公安局', '河北', '4155552671'])
        assert.ok(!stored.includes(secret), `${secret} is in clear`);
      assert.ok(rows.every((row) => row.status === 'staged'));

      const committed = await outreach.imports.commit(centerAdmin, summary.importId);
      assert.ok(committed.ok && committed.value.status === 'committed');
      const again = await outreach.imports.commit(centerAdmin, summary.importId);
      assert.deepEqual(again, { ok: false, error: 'outreach.importFinished' });
      const open = await db().selectFrom('outreach_contacts').select('status').execute();
      assert.deepEqual(
        open.map((row) => row.status),
        ['open', 'open', 'open'],
      );

      // The same numbers again: all duplicates of the campaign's contacts.
      const repeat = staged(await outreach.imports.stage(centerAdmin, campaignId, [Buffer.from('phone\n13800138000\n13900000002\n')]));
      assert.equal(repeat.duplicates, 2);
      assert.equal(repeat.accepted, 0);
    });

    test('a file that cannot be read as a whole keeps nothing', async () => {
      const before = await contactCount();
      const cases: [string, Uint8Array | string, string][] = [
        [
          'GBK bytes',
          Buffer.concat([Buffer.from('电话,姓名\n13900000010,'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('\n')]),
          'csv.notUtf8',
        ],
        ['an unclosed quote', 'phone,name\n13900000011,"broken\n13900000012,ok\n', 'csv.malformed'],
        ['no phone column', 'name,region\n张三,河北\n', 'outreach.phoneColumnMissing'],
        ['a giant row', `phone,notes\n13900000013,${'x'.repeat(70_000)}\n`, 'outreach.lineTooLong'],
        ['nothing', '', 'csv.empty'],
        ['binary noise', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x10]), 'csv.notUtf8'],
      ];
      for (const [label, file, code] of cases) {
        const result = await outreach.imports.stage(centerAdmin, campaignId, [file]);
        assert.ok(result.ok, label);
        assert.equal(result.value.kind, 'unreadable', label);
        assert.equal((result.value as Extract<StageResult, { kind: 'unreadable' }>).problem.code, code, label);
        assert.equal(await contactCount(), before, `${label}: nothing kept`);
      }
      const discarded = await db().selectFrom('outreach_imports').select('status').where('status', '=', 'staged').execute();
      assert.equal(discarded.length, 0);
    });

    test('another center, a volunteer or a stranger cannot import', async () => {
      const otherCenter = await addCenter(ctx, '纽约中心');
      const stranger = await staffActor(ctx, 'center_admin', otherCenter);
      const volunteer = await staffActor(
        ctx,
        'volunteer',
        (await outreach.campaigns.overview(centerAdmin, campaignId)).ok ? centerAdmin.centerId : null,
      );
      const editor = await staffActor(ctx, 'editor', null);
      assert.deepEqual(await outreach.imports.stage(stranger, campaignId, ['phone\n13900000020\n']), {
        ok: false,
        error: 'request.notFound',
      });
      assert.deepEqual(await outreach.imports.stage(volunteer, campaignId, ['phone\n13900000020\n']), {
        ok: false,
        error: 'auth.forbidden',
      });
      assert.deepEqual(await outreach.imports.stage(editor, campaignId, ['phone\n13900000020\n']), { ok: false, error: 'auth.forbidden' });
    });

    test('100,000 rows stream through with bounded memory', async () => {
      const created = await outreach.campaigns.create(centerAdmin, {
        ...CAMPAIGN_FORM,
        name: '十万',
        centerId: String(centerAdmin.centerId),
      });
      assert.ok(created.ok);
      const total = 100_000;
      const rows = function* () {
        for (let i = 0; i < total; i++) yield `${mobile(1_000_000 + i)},志愿者${i % 97},科员,某单位${i % 13},湖南,`;
      };
      // What the import keeps, not the garbage it leaves for the collector: measured after a full collection.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const baseline = process.memoryUsage();
      let peakHeap = baseline.heapUsed;
      let peakRss = baseline.rss;
      const progress: number[] = [];
      const summary = staged(
        await outreach.imports.stage(
          centerAdmin,
          created.value.id,
          csvLines('phone,name,title,organisation,region,notes', rows()),
          (count) => {
            progress.push(count);
            gc();
            const usage = process.memoryUsage();
            peakHeap = Math.max(peakHeap, usage.heapUsed);
            peakRss = Math.max(peakRss, usage.rss);
          },
        ),
      );
      assert.equal(summary.accepted, total);
      assert.equal(progress.at(-1), total);
      assert.ok(progress.length >= 10);
      const heapGrowth = (peakHeap - baseline.heapUsed) / 2 ** 20;
      const rssGrowth = (peakRss - baseline.rss) / 2 ** 20;
      console.log(
        `# ${engine}: 100,000 rows, retained heap growth ${heapGrowth.toFixed(1)} MB, peak RSS growth ${rssGrowth.toFixed(1)} MB`,
      );
      // The file's text alone is ~7 MB and its sealed rows ~60 MB: what is kept must not grow with the file.
      assert.ok(heapGrowth < 16, `heap kept ${heapGrowth.toFixed(1)} MB`);
      const committed = await outreach.imports.commit(centerAdmin, summary.importId);
      assert.ok(committed.ok);
    });
  });
}
