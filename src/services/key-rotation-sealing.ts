import { channelSecretsKey } from '../crypto/channel-secrets.ts';
import type { SealedColumn, SealedKeyName, SealedValue } from '../repositories/key-rotation-repository.ts';

/** The key a column is sealed with under a given root key, and each value's context. */
export interface Sealing {
  key: Buffer;
  context: (row: SealedValue) => string;
}

/**
 * Each staff-key column's sealing key and context, as the services that seal them write them
 * (staff-auth-service.ts `totp:<id>`, channels/channel-settings.ts `channels:<center>:<field>`).
 */
function staffSealing(where: SealedColumn, staffKey: Buffer): Sealing {
  if (where.table === 'staff') return { key: staffKey, context: (row) => `totp:${row.id}` };
  const field = where.column === 'webhook_secret_sealed' ? 'webhook-secret' : 'imap-password';
  return { key: channelSecretsKey(staffKey), context: (row) => `channels:${row.id}:${field}` };
}

/**
 * Each contact-key column's context, as the services that seal them write them:
 * declaration-service.ts `contact:<number>`, outreach/outreach-deps.ts `outreach:<campaign>:<hmac>:<part>`,
 * inbox/inbox-deps.ts `inbox:<center>:<item>:<field>`, newsletter/newsletter-deps.ts `newsletter:<hmac>:email`.
 * The contexts hold HMACs, which the rotation leaves as they are (they are under the index root).
 */
function contactSealing(where: SealedColumn, contactKey: Buffer): Sealing {
  const p = (row: SealedValue, name: string) => row.parts[name];
  const contexts: Record<string, (row: SealedValue) => string> = {
    'declarations.contact_sealed': (row) => `contact:${p(row, 'registration_number')}`,
    'outreach_contacts.phone_sealed': (row) => `outreach:${p(row, 'campaign_id')}:${p(row, 'phone_hmac')}:phone`,
    'outreach_contacts.details_sealed': (row) => `outreach:${p(row, 'campaign_id')}:${p(row, 'phone_hmac')}:details`,
    'inbound_items.sender_sealed': (row) => `inbox:${p(row, 'center_id')}:${row.id}:sender`,
    'inbound_items.subject_sealed': (row) => `inbox:${p(row, 'center_id')}:${row.id}:subject`,
    'inbound_items.body_sealed': (row) => `inbox:${p(row, 'center_id')}:${row.id}:body`,
    'inbound_attachments.name_sealed': (row) => `inbox:${p(row, 'center_id')}:${p(row, 'item_id')}:attachment-name:${p(row, 'position')}`,
    'newsletter_subscribers.email_sealed': (row) => `newsletter:${p(row, 'email_hmac')}:email`,
  };
  const context = contexts[`${where.table}.${where.column}`];
  if (!context) throw new Error(`no sealing context for ${where.table}.${where.column}`);
  return { key: contactKey, context };
}

/**
 * How a rotated key's columns are sealed. The rotation tests read every column back through the
 * services that seal it (a sign-in, a reveal, an inbox item, a mailing), which holds these equal.
 */
export function sealingOf(name: SealedKeyName, where: SealedColumn, rootKey: Buffer): Sealing {
  return name === 'staff' ? staffSealing(where, rootKey) : contactSealing(where, rootKey);
}
