import { hkdfSync } from 'node:crypto';

/**
 * The AES-256-GCM key sealing the secrets of the centers' inbox channels (voicemail webhook secrets,
 * IMAP passwords; docs/inbox.md). Derived from the staff key, which seals the other credentials of
 * the registry's own users (TOTP secrets): they are backed up, and lost, together.
 */
export function channelSecretsKey(staffKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', staffKey, Buffer.alloc(0), 'tuidang inbox channel secrets', 32));
}
