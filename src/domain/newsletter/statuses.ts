/**
 * Where a subscriber, an issue and a delivery of the newsletter stand (docs/newsletter.md). Every move
 * is a conditional UPDATE whose WHERE is `statusesBefore(to)`: zero rows changed means someone (or
 * something) moved it first, and nothing happens twice.
 */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

const SUBSCRIBER_TRANSITIONS: Readonly<Record<SubscriberStatus, readonly SubscriberStatus[]>> = {
  // The confirmation mail carries an unsubscribe link too, so a pending address can leave at once.
  pending: ['confirmed', 'unsubscribed'],
  confirmed: ['unsubscribed'],
  // Final: unsubscribing erases the address, so signing up again is a new subscriber.
  unsubscribed: [],
};

export function subscriberStatusesBefore(to: SubscriberStatus): SubscriberStatus[] {
  return SUBSCRIBER_STATUSES.filter((from) => SUBSCRIBER_TRANSITIONS[from].includes(to));
}

const ISSUE_STATUSES = ['draft', 'sending', 'sent'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

const ISSUE_TRANSITIONS: Readonly<Record<IssueStatus, readonly IssueStatus[]>> = {
  // Only a draft is edited; sending freezes it, so every subscriber gets the same words.
  draft: ['draft', 'sending'],
  sending: ['sent'],
  sent: [],
};

export function issueStatusesBefore(to: IssueStatus): IssueStatus[] {
  return ISSUE_STATUSES.filter((from) => ISSUE_TRANSITIONS[from].includes(to));
}

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'bounced'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const DELIVERY_TRANSITIONS: Readonly<Record<DeliveryStatus, readonly DeliveryStatus[]>> = {
  // A failed attempt stays queued with a later next_attempt_at until the retries run out.
  queued: ['queued', 'sent', 'failed'],
  // A bounce comes back after the server accepted the mail, or after we gave up on it.
  sent: ['bounced'],
  failed: ['bounced'],
  bounced: [],
};

export function deliveryStatusesBefore(to: DeliveryStatus): DeliveryStatus[] {
  return DELIVERY_STATUSES.filter((from) => DELIVERY_TRANSITIONS[from].includes(to));
}

/** Waits after the first, second and third failed attempt; the fourth failure is final. */
const RETRY_DELAYS_MS: readonly number[] = [5 * 60_000, 60 * 60_000, 6 * 60 * 60_000];

/** When a delivery that has now failed `attempts` times is tried again, or null when it has failed for good. */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** How many deliveries one run of the sending job sends at most. */
export const BATCH_SIZE = 50;
