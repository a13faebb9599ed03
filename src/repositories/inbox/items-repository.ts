import type { Updateable } from 'kysely';
import type { InboxTables } from '../../db/schema-inbox.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { statusesBefore, type CallOutcome, type DiscardReason, type ItemChannel, type ItemStatus } from '../../domain/inbox/item-status.ts';
import type { Executor } from '../executor.ts';

/** An item as stored: the sealed fields stay sealed here; the service opens them. */
export interface SealedItem {
  id: number;
  centerId: number;
  channel: ItemChannel;
  status: ItemStatus;
  assigneeId: number | null;
  senderHmac: string | null;
  senderSealed: string | null;
  subjectSealed: string | null;
  bodySealed: string | null;
  callOutcome: CallOutcome | null;
  discardReason: DiscardReason | null;
  snoozedUntil: Date | null;
  droppedAttachments: number;
  createdBy: number | null;
  receivedAt: Date;
  purgeAfter: Date;
}

export interface NewItem {
  centerId: number;
  channel: ItemChannel;
  status: ItemStatus;
  assigneeId: number | null;
  senderHmac: string | null;
  sourceRef: string | null;
  callOutcome: CallOutcome | null;
  droppedAttachments: number;
  createdBy: number | null;
  receivedAt: Date;
  purgeAfter: Date;
  at: Date;
}

/** Which items a list shows: one center's (or every center's, for null), by holder and status. */
export interface ItemFilter {
  centerId: number | null;
  /** A staff id for "mine", 'none' for unassigned, null for all. */
  assignee: number | 'none' | null;
  /** Open items (new, in progress, snoozed), or one status. */
  status: ItemStatus | 'open';
  /** Items received before this one (by id, newest first), for the next page. */
  beforeId: number | null;
  limit: number;
}

const COLUMNS = [
  'id',
  'center_id',
  'channel',
  'status',
  'assignee_id',
  'sender_hmac',
  'sender_sealed',
  'subject_sealed',
  'body_sealed',
  'call_outcome',
  'discard_reason',
  'snoozed_until',
  'dropped_attachments',
  'created_by',
  'received_at',
  'purge_after',
] as const;

interface Row {
  id: number;
  center_id: number;
  channel: ItemChannel;
  status: ItemStatus;
  assignee_id: number | null;
  sender_hmac: string | null;
  sender_sealed: string | null;
  subject_sealed: string | null;
  body_sealed: string | null;
  call_outcome: CallOutcome | null;
  discard_reason: DiscardReason | null;
  snoozed_until: Date | string | null;
  dropped_attachments: number;
  created_by: number | null;
  received_at: Date | string;
  purge_after: Date | string;
}

function toSealed(r: Row): SealedItem {
  return {
    id: r.id,
    centerId: r.center_id,
    channel: r.channel,
    status: r.status,
    assigneeId: r.assignee_id,
    senderHmac: r.sender_hmac,
    senderSealed: r.sender_sealed,
    subjectSealed: r.subject_sealed,
    bodySealed: r.body_sealed,
    callOutcome: r.call_outcome,
    discardReason: r.discard_reason,
    snoozedUntil: r.snoozed_until === null ? null : fromDbTime(r.snoozed_until),
    droppedAttachments: Number(r.dropped_attachments),
    createdBy: r.created_by,
    receivedAt: fromDbTime(r.received_at),
    purgeAfter: fromDbTime(r.purge_after),
  };
}

/** A move of an item's status, and what changes with it. */
export interface ItemMove {
  id: number;
  to: ItemStatus;
  at: Date;
  /** Only from these statuses (a subset of those the table allows), e.g. a snoozed item whose time has come. */
  from?: readonly ItemStatus[];
  assigneeId?: number | null;
  snoozedUntil?: Date | null;
  discardReason?: DiscardReason;
  /** Only if it is snoozed until this time or earlier (waking). */
  wakeBy?: Date;
}

