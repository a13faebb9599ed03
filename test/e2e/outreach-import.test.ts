import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCliInProcess } from '../helpers/cli.ts';
import { testEngines } from '../helpers/databases.ts';
import { CAMPAIGN_FORM, addCenter, mobile, staffActor } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

for (const engine of testEngines()) {
  describe(`tuidang outreach import (${engine})`, () => {
    let ctx: TestContext;
    let env: Record<string, string>;
    let campaignId: number;

    before(async () => {
      ctx = await createTestContext(engine);
      env = { TUIDANG_DATA_DIR: ctx.dir, DATABASE_URL: ctx.config.databaseUrl };
      const centerId = await addCenter(ctx, '多伦多中心');
      const admin = await staffActor(ctx, 'center_admin', centerId);
      const created = await ctx.services.outreach.campaigns.create(admin, { ...CAMPAIGN_FORM, centerId: String(centerId) });
      assert.ok(created.ok);
      campaignId = created.value.id;
    });
    after(() => ctx.close());

    const contacts = async () =>
      (await ctx.services.database.db.selectFrom('outreach_contacts').select('status').execute()).map((row) => row.status);

    test('imports a file with progress and per-line errors, audited as cli', async () => {
      const file = join(ctx.dir, 'list.csv');
      const rows = Array.from({ length: 25_000 }, (_, i) => `${mobile(i)},联系人${i}`);
      writeFileSync(file, `\uFEFF电话,姓名\n${rows.join('\n')}\n12345,坏号码\n${mobile(0)},重复\n`);
      const dry = await runCliInProcess(['outreach', 'import', '--campaign', String(campaignId), '--dry-run', file], env);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /dry run: nothing kept/);
      assert.equal((await contacts()).length, 0);

      const result = await runCliInProcess(['outreach', 'import', '--campaign', String(campaignId), file], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /read 10000 rows\n.*read 20000 rows/s);
      assert.match(result.stderr, /line 25002: Not a valid phone number/);
      assert.match(result.stdout, /25002 rows: 25000 contacts, 1 duplicates, 0 on the do-not-call list, 1 refused/);
      assert.match(result.stdout, /imported 25000 contacts/);
      const statuses = await contacts();
      assert.equal(statuses.length, 25_000);
      assert.ok(statuses.every((status) => status === 'open'));
      const audit = await ctx.services.database.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('action', 'like', 'outreach.import.%')
        .execute();
      assert.deepEqual(
        audit.map((entry) => `${entry.actor} ${entry.action}`),
        ['cli outreach.import.staged', 'cli outreach.import.discarded', 'cli outreach.import.staged', 'cli outreach.import.committed'],
      );
    });

    test('refuses what it cannot import, keeping nothing', async () => {
      const before = (await contacts()).length;
      const latin1 = join(ctx.dir, 'latin1.csv');
      writeFileSync(latin1, Buffer.concat([Buffer.from('phone,name\n13900000001,'), Buffer.from([0xe9, 0xe8]), Buffer.from('\n')]));
      const encoding = await runCliInProcess(['outreach', 'import', '--campaign', String(campaignId), latin1], env);
      assert.equal(encoding.code, 1);
      assert.match(encoding.stderr, /not imported: line \d+: The file is not UTF-8/);
      const missing = await runCliInProcess(['outreach', 'import', '--campaign', '999999', latin1], env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /not imported: /);
      const noFile = await runCliInProcess(['outreach', 'import', '--campaign', String(campaignId), join(ctx.dir, 'absent.csv')], env);
      assert.equal(noFile.code, 1);
      assert.match(noFile.stderr, /cannot read/);
      const usage = await runCliInProcess(['outreach', 'import', latin1], env);
      assert.equal(usage.code, 2);
      assert.equal((await contacts()).length, before);
    });
  });
}
