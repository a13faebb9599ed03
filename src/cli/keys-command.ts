import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { appendAuditAnchor } from '../crypto/audit-anchors.ts';
import { ROTATED_KEYS, loadOrCreateNextKey, nextKeyPath, promoteNextKey, type RotatedKey } from '../crypto/key-rotation-files.ts';
import { KEY_FILES, discardCreatedKeys, keyCheck, keyCheckOf, keyPath, loadKeys } from '../crypto/keys.ts';
import { recordNewKeys } from '../composition/key-checks.ts';
import { createDatabase } from '../db/create-db.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { keyRotationRepository } from '../repositories/key-rotation-repository.ts';
import { createAttachmentStore } from '../services/inbox/attachment-store.ts';
import { RotationRefusedError, createKeyRotationService, type RotationReport } from '../services/key-rotation-service.ts';
import { UsageError, type Command } from './command.ts';

const USAGE = 'usage: tuidang keys rotate staff|contact [--batch N]';

export const keysCommand: Command = {
  usage: `tuidang keys rotate staff|contact [--batch N]

Makes a new key (keys/<name>.next.key) and re-seals every value sealed under
the old one in batches of N (default 500), one transaction each:
  staff    staff TOTP secrets, the inbox channels' webhook secrets and IMAP
           passwords;
  contact  declarants' contacts, call-list numbers and details, inbox
           senders, subjects, bodies, attachment names and files, newsletter
           addresses. Blind indexes (HMACs) are under keys/index.key and stay
           as they are, the do-not-call list with them.
Stop the service first, on every machine sharing the database: none starts
while a rotation is under way (the database marks it). If the run stops, run
it again: it resumes. Once a pass over every value finds none left under the
old key, the database's check value becomes the new key's, the old file is kept as keys/<name>.retired-<time>.key
(delete it once no backup sealed under it is kept) and the new one becomes
keys/<name>.key. Both steps are in the audit log. The receipt, audit and index
keys are not rotated (docs/operations.md, "Key rotation").`,
  async run(args, { config, io }) {
    const [action, name, ...rest] = args;
    if (action === 'rotate' && (name === 'index' || name === 'receipt' || name === 'audit')) {
      io.err(`The ${name} key is not rotated: see docs/operations.md, "Key rotation".`);
      return 1;
    }
    if (action !== 'rotate' || !ROTATED_KEYS.includes(name as RotatedKey)) throw new UsageError(USAGE);
    const key = name as RotatedKey;
    const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' } } });
    const batchSize = values.batch === undefined ? 500 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new UsageError('--batch must be from 1 to 100000');
    const dataDir = config.dataDir;
    const title = key === 'staff' ? 'Staff' : 'Contact';
    // A run that stopped between the two renames of the last step: only the second is left to do.
    if (!existsSync(keyPath(dataDir, key)) && existsSync(nextKeyPath(dataDir, key))) {
      promoteNextKey(dataDir, key, new Date());
      io.out(`${title} key rotation finished: keys/${key}.key is the new key.`);
      return 0;
    }
    const { keys, created, inherited } = loadKeys(dataDir);
    const database = createDatabase(config.databaseUrl);
    try {
      if (created.length > 0) {
        discardCreatedKeys(dataDir, [...created, ...inherited]);
        io.err(`No key to rotate from: ${created.map((file) => keyPath(dataDir, file)).join(', ')} missing.`);
        return 1;
      }
      // As a start does: a check value not stored yet (the index root just inherited) is stored before any key changes.
      for (const file of KEY_FILES) await keyChecksRepository.insert(database.db, file, keyCheck(keys, file), new Date());
      const audit = createAuditRepository(keys);
      const stored = await keyChecksRepository.all(database.db);
      const next = existsSync(nextKeyPath(dataDir, key)) ? loadOrCreateNextKey(dataDir, key).key : null;
      const fits = (file: (typeof KEY_FILES)[number]) =>
        stored.get(file) === keyCheck(keys, file) || (file === key && next !== null && stored.get(file) === keyCheckOf(next, key));
      const wrong = KEY_FILES.filter((file) => !fits(file));
      if (wrong.length > 0) {
        // As a start does: an index root inherited in vain would turn the next start's "missing" into a mismatch.
        discardCreatedKeys(dataDir, inherited);
        io.err(`Not the keys this database was written with: ${wrong.map((file) => keyPath(dataDir, file)).join(', ')}.`);
        return 1;
      }
      // A new key file made now would not open what the rotation marked in the database has re-sealed already.
      const marked = (await keyChecksRepository.rotationsUnderway(database.db)).get(key);
      if (marked !== undefined && (next === null || keyCheckOf(next, key) !== marked)) {
        discardCreatedKeys(dataDir, inherited);
        io.err(
          `A ${key} key rotation is under way in this database with another new key than ${nextKeyPath(dataDir, key)}: ` +
            'restore that file from where the rotation began, then run this again.',
        );
        return 1;
      }
      if (inherited.length > 0) await recordNewKeys(database, audit, [], inherited);
      const rotation = createKeyRotationService({
        db: database.db,
        rotation: keyRotationRepository,
        keyChecks: keyChecksRepository,
        audit,
        attachmentStore: (sealingKey) => createAttachmentStore(dataDir, sealingKey),
        now: () => new Date(),
      });
      let report: RotationReport;
      try {
        report = await rotation.rotate(
          key,
          keys[key],
          { next: () => loadOrCreateNextKey(dataDir, key), promote: (at) => promoteNextKey(dataDir, key, at) },
          { batchSize, afterBatch: (column, resealed) => io.err(`${column}: ${resealed} re-sealed`) },
        );
      } catch (error) {
        if (!(error instanceof RotationRefusedError)) throw error;
        io.err(`${title} key rotation stopped, the old key still in use: ${error.message}.`);
        return 1;
      }
      const head = await audit.head(database.db);
      if (head) appendAuditAnchor(dataDir, { at: new Date(), ...head });
      for (const column of report.columns) {
        const missing = column.missing ? `, ${column.missing} missing` : '';
        io.out(`${column.name}: ${column.resealed} re-sealed, ${column.already} already under the new key${missing}`);
      }
      io.out(`${title} key rotated. The old key is kept as ${report.retiredFile}: delete it once no backup sealed under it is kept.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
