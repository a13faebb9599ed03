/**
 * Where an inbound item (voicemail, fax, email, web message, logged call) stands in its center's
 * inbox (docs/inbox.md). Who holds it is the assignee column, not a status, so "mine" and
 * "unassigned" are filters rather than states.
 */
export const ITEM_STATUSES = ['new', 'in_progress', 'converted', 'discarded', 'snoozed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The channels an item arrives by; one table holds them all. */
export type ItemChannel = 'email' | 'fax' | 'voicemail' | 'web' | 'call';

/** The moves an item may make, each applied by a conditional UPDATE on its current status. */
export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  new: ['in_progress', 'converted', 'discarded', 'snoozed'],
  // Reassigning keeps an item in progress; the assignee changes in the same UPDATE.
  in_progress: ['in_progress', 'converted', 'discarded', 'snoozed'],
  // Waking (its time has passed, or by hand) returns it to the new items; snoozing again moves the time.
  snoozed: ['new', 'converted', 'discarded', 'snoozed'],
  // Final: a wrong discard is answered by asking the sender again, not by rewriting what happened.
  converted: [],
  discarded: [],
};

export function canMove(from: ItemStatus, to: ItemStatus): boolean {
  return ITEM_TRANSITIONS[from].includes(to);
}

/** The statuses an item may leave for `to`: the WHERE of the UPDATE that moves it. */
export function statusesBefore(to: ItemStatus): ItemStatus[] {
  return ITEM_STATUSES.filter((from) => ITEM_TRANSITIONS[from].includes(to));
}

/** Why an item was discarded; stored as the code, shown through the catalog. */
export type DiscardReason = 'spam' | 'duplicate' | 'not_a_declaration' | 'unreadable' | 'withdrawn';

/** How a call logged by a volunteer ended. */
export type CallOutcome = 'answered' | 'returned' | 'no_answer' | 'declared' | 'callback';

/**
 * The status an item is listed under at `now`: a snoozed item whose time has passed is shown with
 * the new ones, so waking needs no job (the stored status moves when the item is next touched).
 */
export function listedStatus(item: { status: ItemStatus; snoozedUntil: Date | null }, now: Date): ItemStatus {
  if (item.status === 'snoozed' && item.snoozedUntil !== null && item.snoozedUntil <= now) return 'new';
  return item.status;
}
