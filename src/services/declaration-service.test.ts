import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/helpers/databases.ts';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { createIntakeWriter } from '../intake/writer/create-intake-writer.ts';
import type { IntakeWriter } from '../intake/writer/intake-writer.ts';
import { createLogger } from '../logging/logger.ts';
import type { DeclarationInput } from '../domain/declaration/declaration-input.ts';
import { declarationsRepository } from '../repositories/declarations/index.ts';
import { moderationRepository } from '../repositories/moderation/moderation-repository.ts';
import { submissionReceiptsRepository } from '../repositories/submission-receipts-repository.ts';
import { createDeclarationService, type ShownReceipt } from './declaration-service.ts';
import { PublicChanges } from './fast-lane/public-changes.ts';

const input = (name: string): DeclarationInput => ({
  names: [name],
  headcount: 1,
  orgs: ['league'],
  title: undefined,
  region: undefined,
  statement: undefined,
  behalf: 'self',
  consent: false,
  contact: undefined,
});

/** The receipt a reference's page shows, without what was declared (which the page tests check). */
async function shownReceipt(service: { takeReceipt(ref: string): Promise<ShownReceipt | null> }, ref: string) {
  const shown = await service.takeReceipt(ref);
  if (!shown) return null;
  const { declared: _declared, ...receipt } = shown;
  return receipt;
}

for (const engine of testEngines()) {
  describe(`declaration intake when the writer stops after committing (${engine})`, () => {
    let ctx: TestContext;
    let realWriter: IntakeWriter;
    before(async () => {
      ctx = await createTestContext(engine);
      realWriter = createIntakeWriter(ctx.config.databaseUrl, ctx.services.database.db, createLogger('silent'));
    });
    after(async () => {
      await realWriter.close();
      await ctx.close();
    });

    it('a batch committed but not answered is recognised on retry: no second copy, every receipt works', async () => {
      let failedOnce = false;
      // Commits the first batch, then reports failure, as a writer thread that died before answering.
      const writer: IntakeWriter = {
        async write(rows) {
          const ids = await realWriter.write(rows);
          if (!failedOnce && rows.length > 1) {
            failedOnce = true;
            throw new Error('the intake writer stopped');
          }
          return ids;
        },
        reserveSerials: (count) => realWriter.reserveSerials(count),
        takeReceipt: (heldId, refHash, at) => realWriter.takeReceipt(heldId, refHash, at),
        ready: async () => {},
        close: async () => {},
      };
      const service = createDeclarationService({
        db: ctx.services.database.db,
        writer,
        publicChanges: new PublicChanges(),
        declarations: declarationsRepository,
        reasons: moderationRepository,
        heldReceipts: submissionReceiptsRepository,
        keys: ctx.services.keys,
        numbers: ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
      });
      const count = async () =>
        Number(
          (
            await ctx.services.database.db
              .selectFrom('declarations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const receipts = await Promise.all(
        ['王明华', '李平安', '张自由'].map((name) => service.submit(input(name), { channel: 'api', locale: 'zh-hans' })),
      );
      assert.ok(failedOnce, 'the first batch failed after its commit');
      assert.equal(await count(), before + 3, 'each submission is stored once');
      for (const receipt of receipts) {
        const status = await service.lookup(receipt.registrationNumber, receipt.queryPassword);
        assert.ok(status.ok, `the receipt ${receipt.registrationNumber} works`);
      }
      await service.close();
    });

    it('a batch with tokens committed but not answered: on retry each gets its own receipt, none filed twice', async () => {
      let failedOnce = false;
      const writer: IntakeWriter = {
        async write(rows) {
          const ids = await realWriter.write(rows);
          if (!failedOnce && rows.length > 1) {
            failedOnce = true;
            throw new Error('the intake writer stopped');
          }
          return ids;
        },
        reserveSerials: (count) => realWriter.reserveSerials(count),
        takeReceipt: (heldId, refHash, at) => realWriter.takeReceipt(heldId, refHash, at),
        ready: async () => {},
        close: async () => {},
      };
      const service = createDeclarationService({
        db: ctx.services.database.db,
        writer,
        publicChanges: new PublicChanges(),
        declarations: declarationsRepository,
        heldReceipts: submissionReceiptsRepository,
        reasons: moderationRepository,
        keys: ctx.services.keys,
        numbers: ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
      });
      const count = async () =>
        Number(
          (
            await ctx.services.database.db
              .selectFrom('declarations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const names = ['周正', '吴安', '郑和平'];
      const forms = await Promise.all(names.map((name, i) => service.submitForm(input(name), 'en', `mibzc5xkretrytoken${i}0123456789ab`)));
      assert.ok(failedOnce, 'the first batch failed after its commit');
      assert.equal(await count(), before + 3, 'each submission is stored once');
      assert.equal(new Set(forms.map((form) => form.receipt.registrationNumber)).size, 3);
      for (const form of forms) {
        assert.deepEqual(await shownReceipt(service, form.ref), form.receipt, 'its page shows its own receipt');
        assert.ok((await service.lookup(form.receipt.registrationNumber, form.receipt.queryPassword)).ok);
      }
      await service.drain();
    });
  });

  describe(`held receipts (${engine})`, () => {
    let ctx: TestContext;
    let realWriter: IntakeWriter;
    before(async () => {
      ctx = await createTestContext(engine);
      realWriter = createIntakeWriter(ctx.config.databaseUrl, ctx.services.database.db, createLogger('silent'));
    });
    after(async () => {
      await realWriter.close();
      await ctx.close();
    });

    it('held receipts expire: an old reference shows nothing, an old token files anew, and expired rows are purged', async () => {
      let clock = new Date('2026-12-01T08:00:00Z');
      const service = createDeclarationService({
        db: ctx.services.database.db,
        writer: realWriter,
        publicChanges: new PublicChanges(),
        declarations: declarationsRepository,
        heldReceipts: submissionReceiptsRepository,
        reasons: moderationRepository,
        keys: ctx.services.keys,
        numbers: ctx.services.numbers,
        timeZone: 'Asia/Shanghai',
        now: () => clock,
      });
      const token = 'mibzc5xkexpirytoken0123456789a';
      const first = await service.submitForm(input('王明华'), 'zh-hans', token);
      const unseen = await service.submitForm(input('李平安'), 'zh-hans', null);
      const repeat = await service.submitForm(input('王明华'), 'zh-hans', token);
      assert.equal(repeat.receipt.registrationNumber, first.receipt.registrationNumber, 'within the hour, a repeat is the first');
      assert.deepEqual(await shownReceipt(service, first.ref), first.receipt);
      assert.equal(await service.takeReceipt(first.ref), null, 'once');

      clock = new Date(clock.getTime() + 61 * 60 * 1000);
      assert.equal(await service.takeReceipt(unseen.ref), null, 'an expired reference shows nothing');
      const later = await service.submitForm(input('王明华'), 'zh-hans', token);
      assert.notEqual(later.receipt.registrationNumber, first.receipt.registrationNumber, 'an expired token is a new submission');
      const expired = await ctx.services.database.db
        .selectFrom('submission_receipts')
        .select('id')
        .where('expires_at', '<=', clock.toISOString())
        .execute();
      assert.deepEqual(expired, [], 'the intake transaction purged what expired');
      await service.drain();
    });
  });
}
