/**
 * Where a contact of a call list stands. A lease is not a status: a contact is held while
 * leased_to is set and lease_expires_at is in the future (docs/outreach.md).
 */
export const CONTACT_STATUSES = ['staged', 'open', 'callback', 'closed', 'suppressed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** The moves a contact may make, each applied by a conditional UPDATE on its current status. */
export const CONTACT_TRANSITIONS: Readonly<Record<ContactStatus, readonly ContactStatus[]>> = {
  // Confirming an import opens its rows; discarding deletes them.
  staged: ['open', 'suppressed'],
  // An attempt reopens (retry later), schedules a callback, closes or suppresses.
  open: ['open', 'callback', 'closed', 'suppressed'],
  callback: ['open', 'callback', 'closed', 'suppressed'],
  closed: ['suppressed'],
  suppressed: [],
};

/** The statuses a contact may leave for `to`: the WHERE of the UPDATE that moves it. */
export function statusesBefore(to: ContactStatus): ContactStatus[] {
  return CONTACT_STATUSES.filter((from) => CONTACT_TRANSITIONS[from].includes(to));
}

/** How a scheduled callback stands: not yet time, time to call, or more than an hour late. */
export type CallbackState = 'upcoming' | 'due' | 'overdue';

const OVERDUE_AFTER_MS = 60 * 60 * 1000;

export function callbackState(dueAt: Date, now: Date): CallbackState {
  if (now < dueAt) return 'upcoming';
  return now.getTime() - dueAt.getTime() >= OVERDUE_AFTER_MS ? 'overdue' : 'due';
}
