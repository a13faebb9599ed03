import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface Keys {
  /** AES-256-GCM key sealing declarants' contact details. */
  readonly contact: Buffer;
  /** HMAC-SHA-256 key for receipt passwords; a stolen database alone cannot test guesses. */
  readonly receipt: Buffer;
  /** AES-256-GCM key sealing staff TOTP secrets. */
  readonly staff: Buffer;
  /**
   * AES-256 key of the registration-number permutation (domain/declaration/registration-number.ts).
   * Derived from the receipt key rather than kept in a file of its own: numbers are only useful
   * with receipts, so both are backed up and lost together.
   */
  readonly numbers: Buffer;
  /**
   * HMAC-SHA-256 key for submission tokens, receipt references and Idempotency-Keys, and AES-256-GCM
   * key sealing the receipts held for a repeated submission (repositories/submission-receipts-repository.ts).
   * Derived from the receipt key for the same reason as `numbers`.
   */
  readonly submissionTokens: Buffer;
  readonly heldReceipts: Buffer;
  /**
   * The root of the blind indexes: every HMAC of a contact detail is under a key derived from it, never
   * from the contact key, so the contact key can be rotated without changing one HMAC. The do-not-call
   * list holds only HMACs of numbers we do not keep: a new root would empty it (docs/security.md, "Keys and their rotation").
   */
  readonly index: Buffer;
  /** HMAC-SHA-256 key for the numbers of call lists and the do-not-call list (docs/outreach.md). */
  readonly outreachPhones: Buffer;
  /** HMAC-SHA-256 key for inbox senders and attachment digests (docs/inbox.md). */
  readonly inboxSenders: Buffer;
  /** HMAC-SHA-256 key for newsletter addresses and link tokens (docs/newsletter.md). */
  readonly newsletter: Buffer;
  /**
   * HMAC-SHA-256 key of the audit log's chain (domain/audit/audit-chain.ts). A file of its own, never
   * derived: whoever can write to the database cannot recompute the chain after deleting an entry.
   */
  readonly audit: Buffer;
  /**
   * AES-256-GCM key sealing the parts of audit entries that hold what was taken out of public view
   * (a redaction's original text), derived from the audit key: the audit log's own secret.
   */
  readonly auditDetails: Buffer;
}

function derivedKey(from: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', from, Buffer.alloc(0), `tuidang ${purpose}`, KEY_BYTES));
}

const KEY_BYTES = 32;

/** The key files, by name: each is `<name>.key` in the keys folder. */
export const KEY_FILES = ['contact', 'receipt', 'staff', 'audit', 'index'] as const;
export type KeyFile = (typeof KEY_FILES)[number];

/**
 * A value stored in the database to recognise a key file (repositories/key-checks-repository.ts):
 * an HMAC under the key of a fixed text, from which nothing about the key can be learned.
 */
export function keyCheck(keys: Keys, name: KeyFile): string {
  return keyCheckOf(keys[name], name);
}

/** `keyCheck` of a key not (yet) loaded as the named one: a rotation's next key. */
export function keyCheckOf(key: Buffer, name: KeyFile): string {
  return createHmac('sha256', key).update(`tuidang key check v1 ${name}`).digest('base64url');
}

function loadOrCreateKey(directory: string, name: KeyFile, made: KeyFile[], initial: Buffer = randomBytes(KEY_BYTES)): Buffer {
  const path = join(directory, `${name}.key`);
  try {
    // 'wx' fails if the file exists, so two processes starting together keep one key.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${initial.toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    made.push(name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`key file ${path} is not ${KEY_BYTES} bytes of base64`);
  return key;
}

/**
 * Keys live as files in the data dir, never in the database, so a database dump
 * alone reveals no contact. Reports which keys this call created, for the audit log,
 * and the key files that users other than the owner may read, for a warning.
 *
 * `inherited` names an index root made from the contact key: a data dir from before the index root
 * had its HMAC keys derived from the contact key's bytes, so the root that replaces it is those bytes,
 * and every HMAC already stored stays valid with no data rewritten. A data dir with no contact key yet
 * (a new registry, or one whose keys were lost) gets a random root of its own.
 */
export function loadKeys(dataDir: string): { keys: Keys; created: KeyFile[]; inherited: KeyFile[]; exposed: string[] } {
  const directory = join(dataDir, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const created: KeyFile[] = [];
  const inherited: KeyFile[] = [];
  const contact = loadOrCreateKey(directory, 'contact', created);
  const receipt = loadOrCreateKey(directory, 'receipt', created);
  const staff = loadOrCreateKey(directory, 'staff', created);
  const audit = loadOrCreateKey(directory, 'audit', created);
  const index = created.includes('contact')
    ? loadOrCreateKey(directory, 'index', created)
    : loadOrCreateKey(directory, 'index', inherited, contact);
  const keys = Object.freeze({
    contact,
    receipt,
    staff,
    numbers: derivedKey(receipt, 'registration numbers'),
    submissionTokens: derivedKey(receipt, 'submission tokens'),
    heldReceipts: derivedKey(receipt, 'held receipts'),
    index,
    // The names are those the HMAC keys had when they were derived from the contact key: unchanged, so are the keys.
    outreachPhones: derivedKey(index, 'outreach phones'),
    inboxSenders: derivedKey(index, 'inbox senders'),
    newsletter: derivedKey(index, 'newsletter'),
    audit,
    auditDetails: derivedKey(audit, 'audit details'),
  });
  const exposed = KEY_FILES.map((name) => keyPath(dataDir, name)).filter((path) => (statSync(path).mode & 0o077) !== 0);
  return { keys, created, inherited, exposed };
}

export function keyPath(dataDir: string, name: KeyFile): string {
  return join(dataDir, 'keys', `${name}.key`);
}

/** Removes keys this process has just created or inherited (see loadKeys), when they turn out to be wrong for the database. */
export function discardCreatedKeys(dataDir: string, created: readonly KeyFile[]): void {
  for (const name of created) rmSync(keyPath(dataDir, name), { force: true });
}
