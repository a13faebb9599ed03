import { BATCH_SIZE, nextAttemptAfterFailure } from '../../domain/newsletter/statuses.ts';
import type { IssueRecord } from '../../repositories/newsletter/issues-repository.ts';
import { mailText } from './mail-text.ts';
import { auditEntry, links, newToken, openEmail, tokenHmac, unsubscribeHeaders, type NewsletterDeps } from './newsletter-deps.ts';

/**
 * How long a delivery taken for an attempt stays out of the queue. Longer than any one mail takes,
 * so a second server running the job never sends it too; a server that dies mid-attempt leaves it
 * to be tried again after this, as one more attempt.
 */
const LEASE_MS = 15 * 60_000;

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  /** Issues with nothing left queued, now sent. */
  finished: number[];
  /** Sign-ups deleted for being left unconfirmed. */
  purged: number;
}

/**
 * One run of the sending job: up to BATCH_SIZE due deliveries, each in its subscriber's language,
 * with a return path that names the delivery so a bounce finds it. A failed attempt is tried again
 * after 5 minutes, an hour and 6 hours, then given up.
 */
export function createSending(deps: NewsletterDeps) {
  const { db, issues, deliveries, audit, mailer } = deps;
  const key = deps.hmacKey;

  return {
    async sendDue(now: Date): Promise<SendReport> {
      const report: SendReport = { sent: 0, retried: 0, failed: 0, finished: [], purged: 0 };
      const issueCache = new Map<number, IssueRecord | undefined>();
      for (const delivery of await deliveries.due(db, now, BATCH_SIZE)) {
        const token = newToken();
        if (
          !(await deliveries.claim(db, delivery.id, delivery.attempts, tokenHmac(key, token)!, new Date(now.getTime() + LEASE_MS), now))
        ) {
          continue;
        }
        if (!issueCache.has(delivery.issueId)) issueCache.set(delivery.issueId, await issues.findById(db, delivery.issueId));
        const issue = issueCache.get(delivery.issueId)!;
        const { subject, body } = issue.texts[delivery.language];
        const unsubscribe = links(deps.publicUrl, delivery.language, token).unsubscribe;
        try {
          await mailer.send({
            to: openEmail(deps.contactKey, delivery.emailHmac, delivery.emailSealed),
            subject,
            text: `${body}\n\n${mailText(delivery.language).footer(unsubscribe)}`,
            returnPath: `bounces+${token}@${deps.bounceDomain}`,
            headers: unsubscribeHeaders(unsubscribe),
          });
        } catch {
          const retryAt = nextAttemptAfterFailure(delivery.attempts + 1, now);
          await deliveries.settle(db, delivery.id, retryAt ? 'queued' : 'failed', now, retryAt);
          if (retryAt) report.retried += 1;
          else report.failed += 1;
          continue;
        }
        await deliveries.settle(db, delivery.id, 'sent', now);
        report.sent += 1;
      }
      report.finished = await db.transaction().execute(async (trx) => {
        const finished = await issues.finishSent(trx, now);
        for (const id of finished) {
          const counts = await deliveries.countsFor(trx, id);
          await audit.append(trx, auditEntry('system', now, 'newsletter.issue.finished', 'newsletter_issue', id, counts));
        }
        return finished;
      });
      return report;
    },
  };
}
