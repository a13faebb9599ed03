import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { SYSTEM_ACTOR } from '../../src/domain/staff/permissions.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/jobs/smtp-receiver.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { testEngines } from '../helpers/databases.ts';
import { linkIn, sentMail, subscriberStatuses } from '../helpers/newsletter.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const DOMAIN = 'inbox.example.org';
const TEXTS = {
  'zh-hans': { subject: '本期简讯', body: '简体正文' },
  'zh-hant': { subject: '本期簡訊', body: '繁體內文' },
  en: { subject: 'This issue', body: 'English text' },
};

/** A delivery status notification as a receiving server sends it back to the return path. */
function bounceTo(port: number, token: string, status: string) {
  const report = [
    'Reporting-MTA: dns; mx.example.com',
    '',
    'Final-Recipient: rfc822; gone@example.com',
    'Action: failed',
    `Status: ${status}`,
    '',
  ];
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
    envelope: { from: '', to: `bounces+${token}@${DOMAIN}` },
    from: 'MAILER-DAEMON@mx.example.com',
    to: `bounces+${token}@${DOMAIN}`,
    subject: 'Undelivered Mail Returned to Sender',
    text: 'Your message could not be delivered.',
    attachments: [{ content: report.join('\r\n'), contentType: 'message/delivery-status' }],
  });
}

for (const engine of testEngines()) {
  describe(`a newsletter bounce comes back through the SMTP receiver (${engine})`, () => {
    let ctx: TestContext;
    let receiver: SmtpReceiver;
    const t0 = new Date('2026-12-07T03:00:00.000Z');

    before(async () => {
      ctx = await createTestContext(engine, { TUIDANG_INBOX_DOMAIN: DOMAIN });
      const { newsletter } = ctx.services;
      receiver = await startSmtpReceiver({
        host: '127.0.0.1',
        port: 0,
        domain: DOMAIN,
        settings: ctx.services.channels.settings,
        intake: ctx.services.channels.intake,
        // As src/server.ts wires it.
        onBounce: (token, bounce) => newsletter.recordBounce(token, bounce.permanent),
        logger: createLogger('silent'),
      });
      for (const email of ['soft@example.net', 'gone@example.net']) {
        assert.ok((await newsletter.subscriptions.signUp({ email, language: 'en' }, t0)).ok);
        const token = linkIn((await sentMail(ctx)).at(-1)!, 'confirm')
          .split('/')
          .at(-1)!;
        assert.ok((await newsletter.subscriptions.confirm(token, t0)).ok);
      }
      const issue = await newsletter.issues.create(SYSTEM_ACTOR, TEXTS, t0);
      assert.ok(issue.ok);
      assert.ok((await newsletter.issues.send(SYSTEM_ACTOR, issue.value, t0)).ok);
      await newsletter.sendDue(t0);
    });
    after(async () => {
      await receiver.close();
      await ctx.close();
    });

    /** The token in the unsubscribe link of the issue mailed to `to`, which is also its return path's. */
    async function tokenOf(to: string): Promise<string> {
      const mail = (await sentMail(ctx)).find((m) => m.subject === 'This issue' && m.to && 'text' in m.to && m.to.text === to)!;
      return linkIn(mail, 'unsubscribe').split('/').at(-1)!;
    }

    test('a temporary failure (4.x.x) keeps the subscriber; a permanent one (5.x.x) unsubscribes', async () => {
      await bounceTo(receiver.port, await tokenOf('soft@example.net'), '4.2.2');
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'confirmed']);
      await bounceTo(receiver.port, await tokenOf('gone@example.net'), '5.1.1');
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'unsubscribed']);
      const deliveries = await ctx.services.database.db.selectFrom('newsletter_deliveries').select('status').orderBy('id').execute();
      assert.deepEqual(
        deliveries.map((d) => d.status),
        ['bounced', 'bounced'],
      );
    });

    test('a bounce with a forged token changes nothing', async () => {
      await bounceTo(receiver.port, 'A'.repeat(43), '5.1.1');
      assert.deepEqual(await subscriberStatuses(ctx), ['confirmed', 'unsubscribed']);
    });
  });
}
