import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { listedStatus, type CallOutcome, type DiscardReason, type ItemChannel, type ItemStatus } from '../../domain/inbox/item-status.ts';
import type { DeclarationStatus } from '../../domain/declaration/status.ts';
import type { SealedItem } from '../../repositories/inbox/items-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import {
  auditEntry,
  itemFor,
  mayAssign,
  maskSender,
  normaliseSender,
  openField,
  openText,
  senderHmac,
  type InboxDeps,
} from './inbox-deps.ts';

/** How many items a page of the list shows. */
const PAGE_SIZE = 50;
/** Text search opens every open item of one center in memory (the text is sealed): this many at most, newest first. */
const SEARCH_WINDOW = 2_000;

export type InboxView = 'mine' | 'unassigned' | 'all';

/** An item as the list shows it: the sender masked, the text cut short. */
export interface ItemSummary {
  id: number;
  centerId: number;
  channel: ItemChannel;
  status: ItemStatus;
  assigneeId: number | null;
  maskedSender: string | null;
  subject: string | null;
  excerpt: string;
  receivedAt: Date;
  snoozedUntil: Date | null;
}

/** A declaration's names as stored (a JSON array of strings); anything else shows no names rather than failing the page. */
function namesOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

/** The whole item, for its page (opening it is audited: the sender is an address or a number). */
export interface ItemDetail extends ItemSummary {
  sender: string | null;
  body: string;
  callOutcome: CallOutcome | null;
  discardReason: DiscardReason | null;
  droppedAttachments: number;
  attachments: { position: number; mediaType: string; size: number; name: string | null }[];
  /** The declarations entered from it (batch entry's convert), so the volunteer sees whom they were for. */
  declarations: { registrationNumber: string; names: string[]; status: DeclarationStatus }[];
  assigneeName: string | null;
  /** Who the item may be assigned to; empty unless the actor may assign. */
  assignable: { id: number; name: string }[];
  /** Whether a reply can be sent: the sender is an email address. */
  canReply: boolean;
}

export interface ListQuery {
  view: InboxView;
  status: ItemStatus | 'open';
  /** A global admin's choice of center; others always see their own. */
  centerId: number | null;
  beforeId: number | null;
}

const EXCERPT_CHARS = 120;

