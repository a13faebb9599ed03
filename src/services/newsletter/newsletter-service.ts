import type { NewsletterDeps } from './newsletter-deps.ts';
import { createIssues } from './issues.ts';
import { createSending } from './sending.ts';
import { createSubscriptions } from './subscriptions.ts';

/** The newsletter (docs/newsletter.md): the public sign-up, the console's issues, and the sending job's work. */
export function createNewsletterService(deps: NewsletterDeps) {
  const subscriptions = createSubscriptions(deps);
  const sending = createSending(deps);
  return {
    subscriptions,
    issues: createIssues(deps),
    /** One run of the minutely job: a batch of deliveries, then the purge of week-old unconfirmed sign-ups. */
    async sendDue(now: Date) {
      const report = await sending.sendDue(now);
      report.purged = await subscriptions.purgeUnconfirmed(now);
      return report;
    },
    /** For the SMTP receiver's bounce hook: `bounces+<token>@…`, permanent when the DSN's status is 5.x.x. */
    recordBounce: subscriptions.recordBounce,
  };
}

export type NewsletterService = ReturnType<typeof createNewsletterService>;
