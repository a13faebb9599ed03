import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  certificateText,
  formatCertificateNumber,
  newCertificateNumber,
  normalizeCertificateNumber,
  parseCertificateText,
} from './certificate.ts';

test('a new number is TD and 16 digits with a valid check digit, and survives how people copy it', () => {
  for (let i = 0; i < 200; i++) {
    const number = newCertificateNumber();
    assert.match(number, /^TD[1-9]\d{15}$/);
    assert.equal(normalizeCertificateNumber(number), number);
    assert.equal(normalizeCertificateNumber(formatCertificateNumber(number).toLowerCase()), number);
    assert.equal(normalizeCertificateNumber(number.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))), number);
  }
});

test('a mistyped digit, a missing prefix or a wrong length is refused', () => {
  const number = newCertificateNumber();
  const last = Number(number.at(-1));
  assert.equal(normalizeCertificateNumber(`${number.slice(0, -1)}${(last + 1) % 10}`), null);
  assert.equal(normalizeCertificateNumber(number.slice(2)), null);
  assert.equal(normalizeCertificateNumber(`${number}0`), null);
});

test('the signed text reads back exactly, and nothing else reads as one', () => {
  const facts = { number: newCertificateNumber(), name: '王 小明', orgs: ['party', 'pioneers'] as const, issuedOn: '2026-12-07' };
  const text = certificateText({ ...facts, orgs: [...facts.orgs] });
  assert.deepEqual(parseCertificateText(text), { ...facts, orgs: [...facts.orgs] });
  assert.equal(parseCertificateText(text.replace('party pioneers', 'pioneers party')), null);
  assert.equal(parseCertificateText(text.replace('issued 2026-12-07', 'issued today')), null);
  assert.equal(parseCertificateText(`${text}extra\n`), null);
});
