import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dsnStatuses, isFaxDocument, isPermanentFailure, looksLikeFax, mailSourceRef } from './inbound-mail-rules.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n');
const TIFF_LE = Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
const TIFF_BE = Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);

describe('received mail', () => {
  test('PDF and TIFF pages are fax documents, found by their bytes', () => {
    assert.ok(isFaxDocument(PDF));
    assert.ok(isFaxDocument(TIFF_LE));
    assert.ok(isFaxDocument(TIFF_BE));
    assert.ok(!isFaxDocument(PNG));
  });

  test('a fax: from a listed gateway (or its subdomain), or nothing but PDF/TIFF pages', () => {
    const gateways = ['faxgate.example'];
    assert.ok(looksLikeFax({ senderDomain: 'mx.FaxGate.example', text: 'You have a fax', attachments: [PNG] }, gateways));
    assert.ok(looksLikeFax({ senderDomain: 'example.org', text: '  \n', attachments: [PDF, TIFF_LE] }, gateways));
    assert.ok(!looksLikeFax({ senderDomain: 'example.org', text: 'Names attached', attachments: [PDF] }, gateways));
    assert.ok(!looksLikeFax({ senderDomain: 'example.org', text: '', attachments: [PDF, PNG] }, gateways));
    assert.ok(!looksLikeFax({ senderDomain: 'notfaxgate.example', text: '', attachments: [] }, gateways));
  });

  test('a delivery status notification is permanent when a status is 5.x.x', () => {
    const report = 'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n';
    assert.deepEqual(dsnStatuses(report), ['5.1.1']);
    assert.ok(isPermanentFailure(dsnStatuses(report)));
    assert.ok(!isPermanentFailure(dsnStatuses('Action: delayed\nStatus: 4.4.7\n')));
    assert.ok(!isPermanentFailure([]));
  });

  test('the source reference is a digest of the Message-ID (any case), else of the bytes', () => {
    const raw = new TextEncoder().encode('Subject: x\r\n\r\nbody');
    assert.equal(mailSourceRef('<A@Example.org>', raw), mailSourceRef('<a@example.org>', new Uint8Array()));
    assert.match(mailSourceRef('<a@example.org>', raw), /^mid:[A-Za-z0-9_-]{43}$/);
    assert.doesNotMatch(mailSourceRef('<a@example.org>', raw), /example/);
    assert.equal(mailSourceRef(null, raw), mailSourceRef('', raw));
    assert.match(mailSourceRef(undefined, raw), /^raw:/);
  });
});
