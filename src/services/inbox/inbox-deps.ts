import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Keys } from '../../crypto/keys.ts';
import { seal } from '../../crypto/seal.ts';
import type { Database } from '../../db/schema.ts';
import { isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { CentersRepository } from '../../repositories/centers-repository.ts';
import type { InboxAttachmentsRepository } from '../../repositories/inbox/attachments-repository.ts';
import type { InboxItemDeclarationsRepository } from '../../repositories/inbox/item-declarations-repository.ts';
import type { InboxItemsRepository } from '../../repositories/inbox/items-repository.ts';
import type { StaffRepository } from '../../repositories/staff-repository.ts';
import { staffLabel } from '../staff-auth-service.ts';
import type { AttachmentStore } from './attachment-store.ts';

/** What the inbox services use, handed over by the composition root. */
export interface InboxDeps {
  db: Kysely<Database>;
  items: InboxItemsRepository;
  attachments: InboxAttachmentsRepository;
  links: InboxItemDeclarationsRepository;
  centers: Pick<CentersRepository, 'findById'>;
  staff: Pick<StaffRepository, 'findById' | 'list'>;
  audit: AuditRepository;
  keys: Pick<Keys, 'contact' | 'inboxSenders'>;
  store: AttachmentStore;
  mailer: Pick<Mailer, 'send'>;
  /** The registry's own From address (TUIDANG_MAIL_FROM), for replies of a center without an address. */
  mailFrom: string;
  /** Where staff reach the console, for the link in an assignment notice. */
  publicUrl: string;
  /** How long an item is kept after it arrives (TUIDANG_INBOX_RETENTION_DAYS). */
  retentionDays: number;
  now?: () => Date;
}

/** The sealed fields of an item. */
type SealedField = 'sender' | 'subject' | 'body';

const context = (centerId: number, itemId: number, field: SealedField | `attachment-name:${number}`) =>
  `inbox:${centerId}:${itemId}:${field}`;

/** Lower-cased and trimmed for an address; digits and a leading + for a number, whatever spacing it came with. */
function normaliseSender(sender: string): string {
  const trimmed = sender.trim();
  if (/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed.replace(/[^\d+]/g, '');
  return trimmed.toLowerCase();
}

export function senderHmac(keys: InboxDeps['keys'], sender: string): string {
  return createHmac('sha256', keys.inboxSenders)
    .update(`inbox sender ${normaliseSender(sender)}`)
    .digest('base64url');
}

export function sealField(
  keys: InboxDeps['keys'],
  item: { centerId: number; id: number },
  field: SealedField | `attachment-name:${number}`,
  value: string,
): string {
  return seal(keys.contact, value, context(item.centerId, item.id, field));
}

/** One audit entry shape for the inbox: ids, channels and counts, never a sender, subject or body. */
export function auditEntry(actor: Actor | 'system', at: Date, action: string, itemId: number, details: Record<string, unknown>) {
  const system = actor === 'system' || isSystemActor(actor);
  return {
    at,
    actorId: system ? null : (actor as Actor).id,
    actor: actor === 'system' ? 'system' : staffLabel(actor),
    action,
    targetType: 'inbound_item',
    targetId: String(itemId),
    details,
  };
}
