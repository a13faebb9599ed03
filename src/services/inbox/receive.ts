import { fileTypeFromBuffer } from 'file-type';
import type { CallOutcome, ItemChannel, ItemStatus } from '../../domain/inbox/item-status.ts';
import type { Actor } from '../../domain/staff/permissions.ts';
import type { AttachmentRecord } from '../../repositories/inbox/attachments-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import type { StoredAttachment } from './attachment-store.ts';
import type { InboundMessage } from './inbound-message.ts';
import { attachmentDigest, auditEntry, sealField, senderHmac, type InboxDeps } from './inbox-deps.ts';

/** Limits of one message (docs/inbox.md, "Attachments"); the SMTP receiver caps a message at the total too. */
export const INBOX_LIMITS = {
  attachments: 10,
  attachmentBytes: 10 * 1024 * 1024,
  messageBytes: 25 * 1024 * 1024,
  bodyChars: 100_000,
  subjectChars: 1_000,
  senderChars: 320,
  sourceRefChars: 500,
  nameChars: 255,
} as const;

const CHANNELS: readonly ItemChannel[] = ['email', 'fax', 'voicemail', 'web', 'call'];

/** The types kept, by what `file-type` calls them; everything else is dropped and counted. */
const KEPT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
  'image/tiff': 'image/tiff',
  'audio/mpeg': 'audio/mpeg',
  'audio/wav': 'audio/wav',
  'audio/ogg': 'audio/ogg',
  'audio/ogg; codecs=opus': 'audio/ogg',
  'audio/mp4': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
};

/** How an item is filed: what arrived by itself is new and nobody's; a logged call is its volunteer's. */
export interface Filing {
  status: ItemStatus;
  assigneeId: number | null;
  createdBy: number | null;
  callOutcome: CallOutcome | null;
  /** Who is audited: the system for what arrived, the volunteer for a call. */
  actor: Actor | 'system';
  action: string;
}

interface Kept {
  name: string | null;
  bytes: Uint8Array;
  mediaType: string;
}

/** Thrown inside the transaction when the center already holds the message (another delivery won the race). */
class Redelivered extends Error {}

function checkMessage(message: InboundMessage): Result<null> {
  if (!CHANNELS.includes(message.channel)) return fail('inbox.error.channel');
  if (!Number.isSafeInteger(message.centerId) || message.centerId <= 0) return fail('inbox.error.center');
  if (!(message.receivedAt instanceof Date) || Number.isNaN(message.receivedAt.getTime())) return fail('request.invalid');
  if (typeof message.body !== 'string' || message.body.length > INBOX_LIMITS.bodyChars) return fail('inbox.error.tooLong');
  if ((message.subject?.length ?? 0) > INBOX_LIMITS.subjectChars) return fail('inbox.error.tooLong');
  if ((message.sender?.length ?? 0) > INBOX_LIMITS.senderChars) return fail('inbox.error.tooLong');
  if ((message.sourceRef?.length ?? 0) > INBOX_LIMITS.sourceRefChars) return fail('request.invalid');
  return ok(null);
}

/** Keeps what fits the limits and is of a kept type, decided from the first bytes; the rest is counted. */
async function sortAttachments(attachments: InboundMessage['attachments']): Promise<{ kept: Kept[]; dropped: number }> {
  const kept: Kept[] = [];
  let dropped = 0;
  let total = 0;
  for (const attachment of attachments) {
    const size = attachment.bytes.byteLength;
    if (
      kept.length >= INBOX_LIMITS.attachments ||
      size === 0 ||
      size > INBOX_LIMITS.attachmentBytes ||
      total + size > INBOX_LIMITS.messageBytes
    ) {
      dropped++;
      continue;
    }
    const detected = await fileTypeFromBuffer(attachment.bytes);
    const mediaType = detected ? KEPT_TYPES[detected.mime] : undefined;
    if (mediaType === undefined) {
      dropped++;
      continue;
    }
    total += size;
    const name = attachment.name?.trim().slice(0, INBOX_LIMITS.nameChars) || null;
    kept.push({ name, bytes: attachment.bytes, mediaType });
  }
  return { kept, dropped };
}

