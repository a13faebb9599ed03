import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { receiptWork } from '../../../src/domain/declaration/query-password.ts';
import { RegistrationNumberCodec } from '../../../src/domain/declaration/registration-number.ts';
import { testEngines } from '../../helpers/databases.ts';
import { from } from '../../helpers/proof-of-work.ts';
import { submitDeclaration } from '../../helpers/requests.ts';
import { createTestContext, type TestContext } from '../../helpers/test-context.ts';

/*
 * Receipts (docs/security.md, "Receipts"): checking one does the same work whether the number
 * exists or not, so its time tells nothing; the test counts the work (the keyed hash and its
 * comparison) instead of timing it, which would be flaky. And checks are limited per address.
 */
const CHECKS_PER_ADDRESS = 4;

for (const engine of testEngines()) {
  describe(`receipts in constant work, and limited per address (${engine})`, () => {
    let ctx: TestContext;
    before(async () => (ctx = await createTestContext(engine, { TUIDANG_RECEIPT_CHECKS_PER_ADDRESS: String(CHECKS_PER_ADDRESS) })));
    after(() => ctx.close());

    test('an unknown number and a known number with a wrong password cost the same hashing', async () => {
      const { registrationNumber, queryPassword } = await submitDeclaration(ctx);
      const wrong = queryPassword.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      // A well-formed number (its check digit right) that was never issued: the serial is far ahead.
      const unknown = new RegistrationNumberCodec(ctx.services.keys.numbers).encode(9_000_000);
      const hashing = mock.method(receiptWork, 'hash');
      try {
        const work = async (number: string, password: string) => {
          const before = hashing.mock.callCount();
          const result = await ctx.services.declarations.lookup(number, password);
          return { ok: result.ok, hashes: hashing.mock.callCount() - before };
        };
        const known = await work(registrationNumber, wrong);
        const missing = await work(unknown, queryPassword);
        assert.deepEqual(known, { ok: false, hashes: 1 });
        assert.deepEqual(missing, { ok: false, hashes: 1 }, 'the unknown number is hashed and compared too');
        assert.deepEqual(await work(registrationNumber, queryPassword), { ok: true, hashes: 1 });
      } finally {
        hashing.mock.restore();
      }
    });

    test('checks from one address are limited, page and API alike; another address is not affected', async () => {
      const address = '10.9.0.1';
      const body = JSON.stringify({ registrationNumber: '4929123456789012', queryPassword: 'A'.repeat(20) });
      const check = (who: string) =>
        ctx.app.request('/api/v1/receipts/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body }, from(who));
      for (let i = 0; i < CHECKS_PER_ADDRESS; i++) assert.equal((await check(address)).status, 404);
      const refused = await check(address);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'receipt.rateLimited');
      const page = await ctx.app.request(
        '/zh-hant/receipt',
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'registrationNumber=1&queryPassword=2' },
        from(address),
      );
      assert.equal(page.status, 429);
      assert.match(await page.text(), /從您所在的網路查詢得太多了/);
      assert.equal((await check('10.9.0.2')).status, 404);
      ctx.clock.advance(10 * 60 * 1000);
      assert.equal((await check(address)).status, 404, 'the allowance comes back with the window');
    });

    test('a page lookup counts once, and the certificate pages, which also check a receipt, share the allowance', async () => {
      const address = '10.9.0.3';
      const form = (path: string) =>
        ctx.app.request(
          path,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'registrationNumber=1&queryPassword=2',
          },
          from(address),
        );
      for (let i = 0; i < CHECKS_PER_ADDRESS / 2; i++) assert.equal((await form('/en/receipt')).status, 422);
      assert.equal((await form('/en/certificates/request')).status, 422);
      assert.equal((await form('/en/certificates/view')).status, 422);
      assert.equal((await form('/en/certificates/request')).status, 429);
      assert.equal((await form('/en/receipt')).status, 429);
    });
  });
}
