import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import hoodiecrow from 'hoodiecrow-imap';
import { ImapFlow } from 'imapflow';
import { createImapPoller } from '../../src/jobs/imap-poller.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { itemsOf } from '../helpers/channels.ts';
import { testEngines } from '../helpers/databases.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

const MESSAGES = [
  {
    // The server keeps messages as text of single bytes: 8-bit content goes in base64, as most mail does.
    raw: [
      'From: Wang Wu <wang.wu@example.net>',
      `Subject: =?UTF-8?B?${Buffer.from('退党').toString('base64')}?=`,
      'Message-ID: <imap-1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('王五 退党\r\n').toString('base64'),
      '',
    ].join('\r\n'),
  },
  {
    raw: [
      'From: fax@example.net',
      'Subject: Fax',
      'Message-ID: <imap-2@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: application/pdf; name="fax.pdf"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="fax.pdf"',
      '',
      PDF_BASE64,
      '--b--',
      '',
    ].join('\r\n'),
  },
  { raw: 'From: old@example.net\r\nSubject: read already\r\nMessage-ID: <imap-3@example.net>\r\n\r\nold\r\n', flags: ['\\Seen'] },
];

/**
 * The poller against a real IMAP server in this process: hoodiecrow-imap, a scriptable in-memory
 * IMAP4rev1 server by imapflow's author, spoken to over loopback by imapflow itself.
 */
for (const engine of testEngines()) {
  describe(`the IMAP poller (${engine})`, () => {
    let ctx: TestContext;
    let centerId: number;
    let server: ReturnType<typeof hoodiecrow>;
    let port: number;

    const poller = () =>
      createImapPoller({
        settings: ctx.services.channels.settings,
        intake: ctx.services.channels.intake,
        logger: createLogger('debug', { write: (line: string) => void ctx.logs.push(line) }),
      });
    const configure = (password: string) =>
      ctx.services.channels.settings.update(SYSTEM_ACTOR, centerId, {
        address: 'newyork',
        imapHost: '127.0.0.1',
        imapPort: String(port),
        imapTls: false,
        imapUser: 'testuser',
        imapPassword: password,
        imapFolder: 'INBOX',
      });

    before(async () => {
      ctx = await createTestContext(engine);
      centerId = await addCenter(ctx, '纽约中心');
    });
    beforeEach(async () => {
      server?.close();
      server = hoodiecrow({ plugins: ['ID', 'ENABLE', 'UIDPLUS'], storage: { INBOX: { messages: MESSAGES.map((m) => ({ ...m })) } } });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.server.address() as AddressInfo).port;
    });
    after(async () => {
      server.close();
      await ctx.close();
    });

    test('files each unseen message once, flags it \\Seen, and leaves read mail alone', async () => {
      assert.deepEqual(await configure('testpass'), { ok: true });
      assert.deepEqual(await poller().runOnce(), { filed: 2, refused: 0, skipped: 0, failed: 0, failedMailboxes: 0 });
      const items = await itemsOf(ctx, centerId);
      assert.deepEqual(
        items.map((item) => [item.channel, item.sender, item.body]),
        [
          ['email', 'wang.wu@example.net', '王五 退党'],
          ['fax', 'fax@example.net', ''],
        ],
      );
      assert.equal(items[1]!.attachments[0]!.mediaType, 'application/pdf');
      assert.deepEqual(await poller().runOnce(), { filed: 0, refused: 0, skipped: 0, failed: 0, failedMailboxes: 0 });
      assert.equal((await itemsOf(ctx, centerId)).length, 2);
    });

    test('a message filed but not flagged (a crash between the two) is not filed twice', async () => {
      // This server starts afresh: everything is unseen again, as after a crash before the flags were set.
      assert.deepEqual(await configure(''), { ok: true });
      const before = (await itemsOf(ctx, centerId)).length;
      assert.equal((await poller().runOnce()).filed, 2);
      assert.equal((await itemsOf(ctx, centerId)).length, before);
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'testuser', pass: 'testpass' }, logger: false });
      await client.connect();
      await client.mailboxOpen('INBOX');
      assert.deepEqual(await client.search({ seen: false }, { uid: true }), []);
      await client.logout();
    });

    test('a message that fails to file stays unread for the next pass; the others are filed', async () => {
      assert.deepEqual(await configure(''), { ok: true });
      const other = await addCenter(ctx, '波士顿中心');
      assert.deepEqual(
        await ctx.services.channels.settings.update(SYSTEM_ACTOR, other, {
          address: 'boston',
          imapHost: '127.0.0.1',
          imapPort: String(port),
          imapTls: false,
          imapUser: 'testuser',
          imapPassword: 'testpass',
          imapFolder: 'INBOX',
        }),
        { ok: true },
      );
      await ctx.services.channels.settings.update(SYSTEM_ACTOR, centerId, {
        address: 'newyork',
        imapHost: '',
        imapPort: '',
        imapTls: false,
        imapUser: '',
        imapPassword: '',
        imapFolder: '',
      });
      // The real intake, failing for one message as it would while the database is unreachable.
      const intake = ctx.services.channels.intake;
      const flaky = createImapPoller({
        settings: ctx.services.channels.settings,
        intake: {
          receiveMail: async (raw, centers) => {
            if (raw.includes('<imap-1@example.net>')) throw new Error('database unreachable');
            return intake.receiveMail(raw, centers);
          },
        },
        logger: createLogger('silent'),
      });
      assert.deepEqual(await flaky.runOnce(), { filed: 1, refused: 0, skipped: 0, failed: 1, failedMailboxes: 0 });
      assert.deepEqual(await poller().runOnce(), { filed: 1, refused: 0, skipped: 0, failed: 0, failedMailboxes: 0 });
      assert.equal((await itemsOf(ctx, other)).length, 2);
      const none = { address: 'boston', imapHost: '', imapPort: '', imapTls: false, imapUser: '', imapPassword: '', imapFolder: '' };
      assert.deepEqual(await ctx.services.channels.settings.update(SYSTEM_ACTOR, other, none), { ok: true });
    });

    test('a mailbox that cannot be read is reported and logged without its password', async () => {
      assert.deepEqual(await configure('wrong-password-123'), { ok: true });
      const report = await poller().runOnce();
      assert.deepEqual(report, { filed: 0, refused: 0, skipped: 0, failed: 0, failedMailboxes: 1 });
      const line = ctx.logs.find((entry) => entry.includes('mailbox not read'));
      assert.ok(line);
      assert.ok(!ctx.logs.some((entry) => entry.includes('wrong-password-123')));
    });
  });
}