/**
 * Files one message: checks it, decides the attachments' types from their bytes, seals the sender,
 * subject, body and names, and writes the item and its attachments in one transaction, audited
 * (counts and channel, never the sender). A redelivery (same center and source reference) answers
 * with the first item.
 */
export function createReceive(deps: InboxDeps) {
  const { db, items, attachments, centers, audit, keys, store } = deps;
  const now = deps.now ?? (() => new Date());

  async function file(message: InboundMessage, filing: Filing): Promise<Result<{ id: number; duplicate: boolean; dropped: number }>> {
    const checked = checkMessage(message);
    if (!checked.ok) return checked;
    if (!(await centers.findById(db, message.centerId))) return fail('inbox.error.center');
    const sourceRef = message.sourceRef?.trim() || null;
    if (sourceRef !== null) {
      const first = await items.findBySource(db, message.centerId, sourceRef);
      if (first !== null) return ok({ id: first, duplicate: true, dropped: 0 });
    }
    const { kept, dropped } = await sortAttachments(message.attachments);
    const at = now();
    const sender = message.sender?.trim() || null;
    const written: StoredAttachment[] = [];
    try {
      const id = await db.transaction().execute(async (trx) => {
        const itemId = await items.insert(trx, {
          centerId: message.centerId,
          channel: message.channel,
          status: filing.status,
          assigneeId: filing.assigneeId,
          senderHmac: sender === null ? null : senderHmac(keys, sender),
          sourceRef,
          callOutcome: filing.callOutcome,
          droppedAttachments: dropped,
          createdBy: filing.createdBy,
          receivedAt: message.receivedAt,
          purgeAfter: new Date(at.getTime() + deps.retentionDays * 86_400_000),
          at,
        });
        if (itemId === null) throw new Redelivered();
        const item = { centerId: message.centerId, id: itemId };
        const subject = message.subject?.trim() || null;
        await items.setSealed(trx, itemId, {
          sender: sender === null ? null : sealField(keys, item, 'sender', sender),
          subject: subject === null ? null : sealField(keys, item, 'subject', subject),
          body: sealField(keys, item, 'body', message.body),
        });
        const records: AttachmentRecord[] = [];
        for (const [index, attachment] of kept.entries()) {
          const position = index + 1;
          const stored: StoredAttachment = { centerId: message.centerId, itemId, position, storageKey: store.newKey() };
          written.push(stored);
          await store.put(stored, attachment.bytes);
          records.push({
            itemId,
            position,
            nameSealed: attachment.name === null ? null : sealField(keys, item, `attachment-name:${position}`, attachment.name),
            mediaType: attachment.mediaType,
            size: attachment.bytes.byteLength,
            sha256: attachmentDigest(keys, attachment.bytes),
            storageKey: stored.storageKey,
            createdAt: at,
          });
        }
        await attachments.insert(trx, records);
        await audit.append(
          trx,
          auditEntry(filing.actor, at, filing.action, itemId, {
            channel: message.channel,
            center: message.centerId,
            attachments: kept.length,
            dropped,
            ...(filing.callOutcome ? { outcome: filing.callOutcome } : {}),
          }),
        );
        return itemId;
      });
      return ok({ id, duplicate: false, dropped });
    } catch (error) {
      // Nothing was committed: the files written for it must not stay behind.
      await Promise.all(written.map((stored) => store.remove(stored)));
      if (error instanceof Redelivered && sourceRef !== null) {
        const first = await items.findBySource(db, message.centerId, sourceRef);
        if (first !== null) return ok({ id: first, duplicate: true, dropped: 0 });
      }
      throw error;
    }
  }

  return {
    file,
    /** Every way in (SMTP, IMAP, voicemail webhook, contact form) files through here, as the system. */
    receive(message: InboundMessage): Promise<Result<{ id: number; duplicate: boolean; dropped: number }>> {
      return file(message, {
        status: 'new',
        assigneeId: null,
        createdBy: null,
        callOutcome: null,
        actor: 'system',
        action: 'inbox.item.received',
      });
    },
  };
}
