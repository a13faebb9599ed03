import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInboxSettings, type InboxSettingsForm } from './inbox-settings-input.ts';

const FORM: InboxSettingsForm = {
  address: ' NewYork ',
  imapHost: '',
  imapPort: '',
  imapTls: true,
  imapUser: '',
  imapPassword: '',
  imapFolder: '',
};

describe('a center’s inbox settings form', () => {
  test('an empty server means no mailbox, whatever the other IMAP fields say', () => {
    assert.deepEqual(parseInboxSettings({ ...FORM, imapUser: 'ignored', imapPort: 'x' }, 3, false), {
      ok: true,
      input: { addressLocal: 'newyork', imap: null },
    });
  });

  test('a mailbox: the port defaults by TLS, the folder to INBOX, a blank password keeps the stored one', () => {
    const mailbox = { ...FORM, imapHost: 'IMAP.Example.org', imapUser: 'ny@example.org', imapPassword: 'pw' };
    assert.deepEqual(parseInboxSettings(mailbox, 3, false), {
      ok: true,
      input: {
        addressLocal: 'newyork',
        imap: { host: 'imap.example.org', port: 993, tls: true, user: 'ny@example.org', password: 'pw', folder: 'INBOX' },
      },
    });
    const plain = parseInboxSettings({ ...mailbox, imapTls: false, imapPassword: '', imapFolder: 'Faxes' }, 3, true);
    assert.ok(plain.ok);
    assert.deepEqual(plain.input.imap, {
      host: 'imap.example.org',
      port: 143,
      tls: false,
      user: 'ny@example.org',
      password: null,
      folder: 'Faxes',
    });
  });

  test('every problem is reported at once, by field, as an error code', () => {
    const result = parseInboxSettings({ ...FORM, address: 'center-9', imapHost: 'not a host', imapPort: '70000', imapUser: '' }, 3, false);
    assert.deepEqual(result, {
      ok: false,
      errors: {
        address: 'channels.addressReserved',
        imapHost: 'channels.imapHostInvalid',
        imapPort: 'channels.imapPortInvalid',
        imapUser: 'text.required',
        imapPassword: 'text.required',
      },
    });
    const hostile = parseInboxSettings(
      { ...FORM, imapHost: 'imap.example.org', imapUser: 'a\u202Eb', imapPassword: 'x\ny', imapFolder: 'INBOX\u0000' },
      3,
      false,
    );
    assert.deepEqual(hostile, {
      ok: false,
      errors: { imapUser: 'text.invalid', imapPassword: 'text.invalid', imapFolder: 'text.invalid' },
    });
  });
});
