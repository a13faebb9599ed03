import type { DeclarationStatus } from '../../../domain/declaration/status.ts';
import { formatQueryPassword } from '../../../domain/declaration/query-password.ts';
import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { catalogFor, type Locale } from '../../../i18n/index.ts';
import type { ShownReceipt } from '../../../services/declaration-service.ts';
import { DeclaredFacts, ReceiptPage } from './views/receipt-page.tsx';

const NUMBER_SLOT = '\u0000number\u0000';
const PASSWORD_SLOT = '\u0000password\u0000';
const DECLARED_SLOT = '\u0000declared\u0000';
/** What a formatted number or password can hold: inserted as is, it must need no escaping. */
const RECEIPT_TEXT = /^[0-9A-Z -]+$/;

/** The page around its two slots, as UTF-8: a submission only copies bytes, and encodes nothing but its receipt. */
type Template = readonly [head: Buffer, middle: Buffer, beforeDeclared: Buffer, tail: Buffer];
const templates = new Map<string, Template>();

function splitAtSlot(html: string, slot: string): [string, string] {
  const at = html.indexOf(slot);
  if (at < 0 || html.indexOf(slot, at + 1) >= 0) throw new Error(`the receipt page must show ${JSON.stringify(slot)} exactly once`);
  return [html.slice(0, at), html.slice(at + slot.length)];
}

/** The page in one language for one status, rendered once, with the number and the password left out. */
function templateFor(locale: Locale, status: DeclarationStatus): Template {
  const key = `${locale}:${status}`;
  let template = templates.get(key);
  if (!template) {
    const page = (
      <ReceiptPage
        locale={locale}
        t={catalogFor(locale)}
        status={status}
        number={NUMBER_SLOT}
        password={PASSWORD_SLOT}
        declared={DECLARED_SLOT}
      />
    );
    const [head, rest] = splitAtSlot(`<!doctype html>${page.toString()}`, NUMBER_SLOT);
    const [middle, afterPassword] = splitAtSlot(rest, PASSWORD_SLOT);
    const [beforeDeclared, tail] = splitAtSlot(afterPassword, DECLARED_SLOT);
    template = [Buffer.from(head), Buffer.from(middle), Buffer.from(beforeDeclared), Buffer.from(tail)];
    templates.set(key, template);
  }
  return template;
}

/**
 * The receipt page a successful form submission answers with, in UTF-8.
 * Every submission gets the same page but for its number, password and what was declared, so the
 * page is rendered once per language and the three are put in its slots (the last escaped by JSX).
 */
export function receiptPageBytes(locale: Locale, receipt: ShownReceipt): Buffer<ArrayBuffer> {
  const number = formatRegistrationNumber(receipt.registrationNumber);
  const password = formatQueryPassword(receipt.queryPassword);
  if (!RECEIPT_TEXT.test(number) || !RECEIPT_TEXT.test(password))
    throw new Error('a receipt holds only digits, capitals, spaces and hyphens');
  const [head, middle, beforeDeclared, tail] = templateFor(locale, receipt.status);
  const declared = receipt.declared ? (<DeclaredFacts t={catalogFor(locale)} declared={receipt.declared} />).toString() : '';
  return Buffer.concat([
    head,
    Buffer.from(number, 'latin1'),
    middle,
    Buffer.from(password, 'latin1'),
    beforeDeclared,
    Buffer.from(declared),
    tail,
  ]);
}