export const inboxItemsRepository = {
  /** Whether anything is sealed under the contact key here (composition's key check). */
  async anySealed(db: Executor): Promise<boolean> {
    return (
      (await db.selectFrom('inbound_items').select('id').where('body_sealed', 'is not', null).limit(1).executeTakeFirst()) !== undefined
    );
  },

  /** The new item's id, or null when the center already holds an item of that source reference. */
  async insert(db: Executor, item: NewItem): Promise<number | null> {
    const time = toDbTime(item.at);
    const row = await db
      .insertInto('inbound_items')
      .values({
        center_id: item.centerId,
        channel: item.channel,
        status: item.status,
        assignee_id: item.assigneeId,
        sender_hmac: item.senderHmac,
        source_ref: item.sourceRef,
        call_outcome: item.callOutcome,
        dropped_attachments: item.droppedAttachments,
        created_by: item.createdBy,
        received_at: toDbTime(item.receivedAt),
        purge_after: toDbTime(item.purgeAfter),
        created_at: time,
        updated_at: time,
      })
      .onConflict((conflict) => conflict.columns(['center_id', 'source_ref']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  },

  /** Sealed after the insert: each value is bound to the item's id. */
  async setSealed(db: Executor, id: number, sealed: { sender: string | null; subject: string | null; body: string }): Promise<void> {
    await db
      .updateTable('inbound_items')
      .set({ sender_sealed: sealed.sender, subject_sealed: sealed.subject, body_sealed: sealed.body })
      .where('id', '=', id)
      .execute();
  },

  async findBySource(db: Executor, centerId: number, sourceRef: string): Promise<number | null> {
    const row = await db
      .selectFrom('inbound_items')
      .select('id')
      .where('center_id', '=', centerId)
      .where('source_ref', '=', sourceRef)
      .executeTakeFirst();
    return row?.id ?? null;
  },

  async findById(db: Executor, id: number): Promise<SealedItem | null> {
    const row = await db.selectFrom('inbound_items').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toSealed(row) : null;
  },

  /** Newest first. A snoozed item whose time has passed is listed with the new ones (status 'new' or 'open'). */
  async list(db: Executor, filter: ItemFilter, at: Date): Promise<SealedItem[]> {
    let query = db.selectFrom('inbound_items').select(COLUMNS).orderBy('id', 'desc').limit(filter.limit);
    if (filter.centerId !== null) query = query.where('center_id', '=', filter.centerId);
    if (filter.assignee === 'none') query = query.where('assignee_id', 'is', null);
    else if (filter.assignee !== null) query = query.where('assignee_id', '=', filter.assignee);
    if (filter.beforeId !== null) query = query.where('id', '<', filter.beforeId);
    const now = toDbTime(at);
    if (filter.status === 'open') query = query.where('status', 'in', ['new', 'in_progress', 'snoozed']);
    else if (filter.status === 'new')
      query = query.where((eb) =>
        eb.or([eb('status', '=', 'new'), eb.and([eb('status', '=', 'snoozed'), eb('snoozed_until', '<=', now)])]),
      );
    else if (filter.status === 'snoozed') query = query.where('status', '=', 'snoozed').where('snoozed_until', '>', now);
    else query = query.where('status', '=', filter.status);
    return (await query.execute()).map(toSealed);
  },

  /** Every item from one sender (by HMAC), newest first. */
  async bySender(db: Executor, centerId: number | null, senderHmac: string, limit: number): Promise<SealedItem[]> {
    let query = db.selectFrom('inbound_items').select(COLUMNS).where('sender_hmac', '=', senderHmac).orderBy('id', 'desc').limit(limit);
    if (centerId !== null) query = query.where('center_id', '=', centerId);
    return (await query.execute()).map(toSealed);
  },

  /**
   * Moves an item by a conditional UPDATE: only from the statuses the table allows for `to` (and
   * `from`, if given). False when it had already moved (someone else was first) or is not there.
   */
  async move(db: Executor, move: ItemMove): Promise<boolean> {
    const allowed = statusesBefore(move.to).filter((status) => move.from === undefined || move.from.includes(status));
    if (allowed.length === 0) return false;
    const set: Updateable<InboxTables['inbound_items']> = { status: move.to, updated_at: toDbTime(move.at) };
    if (move.assigneeId !== undefined) set.assignee_id = move.assigneeId;
    // Only a snoozed item has a time to wake at.
    set.snoozed_until = move.to === 'snoozed' && move.snoozedUntil ? toDbTime(move.snoozedUntil) : null;
    if (move.discardReason !== undefined) set.discard_reason = move.discardReason;
    const result = await db
      .updateTable('inbound_items')
      .set(set)
      .where('id', '=', move.id)
      .where('status', 'in', allowed)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Items whose retention has run out, oldest first. */
  async duePurge(db: Executor, at: Date, limit: number): Promise<{ id: number; centerId: number }[]> {
    const rows = await db
      .selectFrom('inbound_items')
      .select(['id', 'center_id'])
      .where('purge_after', '<=', toDbTime(at))
      .orderBy('purge_after')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, centerId: row.center_id }));
  },

  /** Deletes an item whose attachments and links are gone; false if another purge took it first. */
  async delete(db: Executor, id: number): Promise<boolean> {
    const result = await db.deleteFrom('inbound_items').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};

export type InboxItemsRepository = typeof inboxItemsRepository;
