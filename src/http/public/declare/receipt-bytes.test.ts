import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { describe, it } from 'node:test';
import { formatQueryPassword } from '../../../domain/declaration/query-password.ts';
import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { catalogFor, LOCALES } from '../../../i18n/index.ts';
import { DeclaredFacts, ReceiptPage } from './views/receipt-page.tsx';
import { receiptPageBytes } from './receipt-bytes.tsx';

const declared = { names: ['王芳', '<b>Li</b>'], orgs: ['league' as const, 'pioneers' as const], headcount: 3 };
const receipt = { registrationNumber: '4111111111111111', queryPassword: 'ABCDEFGHJKMNPQRSTVWX', status: 'pending' as const, declared };

describe('receipt page bytes', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the page rendered with this receipt, as UTF-8`, () => {
      const bytes = receiptPageBytes(locale, receipt);
      assert.ok(isUtf8(bytes));
      const number = formatRegistrationNumber(receipt.registrationNumber);
      const password = formatQueryPassword(receipt.queryPassword);
      const t = catalogFor(locale);
      const facts = DeclaredFacts({ t, declared });
      const rendered = ReceiptPage({ locale, t, status: 'pending', number, password, declared: facts });
      assert.equal(bytes.toString('utf8'), `<!doctype html>${rendered.toString()}`);
    });
  }

  it('says what was declared, escaped, and leaves it out when the row is gone', () => {
    const html = receiptPageBytes('zh-hans', receipt).toString('utf8');
    assert.match(html, /王芳、&lt;b&gt;Li&lt;\/b&gt;/);
    assert.match(html, /共青团、少先队/);
    assert.match(html, /3 人/);
    assert.doesNotMatch(receiptPageBytes('zh-hans', { ...receipt, declared: null }).toString('utf8'), /id="declared"/);
  });

  it('two receipts share the page but not their slots', () => {
    const other = { ...receipt, registrationNumber: '5500000000000004', queryPassword: 'ZYXWVTSRQPNMKJHGFEDC' };
    const first = receiptPageBytes('zh-hans', receipt).toString('utf8');
    const second = receiptPageBytes('zh-hans', other).toString('utf8');
    assert.ok(first.includes('4111 1111 1111 1111') && !first.includes('5500 0000 0000 0004'));
    assert.ok(second.includes('5500 0000 0000 0004') && second.includes('ZYXW-VTSR-QPNM-KJHG-FEDC'));
  });

  it('refuses a receipt that would need escaping', () => {
    assert.throws(() => receiptPageBytes('en', { ...receipt, queryPassword: '<script>' }));
  });
});
