import { TERMS_VERSION, type NewsletterLanguage, type SignUp } from '../../domain/newsletter/subscription-input.ts';
import { fail, ok, type Result } from '../result.ts';
import { mailText } from './mail-text.ts';
import {
  auditEntry,
  emailHmac,
  links,
  newToken,
  sealEmail,
  tokenHmac,
  unsubscribeHeaders,
  type NewsletterDeps,
} from './newsletter-deps.ts';

/** Another sign-up of an address within this time sends no second mail: nobody can flood an inbox from the form. */
const RESEND_AFTER_MS = 10 * 60_000;

/** A sign-up not confirmed within this time is deleted: its address was never used but for the one mail. */
const UNCONFIRMED_KEPT_MS = 7 * 24 * 60 * 60_000;

/** What a link in a mail leads to, for the page it opens (GET): the page asks before anything changes. */
export type LinkState = 'pending' | 'confirmed' | 'unsubscribed';

/**
 * Sign-up with double opt-in, confirmation and unsubscribing (docs/newsletter.md). Every answer to a
 * sign-up is the same whatever the address's state, so the form tells nobody who is subscribed.
 */
export function createSubscriptions(deps: NewsletterDeps) {
  const { db, subscribers, deliveries, audit, mailer } = deps;
  const key = deps.hmacKey;

  /** The subscriber a link's token names: the confirmation mail's own, or an issue's delivery. */
  async function subscriberOf(token: string) {
    const hmac = tokenHmac(key, token);
    if (hmac === null) return undefined;
    const direct = await subscribers.findByTokenHmac(db, hmac);
    if (direct) return direct;
    const delivery = await deliveries.findByTokenHmac(db, hmac);
    return delivery && subscribers.findById(db, delivery.subscriberId);
  }

  async function unsubscribe(subscriberId: number, at: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const moved = await subscribers.move(trx, subscriberId, 'unsubscribed', at);
      if (moved) await deliveries.dropQueuedOf(trx, subscriberId);
      return moved;
    });
  }

  return {
    async signUp(input: SignUp, now: Date): Promise<Result<null>> {
      const hmac = emailHmac(key, input.email);
      const existing = await subscribers.findByEmailHmac(db, hmac);
      if (existing?.mailedAt && now.getTime() - existing.mailedAt.getTime() < RESEND_AFTER_MS) return ok(null);
      const token = newToken();
      const row = {
        emailSealed: sealEmail(deps.contactKey, hmac, input.email),
        emailHmac: hmac,
        language: input.language,
        tokenHmac: tokenHmac(key, token)!,
        consentedAt: now,
        termsVersion: TERMS_VERSION,
      };
      let id: number | undefined;
      let language: NewsletterLanguage = input.language;
      let confirmed = false;
      if (!existing) id = await subscribers.insert(db, row, now);
      else if (existing.status === 'confirmed') {
        // Already subscribed: the mail says so; language and consent stay what the owner of the address gave.
        if (await subscribers.renew(db, existing.id, 'confirmed', { ...row, language: existing.language }, now)) id = existing.id;
        language = existing.language;
        confirmed = true;
      } else if (existing.status === 'pending' && (await subscribers.renew(db, existing.id, 'pending', row, now))) id = existing.id;
      // Another sign-up of the same address at the same moment: its mail carries the link.
      if (id === undefined) return ok(null);
      const to = links(deps.publicUrl, language, token);
      const text = mailText(language);
      try {
        await mailer.send({
          to: input.email,
          subject: confirmed ? text.already.subject : text.confirm.subject,
          text: confirmed ? text.already.text(to.unsubscribe) : text.confirm.text(to.confirm, to.unsubscribe),
          headers: unsubscribeHeaders(to.unsubscribe),
        });
      } catch {
        return fail('newsletter.mailFailed');
      }
      await subscribers.markMailed(db, id, now);
      return ok(null);
    },

    /** Deletes the sign-ups left unconfirmed for a week; the sending job calls it. */
    purgeUnconfirmed(now: Date): Promise<number> {
      return subscribers.purgePending(db, new Date(now.getTime() - UNCONFIRMED_KEPT_MS));
    },

    /** Where a link's subscriber stands, for the page the link opens; nothing changes. */
    async linkState(token: string): Promise<Result<LinkState>> {
      const subscriber = await subscriberOf(token);
      return subscriber ? ok(subscriber.status) : fail('newsletter.linkInvalid');
    },

    /** The button of the confirmation page (a POST: a link scanner that opens the mail confirms nobody). */
    async confirm(token: string, now: Date): Promise<Result<null>> {
      const hmac = tokenHmac(key, token);
      const subscriber = hmac === null ? undefined : await subscribers.findByTokenHmac(db, hmac);
      if (!subscriber || subscriber.status === 'unsubscribed') return fail('newsletter.linkInvalid');
      if (subscriber.status === 'pending') await subscribers.move(db, subscriber.id, 'confirmed', now);
      return ok(null);
    },

    /** The unsubscribe page's button, or a mail program's one-click POST; unsubscribing twice is no error. */
    async unsubscribe(token: string, now: Date): Promise<Result<null>> {
      const subscriber = await subscriberOf(token);
      if (!subscriber) return fail('newsletter.linkInvalid');
      await unsubscribe(subscriber.id, now);
      return ok(null);
    },

    /**
     * A bounce reported to `bounces+<token>@…` (the SMTP receiver calls this). The delivery is marked
     * bounced; a permanent failure (5.x.x) unsubscribes the address, so it is never mailed again.
     */
    async recordBounce(token: string, permanent: boolean, now: Date = new Date()): Promise<Result<{ unsubscribed: boolean }>> {
      const hmac = tokenHmac(key, token);
      const delivery = hmac === null ? undefined : await deliveries.findByTokenHmac(db, hmac);
      if (!delivery) return fail('newsletter.linkInvalid');
      return db.transaction().execute(async (trx) => {
        await deliveries.markBounced(trx, delivery.id, now);
        if (!permanent) return ok({ unsubscribed: false });
        const moved = await subscribers.move(trx, delivery.subscriberId, 'unsubscribed', now);
        if (!moved) return ok({ unsubscribed: false });
        await deliveries.dropQueuedOf(trx, delivery.subscriberId);
        await audit.append(
          trx,
          auditEntry('system', now, 'newsletter.subscriber.unsubscribedByBounce', 'newsletter_subscriber', delivery.subscriberId, {
            issue: delivery.issueId,
            delivery: delivery.id,
          }),
        );
        return ok({ unsubscribed: true });
      });
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