export function createInboxQueries(deps: InboxDeps) {
  const { db, items, attachments, links, staff, audit, keys } = deps;
  const now = deps.now ?? (() => new Date());

  function summarise(item: SealedItem, at: Date): ItemSummary {
    const text = openText(keys, item);
    const flat = text.body.replace(/\s+/g, ' ').trim();
    return {
      id: item.id,
      centerId: item.centerId,
      channel: item.channel,
      status: listedStatus(item, at),
      assigneeId: item.assigneeId,
      maskedSender: maskSender(text.sender),
      subject: text.subject,
      excerpt: flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat,
      receivedAt: item.receivedAt,
      snoozedUntil: item.snoozedUntil,
    };
  }

  /** The center a query reads: one's own, or any (null: all) for a global admin. */
  function centerOf(actor: Actor, asked: number | null): Result<number | null> {
    if (can(actor, Permission.InboxManageAll)) return ok(asked);
    if (!can(actor, Permission.InboxWork)) return fail('auth.forbidden');
    if (actor.centerId === null) return fail('auth.forbidden');
    return ok(actor.centerId);
  }

  return {
    /** Mine, unassigned or all, by status, newest first; a snoozed item past its time is listed as new. */
    async list(actor: Actor, query: ListQuery): Promise<Result<{ items: ItemSummary[]; nextBeforeId: number | null }>> {
      const center = centerOf(actor, query.centerId);
      if (!center.ok) return center;
      const at = now();
      const assignee = query.view === 'mine' ? actor.id : query.view === 'unassigned' ? 'none' : null;
      const rows = await items.list(
        db,
        { centerId: center.value, assignee, status: query.status, beforeId: query.beforeId, limit: PAGE_SIZE + 1 },
        at,
      );
      const page = rows.slice(0, PAGE_SIZE).map((row) => summarise(row, at));
      return ok({ items: page, nextBeforeId: rows.length > PAGE_SIZE ? (page.at(-1)?.id ?? null) : null });
    },

    /**
     * An address or number finds every item from that sender (by HMAC, any status); any other text
     * is looked for in the open items of one center, opened in memory.
     */
    async search(actor: Actor, text: string, centerId: number | null): Promise<Result<ItemSummary[]>> {
      const center = centerOf(actor, centerId);
      if (!center.ok) return center;
      const needle = text.trim();
      if (needle.length < 2 || needle.length > 320) return fail('inbox.error.search');
      const at = now();
      if (needle.includes('@') || /^\+?[\d\s().-]{6,}$/.test(needle)) {
        const found = await items.bySender(db, center.value, senderHmac(keys, needle), PAGE_SIZE);
        return ok(found.map((row) => summarise(row, at)));
      }
      if (center.value === null) return fail('inbox.error.chooseCenter');
      const open = await items.list(
        db,
        { centerId: center.value, assignee: null, status: 'open', beforeId: null, limit: SEARCH_WINDOW },
        at,
      );
      const lower = needle.toLowerCase();
      const hits = open.filter((row) => {
        const opened = openText(keys, row);
        return [opened.subject ?? '', opened.body, opened.sender === null ? '' : normaliseSender(opened.sender)].some((field) =>
          field.toLowerCase().includes(lower),
        );
      });
      return ok(hits.slice(0, PAGE_SIZE).map((row) => summarise(row, at)));
    },

    /**
     * The whole item. Opening it reveals its sender, so it is audited; a snoozed item whose time
     * has passed wakes here (the same conditional UPDATE as by hand), so no job is needed.
     */
    async view(actor: Actor, id: number): Promise<Result<ItemDetail>> {
      const found = await itemFor(deps, actor, id);
      if (!found.ok) return found;
      const at = now();
      let item = found.value;
      await db.transaction().execute(async (trx) => {
        if (listedStatus(item, at) !== item.status && (await items.move(trx, { id, to: 'new', at, from: ['snoozed'], wakeBy: at }))) {
          await audit.append(trx, auditEntry('system', at, 'inbox.item.woken', id, {}));
        }
        await audit.append(trx, auditEntry(actor, at, 'inbox.item.viewed', id, { center: item.centerId }));
      });
      item = (await items.findById(db, id)) ?? item;
      const text = openText(keys, item);
      const stored = await attachments.forItem(db, id);
      const assignee = item.assigneeId === null ? null : await staff.findById(db, item.assigneeId);
      const assignable = mayAssign(actor, item.centerId)
        ? (await staff.list(db, { centerId: item.centerId }))
            .filter((member) => member.active && (member.role === 'volunteer' || member.role === 'center_admin'))
            .map((member) => ({ id: member.id, name: member.name }))
        : [];
      return ok({
        ...summarise(item, at),
        sender: text.sender,
        body: text.body,
        callOutcome: item.callOutcome,
        discardReason: item.discardReason,
        droppedAttachments: item.droppedAttachments,
        attachments: stored.map((a) => ({
          position: a.position,
          mediaType: a.mediaType,
          size: a.size,
          name: openField(keys, item, `attachment-name:${a.position}`, a.nameSealed),
        })),
        declarations: (await links.forItem(db, id)).map((row) => ({
          registrationNumber: row.registrationNumber,
          names: namesOf(row.namesJson),
          status: row.status,
        })),
        assigneeName: assignee?.name ?? null,
        assignable,
        canReply: (text.sender ?? '').includes('@'),
      });
    },

    /**
     * An attachment's bytes and stored type, after the same check as the item. Audited like opening
     * the item: a fax or a recording names people, and its address can be fetched without the page.
     */
    async attachment(actor: Actor, id: number, position: number): Promise<Result<{ bytes: Buffer; mediaType: string }>> {
      const found = await itemFor(deps, actor, id);
      if (!found.ok) return found;
      const record = (await attachments.forItem(db, id)).find((a) => a.position === position);
      if (!record) return fail('request.notFound');
      try {
        const bytes = await deps.store.get({ centerId: found.value.centerId, itemId: id, position, storageKey: record.storageKey });
        const at = now();
        await db
          .transaction()
          .execute((trx) =>
            audit.append(trx, auditEntry(actor, at, 'inbox.attachment.viewed', id, { center: found.value.centerId, position })),
          );
        return ok({ bytes, mediaType: record.mediaType });
      } catch (error) {
        // Purged between the two reads: gone, like the item will be.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail('request.notFound');
        throw error;
      }
    },
  };
}
