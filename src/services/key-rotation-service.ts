import type { Kysely } from 'kysely';
import { keyCheckOf } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import type { Database } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { KeyChecksRepository } from '../repositories/key-checks-repository.ts';
import {
  SEALED_COLUMNS,
  type AttachmentFile,
  type KeyRotationRepository,
  type SealedKeyName,
} from '../repositories/key-rotation-repository.ts';
import type { AttachmentStore } from './inbox/attachment-store.ts';
import { sealingOf } from './key-rotation-sealing.ts';

/** The key files a rotation reads and renames (crypto/key-rotation-files.ts, bound to the data dir and key). */
export interface RotationFiles {
  next(): { key: Buffer; created: boolean };
  promote(at: Date): string;
}

export interface KeyRotationDeps {
  db: Kysely<Database>;
  rotation: KeyRotationRepository;
  keyChecks: Pick<KeyChecksRepository, 'all' | 'replace'>;
  audit: Pick<AuditRepository, 'append'>;
  /** The inbox's attachment files under a given key (services/inbox/attachment-store.ts), for the contact key. */
  attachmentStore: (key: Buffer) => Pick<AttachmentStore, 'get' | 'put'>;
  now: () => Date;
}

export interface RotationOptions {
  batchSize: number;
  afterBatch?: (column: string, resealed: number) => void;
}

export interface RotationReport {
  /**
   * Values re-sealed by this run, and found already under the new key (sealed by a run before), per
   * column; for the attachment files also those whose file is gone (a purge that stopped after the files).
   */
  columns: { name: string; resealed: number; already: number; missing?: number }[];
  retiredFile: string;
}

type ColumnReport = RotationReport['columns'][number];

function opens(key: Buffer, sealed: string, context: string): string | null {
  try {
    return open(key, sealed, context);
  } catch {
    return null;
  }
}

const ATTACHMENT_FILES = 'inbox attachment files';

/**
 * Rotates the staff key or the contact key: every value sealed under it, or under a key derived from
 * it, is opened with the old key and sealed with the new one, in batches of one transaction each (the
 * contact key's attachment files one file at a time, each written whole and renamed). A run that stops
 * (a crash, ^C) is resumed by running it again: values that open under the new key are left as they
 * are. Only when none is left under the old key does the database's check value change and the new
 * file take the key's name; until then the old key reads everything not yet re-sealed.
 */
export function createKeyRotationService({ db, rotation, keyChecks, audit, attachmentStore, now }: KeyRotationDeps) {
  const entry = (name: SealedKeyName, action: string, details: Record<string, unknown>) => ({
    at: now(),
    actorId: null,
    actor: 'system',
    action,
    targetType: 'keys',
    targetId: name,
    details,
  });

  async function resealColumns(name: SealedKeyName, current: Buffer, next: Buffer, options: RotationOptions): Promise<ColumnReport[]> {
    const columns: ColumnReport[] = [];
    for (const where of SEALED_COLUMNS[name]) {
      const from = sealingOf(name, where, current);
      const to = sealingOf(name, where, next);
      const column = `${where.table}.${where.column}`;
      const report = { name: column, resealed: 0, already: 0 };
      let afterId = 0;
      for (;;) {
        const rows = await rotation.batch(db, where, afterId, options.batchSize);
        if (rows.length === 0) break;
        const values: { id: number; from: string; to: string }[] = [];
        for (const row of rows) {
          const context = from.context(row);
          if (opens(to.key, row.sealed, context) !== null) {
            report.already++;
            continue;
          }
          const plain = opens(from.key, row.sealed, context);
          if (plain === null) throw new Error(`${column} of ${row.id} opens under neither the old nor the new ${name} key`);
          values.push({ id: row.id, from: row.sealed, to: seal(to.key, plain, context) });
        }
        const done = await db.transaction().execute((trx) => rotation.replace(trx, where, values));
        report.resealed += done;
        afterId = (rows.at(-1) as { id: number }).id;
        options.afterBatch?.(column, done);
      }
      columns.push(report);
    }
    return columns;
  }

  /** A file that opens under the new key was re-sealed by a run before; one that is gone has nothing left to protect. */
  async function resealFile(file: AttachmentFile, from: ReturnType<typeof attachmentStore>, to: ReturnType<typeof attachmentStore>) {
    try {
      await to.get(file);
      return 'already';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    }
    await to.put(file, await from.get(file));
    return 'resealed';
  }

  async function resealAttachmentFiles(current: Buffer, next: Buffer, options: RotationOptions): Promise<ColumnReport> {
    const from = attachmentStore(current);
    const to = attachmentStore(next);
    const report = { name: ATTACHMENT_FILES, resealed: 0, already: 0, missing: 0 };
    let afterId = 0;
    for (;;) {
      const files = await rotation.attachmentFiles(db, afterId, options.batchSize);
      if (files.length === 0) break;
      let done = 0;
      for (const file of files) {
        const outcome = await resealFile(file, from, to);
        report[outcome]++;
        if (outcome === 'resealed') done++;
      }
      afterId = (files.at(-1) as AttachmentFile).id;
      options.afterBatch?.(ATTACHMENT_FILES, done);
    }
    return report;
  }

  return {
    async rotate(name: SealedKeyName, current: Buffer, files: RotationFiles, options: RotationOptions): Promise<RotationReport> {
      const next = files.next();
      if (next.created) await db.transaction().execute((trx) => audit.append(trx, entry(name, 'keys.rotationStarted', { key: name })));
      const columns = await resealColumns(name, current, next.key, options);
      if (name === 'contact') columns.push(await resealAttachmentFiles(current, next.key, options));
      const check = keyCheckOf(next.key, name);
      // A run that stopped after this step and before the files were renamed writes it once only.
      if ((await keyChecks.all(db)).get(name) !== check) {
        await db.transaction().execute(async (trx) => {
          await keyChecks.replace(trx, name, check);
          await audit.append(trx, entry(name, 'keys.rotated', { columns }));
        });
      }
      return { columns, retiredFile: files.promote(now()) };
    },
  };
}
