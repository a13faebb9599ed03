import { ROTATED_KEYS, nextKeyPath, rotationsUnderway } from '../crypto/key-rotation-files.ts';
import { KEY_FILES, discardCreatedKeys, keyCheck, keyPath, type KeyFile, type Keys } from '../crypto/keys.ts';
import { discardLogKey, loadOrCreateLogKey, logKeyPath } from '../crypto/log-key.ts';
import type { DatabaseHandle } from '../db/create-db.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import { declarationsRepository } from '../repositories/declarations/index.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { logRepository } from '../repositories/log/log-repository.ts';
import { subscribersRepository } from '../repositories/newsletter/subscribers-repository.ts';
import { inboxItemsRepository } from '../repositories/inbox/items-repository.ts';
import { contactsRepository } from '../repositories/outreach/contacts-repository.ts';
import { doNotCallRepository } from '../repositories/outreach/do-not-call-repository.ts';
import { staffRepository } from '../repositories/staff-repository.ts';

const RESTORE_KEYS = 'Restore the keys folder from the backup made with this database (see docs/operations.md, "Backups")';

export class KeysMissingError extends Error {
  constructor(files: readonly string[]) {
    const one = files.length === 1;
    super(
      `${files.join(' and ')} ${one ? 'is' : 'are'} missing, but the database holds data written with ${one ? 'it' : 'them'}. ` +
        `${RESTORE_KEYS}; no new key was kept.`,
    );
  }
}

export class KeyRotationUnderwayError extends Error {
  constructor(names: readonly string[], where: string) {
    const commands = names.map((name) => `\`tuidang keys rotate ${name}\``).join(' and ');
    super(`a key rotation is under way (${where}): run ${commands} again to finish it`);
  }
}

/** A key rotation under way (cli/keys-command.ts) leaves values under two keys: it is finished first. */
export function refuseRotationUnderway(dataDir: string): void {
  const rotating = rotationsUnderway(dataDir, ROTATED_KEYS);
  if (rotating.length > 0) throw new KeyRotationUnderwayError(rotating, rotating.map((name) => nextKeyPath(dataDir, name)).join(', '));
}

export class KeyMismatchError extends Error {
  constructor(files: readonly string[]) {
    super(
      `${files.join(' and ')}: not the key this database was written with (its check value in the database differs). ` +
        `${RESTORE_KEYS}, or point DATABASE_URL at the database these keys belong to.`,
    );
  }
}

/**
 * Refuses to start while a key rotation is under way, and with a key the data was not written with: a new key where the database holds
 * data sealed or hashed under the old one, or a key whose check value differs from the stored one.
 * Starting would hide it, and every receipt, contact reveal or sign-in that needs the key would
 * fail. Keys this start created are removed again, so the next start fails the same way.
 *
 * An index root inherited from the contact key (crypto/keys.ts loadKeys) is not a missing key: it is
 * the key the stored HMACs were made with. Its check value is then stored like a new key's, or, if
 * the database has one (the file was lost since), compared: a contact key rotated since no longer
 * gives the old root, and the start is refused as for any wrong key.
 */
export async function checkKeys(
  dataDir: string,
  database: DatabaseHandle,
  keys: Keys,
  made: { created: readonly KeyFile[]; inherited: readonly KeyFile[] },
  auditRepository: AuditRepository,
): Promise<void> {
  const db = database.db;
  const { created } = made;
  const contactUsed = async () =>
    (await declarationsRepository.anyContact(db)) ||
    (await contactsRepository.anySealed(db)) ||
    (await subscribersRepository.anySealed(db)) ||
    (await inboxItemsRepository.anySealed(db));
  const usedBy: Record<KeyFile, () => Promise<boolean>> = {
    // Every receipt is checked under the receipt key, and every registration number decoded with it.
    receipt: () => declarationsRepository.anyExists(db),
    contact: contactUsed,
    staff: () => staffRepository.anyTotp(db),
    audit: () => auditRepository.anyKeyed(db),
    // Every sealed contact detail is looked up by an HMAC under the index root; the do-not-call list is nothing else.
    index: async () => (await contactUsed()) || (await doNotCallRepository.count(db)) > 0,
  };
  const refuse = async (error: Error) => {
    discardCreatedKeys(dataDir, [...created, ...made.inherited]);
    await database.close();
    throw error;
  };
  // The rotation's mark in the database: seen by processes on every machine, not only the one holding the new key file.
  const rotating = [...(await keyChecksRepository.rotationsUnderway(db)).keys()];
  if (rotating.length > 0)
    await refuse(new KeyRotationUnderwayError(rotating, 'marked in the database; its new key file is where the rotation began'));
  let stored = await keyChecksRepository.all(db);
  const missing: string[] = [];
  for (const name of created) if (stored.has(name) || (await usedBy[name]())) missing.push(keyPath(dataDir, name));
  if (missing.length > 0) await refuse(new KeysMissingError(missing));
  // Databases from before the checks existed, and new keys, get theirs now.
  const at = new Date();
  for (const name of KEY_FILES) if (!stored.has(name)) await keyChecksRepository.insert(db, name, keyCheck(keys, name), at);
  // Read again: another process starting at the same time may have stored its own first.
  stored = await keyChecksRepository.all(db);
  const wrong = KEY_FILES.filter((name) => stored.get(name) !== keyCheck(keys, name)).map((name) => keyPath(dataDir, name));
  if (wrong.length > 0) await refuse(new KeyMismatchError(wrong));
}

/**
 * The log's signing key: made on first start, and recorded like the other keys. A new key where the
 * database holds checkpoints would fork the log under a key no verifier knows: refused, as a lost key is.
 */
export async function loadLogKey(dataDir: string, database: DatabaseHandle): Promise<{ seed: Buffer; created: boolean; exposed: boolean }> {
  const key = loadOrCreateLogKey(dataDir);
  if (key.created && (await logRepository.latestCheckpoint(database.db))) {
    discardLogKey(dataDir);
    await database.close();
    throw new KeysMissingError([logKeyPath(dataDir)]);
  }
  return key;
}

/**
 * Key creation is a key operation: it goes in the audit log like the others. An index root made from
 * the contact key's bytes is named apart, so the log says which root the stored HMACs are under.
 */
export async function recordNewKeys(
  database: DatabaseHandle,
  auditRepository: AuditRepository,
  created: string[],
  inherited: readonly string[] = [],
): Promise<void> {
  await database.db.transaction().execute((trx) =>
    auditRepository.append(trx, {
      at: new Date(),
      actorId: null,
      actor: 'system',
      action: 'keys.created',
      targetType: 'keys',
      targetId: null,
      details: inherited.length > 0 ? { keys: created, fromContactKey: inherited } : { keys: created },
    }),
  );
}
