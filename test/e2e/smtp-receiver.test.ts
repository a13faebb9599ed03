import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/jobs/smtp-receiver.ts';
import type { ParsedBounce } from '../../src/services/channels/inbound-mail.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { itemsOf } from '../helpers/channels.ts';
import { signInAs } from '../helpers/console.ts';
import { testEngines } from '../helpers/databases.ts';
import { PDF_BYTES } from '../helpers/inbox.ts';
import { addCenter } from '../helpers/outreach.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DOMAIN = 'inbox.example.org';

/** A real SMTP client on loopback: nodemailer's SMTP transport, no pooling, no TLS (none is offered). */
function transportTo(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
}

/** Speaks SMTP by hand: the greeting, then each command's whole reply (multi-line replies joined). */
async function smtpDialog(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  const replies: string[] = [];
  let buffer = '';
  const pending = [...commands];
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // A reply ends with a line whose code is followed by a space.
      while (/^\d{3} .*\r\n/m.test(buffer)) {
        const end = buffer.search(/^\d{3} .*\r\n/m);
        const lineEnd = buffer.indexOf('\r\n', end) + 2;
        replies.push(buffer.slice(0, lineEnd));
        buffer = buffer.slice(lineEnd);
        const next = pending.shift();
        if (next === undefined) socket.end();
        else socket.write(`${next}\r\n`);
      }
    });
  });
  return replies;
}

