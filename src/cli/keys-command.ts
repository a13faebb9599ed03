import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { appendAuditAnchor } from '../crypto/audit-anchors.ts';
import { loadOrCreateNextKey, nextKeyPath, promoteNextKey } from '../crypto/key-rotation-files.ts';
import { KEY_FILES, discardCreatedKeys, keyCheck, keyCheckOf, keyPath, loadKeys } from '../crypto/keys.ts';
import { createDatabase } from '../db/create-db.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { keyRotationRepository } from '../repositories/key-rotation-repository.ts';
import { createKeyRotationService } from '../services/key-rotation-service.ts';
import { UsageError, type Command } from './command.ts';

export const keysCommand: Command = {
  usage: `tuidang keys rotate staff [--batch N]

Makes a new staff key (keys/staff.next.key) and re-seals every value sealed
under the old one (staff TOTP secrets, the inbox channels' webhook secrets and
IMAP passwords) in batches of N (default 500), one transaction each. Stop the
service first: it does not start while a rotation is under way. If the run
stops, run it again: it resumes. At the end the database's check value becomes
the new key's, the old file is kept as keys/staff.retired-<time>.key (delete it
once no backup sealed under it is kept) and the new one becomes keys/staff.key.
Both steps are in the audit log. The contact, receipt and audit keys are not
rotated by this command (docs/operations.md, "Key rotation").`,
  async run(args, { config, io }) {
    const [action, name, ...rest] = args;
    if (action !== 'rotate' || name !== 'staff') throw new UsageError('usage: tuidang keys rotate staff [--batch N]');
    const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' } } });
    const batchSize = values.batch === undefined ? 500 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new UsageError('--batch must be from 1 to 100000');
    const dataDir = config.dataDir;
    // A run that stopped between the two renames of the last step: only the second is left to do.
    if (!existsSync(keyPath(dataDir, 'staff')) && existsSync(nextKeyPath(dataDir, 'staff'))) {
      promoteNextKey(dataDir, 'staff', new Date());
      io.out('Staff key rotation finished: keys/staff.key is the new key.');
      return 0;
    }
    const { keys, created } = loadKeys(dataDir);
    const database = createDatabase(config.databaseUrl);
    try {
      if (created.length > 0) {
        discardCreatedKeys(dataDir, created);
        io.err(`No key to rotate from: ${created.map((file) => keyPath(dataDir, file)).join(', ')} missing.`);
        return 1;
      }
      const stored = await keyChecksRepository.all(database.db);
      const next = existsSync(nextKeyPath(dataDir, 'staff')) ? loadOrCreateNextKey(dataDir, 'staff').key : null;
      const fits = (file: (typeof KEY_FILES)[number]) =>
        !stored.has(file) ||
        stored.get(file) === keyCheck(keys, file) ||
        (file === 'staff' && next !== null && stored.get(file) === keyCheckOf(next, 'staff'));
      const wrong = KEY_FILES.filter((file) => !fits(file));
      if (wrong.length > 0) {
        io.err(`Not the keys this database was written with: ${wrong.map((file) => keyPath(dataDir, file)).join(', ')}.`);
        return 1;
      }
      const audit = createAuditRepository(keys);
      const rotation = createKeyRotationService({
        db: database.db,
        rotation: keyRotationRepository,
        keyChecks: keyChecksRepository,
        audit,
        now: () => new Date(),
      });
      const report = await rotation.rotateStaff(
        keys.staff,
        { next: () => loadOrCreateNextKey(dataDir, 'staff'), promote: (at) => promoteNextKey(dataDir, 'staff', at) },
        { batchSize, afterBatch: (column, resealed) => io.err(`${column}: ${resealed} re-sealed`) },
      );
      const head = await audit.head(database.db);
      if (head) appendAuditAnchor(dataDir, { at: new Date(), ...head });
      for (const column of report.columns)
        io.out(`${column.name}: ${column.resealed} re-sealed, ${column.already} already under the new key`);
      io.out(`Staff key rotated. The old key is kept as ${report.retiredFile}: delete it once no backup sealed under it is kept.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
