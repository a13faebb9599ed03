import type { Generated } from 'kysely';
import type { CallOutcome, DiscardReason, ItemChannel, ItemStatus } from '../domain/inbox/item-status.ts';
import type { DbTime } from './time.ts';

// The inbox's tables (migration 0015, docs/inbox.md).
interface InboundItemsTable {
  id: Generated<number>;
  center_id: number;
  channel: ItemChannel;
  status: ItemStatus;
  assignee_id: number | null;
  /** HMAC of the normalised address or E.164 number; null when the sender is unknown. */
  sender_hmac: string | null;
  /** Sealed under the contact key, bound to the center, the item and the field. */
  sender_sealed: string | null;
  subject_sealed: string | null;
  /** Text, transcript or call note, sealed; null once purged. */
  body_sealed: string | null;
  /** Provider id or Message-ID digest, unique per center: a redelivery is not a second item. */
  source_ref: string | null;
  call_outcome: CallOutcome | null;
  discard_reason: DiscardReason | null;
  snoozed_until: DbTime | null;
  /** Attachments refused for their type, size or count. */
  dropped_attachments: Generated<number>;
  created_by: number | null;
  received_at: DbTime;
  created_at: DbTime;
  updated_at: DbTime;
  purge_after: DbTime;
}

interface InboundAttachmentsTable {
  id: Generated<number>;
  item_id: number;
  position: number;
  name_sealed: string | null;
  /** Detected from the bytes. */
  media_type: string;
  size: number;
  /** HMAC-SHA-256 of the plaintext under the inbox key, hex (services/inbox/inbox-deps.ts); a plain SHA-256 in rows from before migration 0027. */
  sha256: string;
  /** Names the sealed file under the data dir. */
  storage_key: string;
  created_at: DbTime;
}

interface InboundItemDeclarationsTable {
  item_id: number;
  declaration_id: number;
}

export interface InboxTables {
  inbound_items: InboundItemsTable;
  inbound_attachments: InboundAttachmentsTable;
  inbound_item_declarations: InboundItemDeclarationsTable;
}
