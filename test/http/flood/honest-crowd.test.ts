import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spentChallengesRepository } from '../../../src/repositories/spent-challenges-repository.ts';
import { AddressKeys } from '../../../src/services/flood/address-keys.ts';
import { createAdmission } from '../../../src/services/flood/admission.ts';
import { createProofOfWork } from '../../../src/services/flood/proof-of-work.ts';
import { encodeChallenge } from '../../../src/http/public/declare/admission-answers.ts';
import { testEngines } from '../../helpers/databases.ts';
import { solve } from '../../helpers/proof-of-work.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/*
 * Many declarants share one address: a circumvention tool's exit, a proxy app, an onion service.
 * Thousands of honest submissions from one address, each with its proof of work, are all admitted
 * in the public class, under the production limits for the lower class; a flood without proofs
 * from that address is held to them. The challenges are made easy here (the difficulty is a
 * parameter) so that solving thousands takes the test seconds; everything else is the real door.
 */
const HONEST = 3000;

for (const engine of testEngines()) {
  describe(`thousands of honest submissions from one address (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine)));
    after(() => ctx.close());

    test(`${HONEST} proven submissions from one address are all admitted as public; unproven ones stop at the limit`, {
      timeout: 300_000,
    }, async () => {
      const pow = createProofOfWork({
        db: ctx.services.database.db,
        spent: spentChallengesRepository,
        signingKey: ctx.services.keys.submissionTokens,
        now: ctx.clock.now,
        difficulty: () => 16,
      });
      const limits = { unprovenPerAddress: 20, unprovenTotal: 600, receiptChecksPerAddress: 60 };
      const admission = createAdmission({ pow, addressKeys: new AddressKeys(ctx.clock.now), limits, now: ctx.clock.now });
      const exit = '198.51.100.7';
      let unproven = 0;
      for (let i = 0; i < 100; i++) if ((await admission.admit(exit, undefined)).ok) unproven++;
      assert.equal(unproven, limits.unprovenPerAddress, 'the lower class is held to its limit');

      const classes = new Map<string, number>();
      for (let i = 0; i < HONEST; i++) {
        const admitted = await admission.admit(exit, solve(encodeChallenge(await admission.issueChallenge())));
        const key = admitted.ok ? admitted.admission : 'refused';
        classes.set(key, (classes.get(key) ?? 0) + 1);
      }
      assert.deepEqual(Object.fromEntries(classes), { public: HONEST });
    });
  });
}
