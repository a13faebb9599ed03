import { findTextProblem } from '../declaration/safe-text.ts';
import { localPartProblem } from './inbox-address.ts';

/** What the console's form sends for a center's inbox settings, as typed. */
export interface InboxSettingsForm {
  address: string;
  imapHost: string;
  imapPort: string;
  imapTls: boolean;
  imapUser: string;
  /** Blank keeps the stored password. */
  imapPassword: string;
  imapFolder: string;
}

interface ImapMailboxInput {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  /** Null keeps the stored one. */
  password: string | null;
  folder: string;
}

export interface InboxSettingsInput {
  addressLocal: string;
  /** Null removes the mailbox. */
  imap: ImapMailboxInput | null;
}

export type InboxSettingsField = 'address' | 'imapHost' | 'imapPort' | 'imapUser' | 'imapPassword' | 'imapFolder';
export type InboxSettingsErrors = Partial<Record<InboxSettingsField, string>>;

const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[[0-9A-Fa-f:.]{2,45}\]$/;
export const IMAP_LIMITS = { user: 200, password: 500, folder: 200 } as const;

/**
 * Checks the form for `centerId`; each error is an i18n code. An empty host means "no mailbox" and
 * the other IMAP fields are then ignored. A password is needed only when none is stored yet.
 */
export function parseInboxSettings(
  form: InboxSettingsForm,
  centerId: number,
  passwordStored: boolean,
): { ok: true; input: InboxSettingsInput } | { ok: false; errors: InboxSettingsErrors } {
  const errors: InboxSettingsErrors = {};
  const addressLocal = form.address.trim().toLowerCase();
  const addressProblem = localPartProblem(addressLocal, centerId);
  if (addressProblem) errors.address = addressProblem;
  const host = form.imapHost.trim();
  if (host === '') return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: { addressLocal, imap: null } };

  if (!HOST.test(host)) errors.imapHost = 'channels.imapHostInvalid';
  const portText = form.imapPort.trim();
  const port = portText === '' ? (form.imapTls ? 993 : 143) : /^\d{1,5}$/.test(portText) ? Number(portText) : 0;
  if (port < 1 || port > 65535) errors.imapPort = 'channels.imapPortInvalid';
  const user = form.imapUser.trim();
  if (user === '') errors.imapUser = 'text.required';
  else if (findTextProblem(user, { maxLength: IMAP_LIMITS.user, multiline: false })) errors.imapUser = 'text.invalid';
  const password = form.imapPassword === '' ? null : form.imapPassword;
  if (password === null && !passwordStored) errors.imapPassword = 'text.required';
  else if (password !== null && findTextProblem(password, { maxLength: IMAP_LIMITS.password, multiline: false }))
    errors.imapPassword = 'text.invalid';
  const folder = form.imapFolder.trim() || 'INBOX';
  if (findTextProblem(folder, { maxLength: IMAP_LIMITS.folder, multiline: false })) errors.imapFolder = 'text.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { addressLocal, imap: { host: host.toLowerCase(), port, tls: form.imapTls, user, password, folder } } };
}
