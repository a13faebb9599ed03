/**
 * The centers' inbox addresses, `<local>@<inbox domain>` (docs/inbox.md, "How items arrive"), and the
 * return-path addresses newsletter bounces come back to, `bounces+<token>@<inbox domain>`.
 */

/** Letters, digits, and dots, hyphens or underscores between them: what every mail system accepts unquoted. */
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._-]{0,38}[a-z0-9])?$/;

/** Names a center may not take: mail systems' role addresses and the bounce prefix. */
const RESERVED = new Set(['bounces', 'postmaster', 'abuse', 'hostmaster', 'webmaster', 'mailer-daemon', 'noreply', 'no-reply', 'root']);

const DEFAULT_PREFIX = 'center-';

/** The address a center has until its admin names another: unique because its id is. */
export function defaultLocalPart(centerId: number): string {
  return `${DEFAULT_PREFIX}${centerId}`;
}

/** The center a default local part stands for, if it is one. */
export function centerOfDefault(local: string): number | null {
  const match = /^center-([1-9]\d{0,9})$/.exec(local);
  // Ids are below 2^31 on both engines: a larger number names no center.
  const id = match ? Number(match[1]) : null;
  return id !== null && id <= 2_147_483_647 ? id : null;
}

export type LocalPartProblem = 'channels.addressInvalid' | 'channels.addressReserved';

/**
 * Checks a local part a center admin chose (already lower-cased). Another center's default is
 * reserved for that center, so no choice can take an address some center still answers to.
 */
export function localPartProblem(local: string, centerId: number): LocalPartProblem | null {
  if (!LOCAL_PART.test(local) || /[._-]{2}/.test(local)) return 'channels.addressInvalid';
  if (RESERVED.has(local)) return 'channels.addressReserved';
  const defaultOf = centerOfDefault(local);
  if (defaultOf !== null && defaultOf !== centerId) return 'channels.addressReserved';
  return null;
}

export type Recipient = { kind: 'center'; local: string } | { kind: 'bounce'; token: string } | { kind: 'foreign' };

const BOUNCE_TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * What an envelope recipient is to the receiver: a center's address, a bounce of the newsletter, or
 * somebody else's (refused: the receiver relays nothing). The domain compares without case; the local
 * part too, since people type addresses in any case.
 */
export function classifyRecipient(address: string, domain: string): Recipient {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return { kind: 'foreign' };
  const local = address.slice(0, at);
  if (local.toLowerCase().startsWith('bounces+')) {
    const token = local.slice('bounces+'.length);
    return BOUNCE_TOKEN.test(token) ? { kind: 'bounce', token } : { kind: 'foreign' };
  }
  const lower = local.toLowerCase();
  return LOCAL_PART.test(lower) ? { kind: 'center', local: lower } : { kind: 'foreign' };
}
