import { instantOfWallTime } from '../../domain/counter/counting-day.ts';
import { findTextProblem } from '../../domain/declaration/safe-text.ts';
import { listedStatus, type CallOutcome, type DiscardReason } from '../../domain/inbox/item-status.ts';
import { toE164 } from '../../domain/outreach/phone.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import { actorOf } from '../staff-auth-service.ts';
import type { ItemMove, SealedItem } from '../../repositories/inbox/items-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { ErrorCode } from '../../i18n/index.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, itemFor, mayAssign, mayWork, openText, type InboxDeps } from './inbox-deps.ts';
import type { createReceive } from './receive.ts';

export const DISCARD_REASONS: readonly DiscardReason[] = ['spam', 'duplicate', 'not_a_declaration', 'unreadable', 'withdrawn'];
export const CALL_OUTCOMES: readonly CallOutcome[] = ['answered', 'returned', 'no_answer', 'declared', 'callback'];

const REPLY_CHARS = 20_000;
const NOTE_CHARS = 5_000;

/**
 * A reply or a call note obeys the declaration form's text rules: bytes that were not UTF-8 (left as
 * U+FFFD), control characters and direction overrides would be mailed to a sender or shown to the
 * next volunteer as something other than what was typed.
 */
function textError(value: string, maxLength: number): ErrorCode | null {
  const problem = findTextProblem(value, { maxLength, multiline: true });
  if (problem === null) return null;
  return problem === 'tooLong' ? 'inbox.error.tooLong' : `text.${problem}`;
}

/** What a volunteer enters for a hotline call they answered or returned. */
export interface CallInput {
  /** A global admin names the center; everyone else logs for their own. */
  centerId: number | null;
  phone: string;
  note: string;
  outcome: string;
}

/**
 * The moves of an item (docs/inbox.md, "Status, as data"): take, assign, snooze, wake, discard,
 * each one conditional UPDATE and its audit entry in one transaction; a lost race is
 * `inbox.error.moved` and changes nothing. Replies and logged calls beside them.
 */