for (const engine of testEngines()) {
  describe(`the SMTP receiver on loopback (${engine})`, () => {
    let ctx: TestContext;
    let receiver: SmtpReceiver;
    let newYork: number;
    let toronto: number;
    const bounces: { token: string; bounce: ParsedBounce }[] = [];

    before(async () => {
      ctx = await createTestContext(engine, { TUIDANG_INBOX_DOMAIN: DOMAIN, TUIDANG_FAX_SENDER_DOMAINS: 'faxgate.example' });
      newYork = await addCenter(ctx, '纽约中心');
      toronto = await addCenter(ctx, '多伦多中心');
      const form = { address: 'toronto', imapHost: '', imapPort: '', imapTls: true, imapUser: '', imapPassword: '', imapFolder: '' };
      assert.deepEqual(await ctx.services.channels.settings.update(SYSTEM_ACTOR, toronto, form), { ok: true });
      receiver = await startSmtpReceiver({
        host: '127.0.0.1',
        port: 0,
        domain: DOMAIN,
        settings: ctx.services.channels.settings,
        intake: ctx.services.channels.intake,
        onBounce: async (token, bounce) => {
          bounces.push({ token, bounce });
        },
        logger: createLogger('debug', { write: (line: string) => void ctx.logs.push(line) }),
      });
    });
    after(async () => {
      await receiver.close();
      await ctx.close();
    });

    test('a message with a PDF to a center’s chosen address lands in that center’s inbox, and only there', async () => {
      const info = await transportTo(receiver.port).sendMail({
        from: '"Li Si" <li.si@example.net>',
        to: `Toronto@${DOMAIN}`,
        subject: '替家人声明',
        text: '张三 退党\n李四 退团',
        html: '<p>ignored <b>html</b></p>',
        messageId: '<names-1@example.net>',
        attachments: [{ filename: 'names.pdf', content: Buffer.from(PDF_BYTES), contentType: 'application/pdf' }],
      });
      assert.deepEqual(info.accepted, [`Toronto@${DOMAIN}`]);
      const items = await itemsOf(ctx, toronto);
      assert.equal(items.length, 1);
      const [item] = items;
      assert.equal(item!.channel, 'email');
      assert.equal(item!.status, 'new');
      assert.equal(item!.sender, 'li.si@example.net');
      assert.equal(item!.subject, '替家人声明');
      assert.equal(item!.body, '张三 退党\n李四 退团');
      assert.deepEqual(item!.attachments, [{ mediaType: 'application/pdf', size: PDF_BYTES.length, name: 'names.pdf' }]);
      assert.match(item!.sourceRef ?? '', /^mid:/);
      assert.deepEqual(await itemsOf(ctx, newYork), []);

      // As a volunteer of that center finds it in the console: listed, opened, the PDF served as stored.
      const volunteer = await signInAs(ctx, 'volunteer', { centerId: toronto });
      const list = await (await volunteer.get('/console/inbox?filter=all')).text();
      assert.match(list, new RegExp(`href="/console/inbox/item/${item!.id}"`));
      const page = await volunteer.get(`/console/inbox/item/${item!.id}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /li\.si@example\.net/);
      assert.match(html, /替家人声明/);
      assert.match(html, /张三 退党/);
      assert.match(html, new RegExp(`<iframe src="/console/inbox/item/${item!.id}/attachment/1"`));
      const pdf = await volunteer.get(`/console/inbox/item/${item!.id}/attachment/1`);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.deepEqual(new Uint8Array(await pdf.arrayBuffer()), PDF_BYTES);
      const outsider = await signInAs(ctx, 'volunteer', { centerId: newYork });
      assert.notEqual((await outsider.get(`/console/inbox/item/${item!.id}`)).status, 200, 'another center’s volunteer cannot open it');
    });

    test('the same message delivered again is not a second item', async () => {
      await transportTo(receiver.port).sendMail({
        from: 'li.si@example.net',
        to: `toronto@${DOMAIN}`,
        subject: '替家人声明',
        text: '张三 退党',
        messageId: '<names-1@example.net>',
      });
      assert.equal((await itemsOf(ctx, toronto)).length, 1);
    });

    test('an unknown recipient, another domain and the default address a center gave up are refused at RCPT TO', async () => {
      for (const to of [`nobody@${DOMAIN}`, 'toronto@example.com', `center-${toronto}@${DOMAIN}`, `center-9999999999@${DOMAIN}`]) {
        await assert.rejects(
          transportTo(receiver.port).sendMail({ from: 'x@example.net', to, subject: 's', text: 't' }),
          (error: Error & { responseCode?: number; command?: string }) => {
            assert.equal(error.responseCode, 550, to);
            assert.equal(error.command, 'RCPT TO');
            return true;
          },
        );
      }
      // A mixed envelope: the known recipient gets it, the other is refused.
      const info = await transportTo(receiver.port).sendMail({
        from: 'x@example.net',
        to: [`center-${newYork}@${DOMAIN}`, `relay@${DOMAIN}`],
        subject: 'hello',
        text: '我想三退',
      });
      assert.deepEqual(info.accepted, [`center-${newYork}@${DOMAIN}`]);
      assert.deepEqual(info.rejected, [`relay@${DOMAIN}`]);
      const items = await itemsOf(ctx, newYork);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.body, '我想三退');
    });

    test('HTML-only mail is kept as text; a message of PDF pages alone is a fax', async () => {
      await transportTo(receiver.port).sendMail({
        from: 'a@example.net',
        to: `center-${newYork}@${DOMAIN}`,
        subject: 'html',
        html: '<p>王五<br>退队</p><script>alert(1)</script>',
      });
      await transportTo(receiver.port).sendMail({
        from: 'scanner@example.net',
        to: `center-${newYork}@${DOMAIN}`,
        subject: 'Fax from +1 212 555 0100',
        attachments: [{ filename: 'fax.pdf', content: Buffer.from(PDF_BYTES) }],
      });
      await transportTo(receiver.port).sendMail({
        from: 'noreply@mx.faxgate.example',
        to: `center-${newYork}@${DOMAIN}`,
        subject: 'You have a new fax',
        text: 'See the attached pages.',
        attachments: [{ filename: 'fax.pdf', content: Buffer.from(PDF_BYTES) }],
      });
      const [, html, pages, gateway] = await itemsOf(ctx, newYork);
      assert.equal(html!.channel, 'email');
      assert.match(html!.body ?? '', /王五\s*\n\s*退队/);
      assert.doesNotMatch(html!.body ?? '', /<|script/);
      assert.equal(pages!.channel, 'fax');
      assert.equal(gateway!.channel, 'fax');
    });

    test('a message over 25 MB is refused before it is sent, more than 20 recipients after the 20th, an endless subject is cut', async () => {
      const size = await smtpDialog(receiver.port, ['EHLO client.example', 'MAIL FROM:<a@example.net> SIZE=26214401', 'QUIT']);
      assert.match(size[2]!, /^552 /);
      // Guessing addresses one after another: 20 answers, then none.
      const guesses = Array.from({ length: 21 }, (_, n) => `RCPT TO:<guess${n}@${DOMAIN}>`);
      const recipients = await smtpDialog(receiver.port, ['EHLO client.example', 'MAIL FROM:<a@example.net>', ...guesses, 'QUIT']);
      assert.ok(recipients.slice(3, 23).every((reply) => reply.startsWith('550')));
      assert.match(recipients[23]!, /^452 4\.5\.3/);

      const subject = `${'长'.repeat(999)}😀 and more`;
      await transportTo(receiver.port).sendMail({
        from: 'long@example.net',
        to: `toronto@${DOMAIN}`,
        subject,
        text: 'x',
        messageId: '<long-1@example.net>',
      });
      const filed = (await itemsOf(ctx, toronto)).at(-1)!;
      assert.equal(filed.subject, '长'.repeat(999), 'cut at 1,000, not inside the emoji');
    });

    test('a bounce of the newsletter reaches the hook, permanent for a 5.x.x status', async () => {
      const items = (await itemsOf(ctx, toronto)).length;
      const report = [
        'Reporting-MTA: dns; mx.example.com',
        '',
        'Final-Recipient: rfc822; gone@example.com',
        'Action: failed',
        'Status: 5.1.1',
        '',
      ].join('\r\n');
      await transportTo(receiver.port).sendMail({
        envelope: { from: '', to: `bounces+tok_ABCdef123@${DOMAIN}` },
        from: `MAILER-DAEMON@mx.example.com`,
        to: `bounces+tok_ABCdef123@${DOMAIN}`,
        subject: 'Undelivered Mail Returned to Sender',
        text: 'Your message could not be delivered.',
        attachments: [{ content: report, contentType: 'message/delivery-status' }],
      });
      assert.equal(bounces.length, 1);
      assert.equal(bounces[0]!.token, 'tok_ABCdef123');
      assert.equal(bounces[0]!.bounce.permanent, true);
      assert.deepEqual(bounces[0]!.bounce.statuses, ['5.1.1']);
      assert.equal((await itemsOf(ctx, toronto)).length, items, 'a bounce is no inbox item');
    });

    test('AUTH and STARTTLS are not offered, and the client’s address is in no log line', async () => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, requireTLS: true });
      await assert.rejects(transport.sendMail({ from: 'a@example.net', to: `toronto@${DOMAIN}`, text: 'x' }));
      const dialog = await smtpDialog(receiver.port, ['EHLO client.example', 'AUTH PLAIN AHUAcA==', 'STARTTLS', 'QUIT']);
      const [greeting, ehlo, auth, starttls] = dialog;
      assert.match(greeting!, new RegExp(`^220 ${DOMAIN.replaceAll('.', '\\.')} ESMTP`));
      assert.ok(!greeting!.includes(hostname()), 'the machine’s own name is not given away');
      assert.match(ehlo!, /^250[- ]/m);
      assert.doesNotMatch(ehlo!, /AUTH|STARTTLS/);
      assert.match(ehlo!, /SIZE 26214400/);
      assert.match(auth!, /^5\d\d /);
      assert.match(starttls!, /^5\d\d /);
      assert.ok(
        ctx.logs.every((line) => !line.includes('127.0.0.1')),
        'no log line names the client',
      );
    });

    test('with a certificate, STARTTLS is offered (AUTH still is not) and mail arrives over TLS', async () => {
      // hoodiecrow-imap's test certificate: self-signed and expired, which is all a loopback test needs.
      const certs = join(dirname(fileURLToPath(import.meta.resolve('hoodiecrow-imap'))), '..', 'cert');
      const tls = { key: readFileSync(join(certs, 'server.key')), cert: readFileSync(join(certs, 'server.crt')) };
      const secured = await startSmtpReceiver({
        host: '127.0.0.1',
        port: 0,
        domain: DOMAIN,
        tls,
        settings: ctx.services.channels.settings,
        intake: ctx.services.channels.intake,
        logger: createLogger('silent'),
      });
      try {
        const [, ehlo] = await smtpDialog(secured.port, ['EHLO client.example', 'QUIT']);
        assert.match(ehlo!, /STARTTLS/);
        assert.doesNotMatch(ehlo!, /AUTH/);
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: secured.port,
          secure: false,
          requireTLS: true,
          tls: { rejectUnauthorized: false },
        });
        const info = await transport.sendMail({
          from: 'tls@example.net',
          to: `toronto@${DOMAIN}`,
          subject: 'tls',
          text: '加密传送',
          messageId: '<tls-1@example.net>',
        });
        assert.deepEqual(info.accepted, [`toronto@${DOMAIN}`]);
        assert.equal((await itemsOf(ctx, toronto)).at(-1)!.body, '加密传送');
      } finally {
        await secured.close();
      }
    });
  });
}
