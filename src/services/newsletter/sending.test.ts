import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../../test/helpers/databases.ts';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.ts';
import { SYSTEM_ACTOR } from '../../domain/staff/permissions.ts';
import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';
import { scheduleNewsletterSending } from '../../jobs/newsletter-sending.ts';
import { createLogger } from '../../logging/logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { createAuditRepository } from '../../repositories/audit-repository.ts';
import { deliveriesRepository } from '../../repositories/newsletter/deliveries-repository.ts';
import { issuesRepository } from '../../repositories/newsletter/issues-repository.ts';
import { subscribersRepository } from '../../repositories/newsletter/subscribers-repository.ts';
import { createNewsletterService, type NewsletterService } from './newsletter-service.ts';

type Sent = Parameters<Mailer['send']>[0];

/**
 * A mailer that records what it is given and refuses issues (mail with a return path) to the
 * addresses the test says, as an SMTP server that is down for them would.
 */
function recordingMailer(failFor: (to: string, attempt: number) => boolean) {
  const sent: Sent[] = [];
  const tries = new Map<string, number>();
  const mailer: Mailer = {
    async send(mail) {
      const attempt = (tries.get(mail.to) ?? 0) + (mail.returnPath ? 1 : 0);
      tries.set(mail.to, attempt);
      if (mail.returnPath && failFor(mail.to, attempt)) throw new Error('451 4.3.0 try again later');
      sent.push(mail);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  return { mailer, sent, tries };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TEXTS = {
  'zh-hans': { subject: '本期简讯', body: '简体正文' },
  'zh-hant': { subject: '本期簡訊', body: '繁體內文' },
  en: { subject: 'This issue', body: 'English text' },
};

for (const engine of testEngines()) {
  describe(`newsletter sending: batches, retries and bounces (${engine})`, () => {
    let ctx: TestContext;
    let newsletter: NewsletterService;
    let recorder: ReturnType<typeof recordingMailer>;
    const t0 = new Date('2026-12-07T02:00:00.000Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    before(async () => {
      ctx = await createTestContext(engine);
      // always@ never gets through; once@ fails its first attempt only.
      recorder = recordingMailer((to, attempt) => to.startsWith('always@') || (to.startsWith('once@') && attempt === 1));
      newsletter = createNewsletterService({
        db: ctx.services.database.db,
        subscribers: subscribersRepository,
        issues: issuesRepository,
        deliveries: deliveriesRepository,
        audit: createAuditRepository(ctx.services.keys),
        contactKey: ctx.services.keys.contact,
        hmacKey: ctx.services.keys.newsletter,
        mailer: recorder.mailer,
        publicUrl: 'https://registry.example',
        bounceDomain: 'bounce.example',
      });
    });
    after(() => ctx.close());

    test('55 confirmed subscribers, each in their language; the pending one gets nothing', async () => {
      const languages: NewsletterLanguage[] = ['zh-hans', 'zh-hant', 'en'];
      const addresses = ['always@example.org', 'once@example.org', ...Array.from({ length: 53 }, (_, i) => `reader${i}@example.org`)];
      for (const [i, email] of addresses.entries()) {
        assert.ok((await newsletter.subscriptions.signUp({ email, language: languages[i % 3]! }, t0)).ok);
        const token = /confirm\/([A-Za-z0-9_-]{43})/.exec(recorder.sent.at(-1)!.text)![1]!;
        assert.ok((await newsletter.subscriptions.confirm(token, t0)).ok);
      }
      assert.ok((await newsletter.subscriptions.signUp({ email: 'pending@example.org', language: 'en' }, t0)).ok);
      recorder.sent.length = 0;
      const id = await newsletter.issues.create(SYSTEM_ACTOR, TEXTS, t0);
      assert.ok(id.ok);
      const sent = await newsletter.issues.send(SYSTEM_ACTOR, id.value, t0);
      assert.deepEqual(sent, { ok: true, recipients: 55 });
      assert.deepEqual(await newsletter.issues.send(SYSTEM_ACTOR, id.value, t0), { ok: false, refusal: { code: 'newsletter.notDraft' } });
    });

    test('a run sends at most 50; the next run the rest; a failure waits 5 minutes', async () => {
      const first = await newsletter.sendDue(t0);
      assert.equal(first.sent + first.retried, 50);
      const second = await newsletter.sendDue(t0);
      assert.equal(first.sent + second.sent, 53);
      assert.equal(first.retried + second.retried, 2);
      assert.deepEqual(second.finished, []);
      const mail = recorder.sent.find((m) => m.to === 'reader2@example.org')!;
      assert.equal(mail.subject, '本期簡訊', 'in the subscriber’s language (zh-Hant)');
      assert.match(mail.text, /^繁體內文\n\n—\n.*\nhttps:\/\/registry\.example\/zh-hant\/newsletter\/unsubscribe\/[A-Za-z0-9_-]{43}$/s);
      const token = /unsubscribe\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      assert.equal(mail.returnPath, `bounces+${token}@bounce.example`);
      assert.deepEqual(mail.headers, {
        'List-Unsubscribe': `<https://registry.example/zh-hant/newsletter/unsubscribe/${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      assert.equal((await newsletter.sendDue(at(5 * MINUTE - 1))).retried, 0, 'not before five minutes');
    });

    test('retries at 5 min, 1 h and 6 h, then failed; the issue is sent when nothing is queued', async () => {
      const retry = await newsletter.sendDue(at(5 * MINUTE));
      assert.deepEqual([retry.sent, retry.retried], [1, 1], 'once@ gets through on its second attempt');
      assert.equal((await newsletter.sendDue(at(5 * MINUTE + HOUR - 1))).retried, 0);
      assert.equal((await newsletter.sendDue(at(5 * MINUTE + HOUR))).retried, 1);
      const last = await newsletter.sendDue(at(5 * MINUTE + 7 * HOUR));
      assert.deepEqual([last.failed, last.finished.length], [1, 1]);
      assert.equal(recorder.tries.get('always@example.org'), 4);
      const issue = await newsletter.issues.get(SYSTEM_ACTOR, last.finished[0]!);
      assert.ok(issue.ok);
      assert.equal(issue.value.issue.status, 'sent');
      assert.deepEqual(issue.value.counts, { queued: 0, sent: 54, failed: 1, bounced: 0 });
      assert.equal((await ctx.services.database.db.selectFrom('newsletter_deliveries').select('id').execute()).length, 55);
    });

    test('a bounce marks the delivery; a permanent one unsubscribes, once, audited', async () => {
      const tokenOf = (to: string) => /bounces\+([A-Za-z0-9_-]{43})@/.exec(recorder.sent.find((m) => m.to === to)!.returnPath!)![1]!;
      const soft = await newsletter.recordBounce(tokenOf('reader2@example.org'), false, t0);
      assert.deepEqual(soft, { ok: true, value: { unsubscribed: false } });
      const hard = await newsletter.recordBounce(tokenOf('reader3@example.org'), true, t0);
      assert.deepEqual(hard, { ok: true, value: { unsubscribed: true } });
      assert.deepEqual(await newsletter.recordBounce(tokenOf('reader3@example.org'), true, t0), {
        ok: true,
        value: { unsubscribed: false },
      });
      assert.deepEqual(await newsletter.recordBounce('not a token', true, t0), { ok: false, error: 'newsletter.linkInvalid' });
      assert.deepEqual(await newsletter.recordBounce('A'.repeat(43), true, t0), { ok: false, error: 'newsletter.linkInvalid' });
      const counts = await ctx.services.database.db
        .selectFrom('newsletter_subscribers')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .orderBy('status')
        .execute();
      assert.deepEqual(
        counts.map((row) => [row.status, Number(row.n)]),
        [
          ['confirmed', 54],
          ['pending', 1],
          ['unsubscribed', 1],
        ],
      );
      const audit = await ctx.services.database.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('id').execute();
      const actions = audit.map((row) => row.action);
      assert.equal(actions.filter((action) => action === 'newsletter.subscriber.unsubscribedByBounce').length, 1);
      for (const action of ['newsletter.issue.created', 'newsletter.issue.sent', 'newsletter.issue.finished'])
        assert.ok(actions.includes(action), action);
      assert.ok(!JSON.stringify(await ctx.services.database.db.selectFrom('audit_log').selectAll().execute()).includes('@example.org'));
      // The next issue does not go to the address that bounced for good.
      const next = await newsletter.issues.create(SYSTEM_ACTOR, TEXTS, t0);
      assert.ok(next.ok);
      assert.deepEqual(await newsletter.issues.send(SYSTEM_ACTOR, next.value, t0), { ok: true, recipients: 54 });
    });

    test('the address of whoever left is erased; a sign-up unconfirmed for a week is deleted', async () => {
      const rows = await ctx.services.database.db
        .selectFrom('newsletter_subscribers')
        .select(['status', 'email_sealed', 'email_hmac'])
        .where('status', '=', 'unsubscribed')
        .execute();
      assert.deepEqual(
        rows.map((row) => ({ ...row })),
        [{ status: 'unsubscribed', email_sealed: null, email_hmac: null }],
      );
      assert.equal((await newsletter.sendDue(at(7 * 24 * HOUR - 1))).purged, 0);
      assert.equal((await newsletter.sendDue(at(7 * 24 * HOUR + 1))).purged, 1);
      const pending = await ctx.services.database.db
        .selectFrom('newsletter_subscribers')
        .select('id')
        .where('status', '=', 'pending')
        .execute();
      assert.deepEqual(pending, []);
    });

    test('the job runs a batch at start and on its schedule, at the injected clock, and stops after the run under way', async () => {
      const seen: Date[] = [];
      const stop = scheduleNewsletterSending(
        async (now) => {
          seen.push(now);
          return { sent: 0, retried: 0, failed: 0, finished: [], purged: 0 };
        },
        createLogger('silent'),
        () => t0.getTime(),
      );
      await stop();
      assert.deepEqual(seen, [t0]);
    });
  });
}