export function createInboxMoves(deps: InboxDeps, receive: ReturnType<typeof createReceive>) {
  const { db, items, centers, staff, audit, keys, mailer } = deps;
  const now = deps.now ?? (() => new Date());

  /** A snoozed item whose time has passed is new again before it moves on: the list already shows it so. */
  async function wakeIfDue(trx: Executor, item: SealedItem, at: Date): Promise<void> {
    if (listedStatus(item, at) !== item.status) await items.move(trx, { id: item.id, to: 'new', at, from: ['snoozed'], wakeBy: at });
  }

  async function move(
    actor: Actor,
    id: number,
    change: Omit<ItemMove, 'id' | 'at'>,
    action: string,
    details: Record<string, unknown>,
    check?: (item: SealedItem) => Promise<Result<null>>,
  ): Promise<Result<SealedItem>> {
    const found = await itemFor(deps, actor, id);
    if (!found.ok) return found;
    if (check) {
      const checked = await check(found.value);
      if (!checked.ok) return checked;
    }
    const at = now();
    const moved = await db.transaction().execute(async (trx) => {
      await wakeIfDue(trx, found.value, at);
      if (!(await items.move(trx, { ...change, id, at }))) return false;
      await audit.append(trx, auditEntry(actor, at, action, id, details));
      return true;
    });
    return moved ? ok(found.value) : fail('inbox.error.moved');
  }

  /** Tells a member an item was given to them, in the console's three languages: a link, never the sender or the text. */
  async function notifyAssignee(email: string, itemId: number): Promise<void> {
    const link = `${deps.publicUrl}/console/inbox/item/${itemId}`;
    await mailer.send({
      to: email,
      subject: `收件箱有一项分配给您 · An inbox item was assigned to you (#${itemId})`,
      text: [
        `收件箱的第 ${itemId} 项已分配给您，请登录工作台处理：\n${link}`,
        `收件匣的第 ${itemId} 項已分配給您，請登入工作台處理：\n${link}`,
        `Inbox item #${itemId} has been assigned to you. Sign in to the console to work on it:\n${link}`,
      ].join('\n\n'),
    });
  }

  return {
    /** A new item becomes the actor's, in progress. */
    take(actor: Actor, id: number): Promise<Result<SealedItem>> {
      return move(actor, id, { to: 'in_progress', from: ['new'], assigneeId: actor.id }, 'inbox.item.taken', {});
    },

    /** A center admin (or global admin) gives an open item to an active member of its center; the member is mailed. */
    async assign(actor: Actor, id: number, memberId: number | null): Promise<Result<SealedItem>> {
      if (!can(actor, Permission.InboxManageCenter) && !can(actor, Permission.InboxManageAll)) return fail('auth.forbidden');
      const member = memberId === null ? null : await staff.findById(db, memberId);
      const moved = await move(
        actor,
        id,
        { to: 'in_progress', from: ['new', 'in_progress'], assigneeId: memberId },
        'inbox.item.assigned',
        { assignee: memberId },
        async (item) => {
          if (!mayAssign(actor, item.centerId)) return fail('auth.forbidden');
          if (!member?.active || member.centerId !== item.centerId || !can(actorOf(member), Permission.InboxWork)) {
            return fail('inbox.error.assignee');
          }
          return ok(null);
        },
      );
      if (moved.ok && member && member.id !== actor.id) {
        // The assignment is made; a mail server that is down must not undo it or fail the page.
        await notifyAssignee(member.email, id).catch((error: Error) =>
          deps.logger.warn({ err: { message: error.message }, item: id }, 'inbox: assignment notice not sent'),
        );
      }
      return moved;
    },

    /** Until a date and time in the counting time zone (`YYYY-MM-DDTHH:MM`), later than now. */
    snooze(actor: Actor, id: number, until: string): Promise<Result<SealedItem>> {
      const at = instantOfWallTime(until.trim().replace(' ', 'T'), deps.timeZone);
      if (at === null || at <= now()) return Promise.resolve(fail('inbox.error.time'));
      return move(actor, id, { to: 'snoozed', snoozedUntil: at }, 'inbox.item.snoozed', { until: at.toISOString() });
    },

    /** A snoozed item back with the new ones before its time. */
    wake(actor: Actor, id: number): Promise<Result<SealedItem>> {
      return move(actor, id, { to: 'new', from: ['snoozed'] }, 'inbox.item.woken', {});
    },

    discard(actor: Actor, id: number, reason: string): Promise<Result<SealedItem>> {
      const known = DISCARD_REASONS.find((r) => r === reason);
      if (!known) return Promise.resolve(fail('inbox.error.reason'));
      return move(actor, id, { to: 'discarded', discardReason: known }, 'inbox.item.discarded', { reason: known });
    },

    /**
     * Replies by email from the center's address (or the registry's own). The reply's text is sent,
     * never stored; the audit entry records that one was sent and how long it was.
     */
    async reply(actor: Actor, id: number, body: string): Promise<Result<null>> {
      const found = await itemFor(deps, actor, id);
      if (!found.ok) return found;
      const text = body.trim();
      if (text === '') return fail('inbox.error.replyEmpty');
      const problem = textError(text, REPLY_CHARS);
      if (problem) return fail(problem);
      const opened = openText(keys, found.value);
      if (opened.sender === null || !/^[^\s@<>]+@[^\s@<>]+$/.test(opened.sender)) return fail('inbox.error.noReplyAddress');
      const center = await centers.findById(db, found.value.centerId);
      const subject = opened.subject ? (/^re:/i.test(opened.subject) ? opened.subject : `Re: ${opened.subject}`) : 'Re:';
      try {
        await mailer.send({ to: opened.sender, from: center?.email ?? deps.mailFrom, subject, text });
      } catch (error) {
        deps.logger.warn({ err: { message: (error as Error).message }, item: id }, 'inbox: reply not sent');
        return fail('inbox.error.mailFailed');
      }
      const at = now();
      await db.transaction().execute((trx) => audit.append(trx, auditEntry(actor, at, 'inbox.item.replied', id, { chars: text.length })));
      return ok(null);
    },

    /** A hotline call the volunteer answered or returned: an item in progress, theirs, beside the voicemails. */
    async logCall(actor: Actor, input: CallInput): Promise<Result<{ id: number }>> {
      if (!can(actor, Permission.InboxWork)) return fail('auth.forbidden');
      const centerId = can(actor, Permission.InboxManageAll) ? input.centerId : actor.centerId;
      if (centerId === null || !mayWork(actor, centerId)) return fail('inbox.error.center');
      const outcome = CALL_OUTCOMES.find((o) => o === input.outcome);
      if (!outcome) return fail('inbox.error.outcome');
      const phone = input.phone.trim() === '' ? null : toE164(input.phone);
      if (input.phone.trim() !== '' && phone === null) return fail('inbox.error.phone');
      const problem = textError(input.note, NOTE_CHARS);
      if (problem) return fail(problem);
      const at = now();
      const filed = await receive.file(
        {
          centerId,
          channel: 'call',
          receivedAt: at,
          sender: phone,
          subject: null,
          body: input.note.trim(),
          sourceRef: null,
          attachments: [],
        },
        { status: 'in_progress', assigneeId: actor.id, createdBy: actor.id, callOutcome: outcome, actor, action: 'inbox.call.logged' },
      );
      return filed.ok ? ok({ id: filed.value.id }) : filed;
    },
  };
}
