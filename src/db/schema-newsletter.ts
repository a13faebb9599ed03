import type { Generated } from 'kysely';
import type { DeliveryStatus, IssueStatus, SubscriberStatus } from '../domain/newsletter/statuses.ts';
import type { NewsletterLanguage } from '../domain/newsletter/subscription-input.ts';
import type { DbTime } from './time.ts';

// The newsletter's tables (migration 0016, docs/newsletter.md).
interface NewsletterSubscribersTable {
  id: Generated<number>;
  /** Sealed under the contact key, bound to the HMAC; null once unsubscribed (erased). */
  email_sealed: string | null;
  /** HMAC of the lower-cased address: one row per address; null once unsubscribed. */
  email_hmac: string | null;
  language: NewsletterLanguage;
  status: SubscriberStatus;
  /** HMAC of the secret in the confirmation mail's links. */
  token_hmac: string;
  consented_at: DbTime;
  terms_version: string;
  mailed_at: DbTime | null;
  confirmed_at: DbTime | null;
  unsubscribed_at: DbTime | null;
  created_at: DbTime;
  updated_at: DbTime;
}

interface NewsletterIssuesTable {
  id: Generated<number>;
  status: IssueStatus;
  subject_zh_hans: string;
  body_zh_hans: string;
  subject_zh_hant: string;
  body_zh_hant: string;
  subject_en: string;
  body_en: string;
  created_by: number | null;
  sent_by: number | null;
  recipients: Generated<number>;
  created_at: DbTime;
  updated_at: DbTime;
  sending_at: DbTime | null;
  sent_at: DbTime | null;
}

interface NewsletterDeliveriesTable {
  id: Generated<number>;
  issue_id: number;
  subscriber_id: number;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: DbTime | null;
  /** HMAC of the token in the return path and unsubscribe link of the last attempt. */
  token_hmac: string | null;
  sent_at: DbTime | null;
  updated_at: DbTime;
}

export interface NewsletterTables {
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
}
