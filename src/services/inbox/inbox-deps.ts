import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Keys } from '../../crypto/keys.ts';
import { open, seal } from '../../crypto/seal.ts';
import type { Database } from '../../db/schema.ts';
import { Permission, can, isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { Logger } from '../../logging/logger.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { CentersRepository } from '../../repositories/centers-repository.ts';
import type { InboxAttachmentsRepository } from '../../repositories/inbox/attachments-repository.ts';
import type { InboxItemDeclarationsRepository } from '../../repositories/inbox/item-declarations-repository.ts';
import type { InboxItemsRepository, SealedItem } from '../../repositories/inbox/items-repository.ts';
import type { StaffRepository } from '../../repositories/staff-repository.ts';
import { fail, ok, type Result } from '../result.ts';
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
  /** Where a notice that could not be mailed is reported (the assignment itself stands). */
  logger: Pick<Logger, 'warn'>;
  /** The registry's own From address (TUIDANG_MAIL_FROM), for replies of a center without an address. */
  mailFrom: string;
  /** Where staff reach the console, for the link in an assignment notice. */
  publicUrl: string;
  /** How long an item is kept after it arrives (TUIDANG_INBOX_RETENTION_DAYS). */
  retentionDays: number;
  /** The counting time zone: a snooze's time is read in it. */
  timeZone: string;
  now?: () => Date;
}

/** The sealed fields of an item. */
type SealedField = 'sender' | 'subject' | 'body';

const context = (centerId: number, itemId: number, field: SealedField | `attachment-name:${number}`) =>
  `inbox:${centerId}:${itemId}:${field}`;

/** Lower-cased and trimmed for an address; digits and a leading + for a number, whatever spacing it came with. */
export function normaliseSender(sender: string): string {
  const trimmed = sender.trim();
  if (/^\+?[\d\s().-]+$/.test(trimmed)) return trimmed.replace(/[^\d+]/g, '');
  return trimmed.toLowerCase();
}

/**
 * An attachment's digest (`inbound_attachments.sha256`): an HMAC-SHA-256 of the bytes under the inbox
 * key, the prefix keeping it apart from the senders' HMACs. A plain SHA-256 would let whoever holds the
 * database and a copy of a file (a leaked list, say) confirm that a center received it.
 */
export function attachmentDigest(keys: InboxDeps['keys'], bytes: Uint8Array): string {
  return createHmac('sha256', keys.inboxSenders).update('inbox attachment ').update(bytes).digest('hex');
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

export function openField(
  keys: InboxDeps['keys'],
  item: { centerId: number; id: number },
  field: SealedField | `attachment-name:${number}`,
  sealed: string | null,
): string | null {
  return sealed === null ? null : open(keys.contact, sealed, context(item.centerId, item.id, field));
}

/** Global admins reach every center's inbox; everyone else only their own center's. */
export function mayWork(actor: Actor, centerId: number): boolean {
  if (can(actor, Permission.InboxManageAll)) return true;
  return can(actor, Permission.InboxWork) && actor.centerId !== null && actor.centerId === centerId;
}

/**
 * The item, if the actor may work it. Another center's item is "not found", not "forbidden": its
 * existence is none of the actor's business.
 */
export async function itemFor(deps: Pick<InboxDeps, 'db' | 'items'>, actor: Actor, id: number): Promise<Result<SealedItem>> {
  if (!can(actor, Permission.InboxWork)) return fail('auth.forbidden');
  if (!Number.isSafeInteger(id) || id <= 0) return fail('request.notFound');
  const item = await deps.items.findById(deps.db, id);
  if (!item || !mayWork(actor, item.centerId)) return fail('request.notFound');
  return ok(item);
}

/** Whether the actor may hand the center's items to someone else. */
export function mayAssign(actor: Actor, centerId: number): boolean {
  if (can(actor, Permission.InboxManageAll)) return true;
  return can(actor, Permission.InboxManageCenter) && actor.centerId !== null && actor.centerId === centerId;
}

/** An item's sealed text, opened. */
export interface OpenedText {
  sender: string | null;
  subject: string | null;
  body: string;
}

export function openText(keys: InboxDeps['keys'], item: SealedItem): OpenedText {
  return {
    sender: openField(keys, item, 'sender', item.senderSealed),
    subject: openField(keys, item, 'subject', item.subjectSealed),
    body: openField(keys, item, 'body', item.bodySealed) ?? '',
  };
}

/**
 * Enough of a sender to tell two apart in a list, not to write to or dial: the whole of it is
 * shown only on the item's page, whose opening is audited.
 */
export function maskSender(sender: string | null): string | null {
  if (sender === null) return null;
  const at = sender.lastIndexOf('@');
  if (at > 0) return `${sender.slice(0, 1)}***${sender.slice(at)}`;
  return sender.length > 6 ? `${sender.slice(0, 3)}****${sender.slice(-4)}` : '****';
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
