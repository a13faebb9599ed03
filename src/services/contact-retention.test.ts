import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createContactService } from './contact-service.ts';
import { declarationsRepository } from '../repositories/declarations/index.ts';
import { testEngines } from '../../test/helpers/databases.ts';
import { moderationFixture, type ModerationFixture } from '../../test/helpers/moderation-fixture.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

for (const engine of testEngines()) {
  describe(`contact retention (${engine})`, () => {
    let f: ModerationFixture;
    beforeEach(async () => {
      f = await moderationFixture(engine);
    });
    afterEach(() => f.ctx.close());

    test('a contact is erased the configured number of days after the decision, and not before', async () => {
      const { db, moderation, editor, admin } = f;
      const published = await f.declare({ contact: 'kept-until-decided@example.org' });
      const rejected = await f.declare({ contact: 'rejected@example.org' });
      await f.declare({ contact: 'still-pending@example.org' });
      const decidedAt = new Date();
      assert.ok((await moderation.approve(editor, [published.registrationNumber])).ok);
      const [reason] = await moderation.reasons();
      assert.ok((await moderation.reject(editor, [rejected.registrationNumber], reason!.id)).ok);

      let clock = new Date(decidedAt.getTime() + 7 * DAY_MS - 60_000);
      const contacts = createContactService({
        db,
        declarations: declarationsRepository,
        audit: f.audit,
        keys: f.ctx.services.keys,
        numbers: f.ctx.services.numbers,
        retentionDays: 7,
        now: () => clock,
      });
      const held = async () =>
        (await db.selectFrom('declarations').select(['registration_number', 'contact_sealed']).orderBy('id').execute()).map(
          (row) => row.contact_sealed !== null,
        );

      assert.equal(await contacts.purgeDue(), 0, 'a minute short of seven days');
      assert.deepEqual(await held(), [true, true, true]);
      assert.equal((await contacts.reveal(admin, published.registrationNumber, 'call back')).ok, true);

      clock = new Date(decidedAt.getTime() + 7 * DAY_MS + 60_000);
      assert.equal(await contacts.purgeDue(), 2);
      assert.deepEqual(await held(), [false, false, true], 'the pending declaration keeps its contact');
      assert.deepEqual(await contacts.reveal(admin, published.registrationNumber, 'call back'), { ok: true, value: null });
      assert.equal(await contacts.purgeDue(), 0, 'nothing left to erase');

      const [entry] = await f.audit.list(db, { action: 'contacts.purged', limit: 5 });
      assert.equal(entry?.details.count, 2);
      assert.equal(entry?.details.retentionDays, 7);
      assert.equal((await f.audit.verify(db)).brokenAt, null);
    });
  });
}
