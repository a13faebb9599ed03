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
  type SealedColumn,
  type SealedKeyName,
} from '../repositories/key-rotation-repository.ts';
import type { AttachmentStore } from './inbox/attachment-store.ts';
import { sealingOf } from './key-rotation-sealing.ts';

/** The key files a rotation reads and renames (crypto/key-rotation-files.ts, bound to the data dir and key). */
export interface RotationFiles {
  next(): { key: Buffer };
  promote(at: Date): string;
}

export interface KeyRotationDeps {
  db: Kysely<Database>;
  rotation: KeyRotationRepository;
  keyChecks: Pick<KeyChecksRepository, 'all' | 'replace' | 'startRotation' | 'endRotation'>;
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

/** A rotation that stops without switching keys: the old key still reads everything not yet re-sealed. */
export class RotationRefusedError extends Error {}

type ColumnReport = RotationReport['columns'][number];
type Store = ReturnType<KeyRotationDeps['attachmentStore']>;

function opens(key: Buffer, sealed: string, context: string): string | null {
  try {
    return open(key, sealed, context);
  } catch {
    return null;
  }
}

const ATTACHMENT_FILES = 'inbox attachment files';

/**
 * Walks over every value a process still running may seal under the old key while the rotation runs
 * (or has sealed between a row's read and its conditional write) before the keys switch: each pass
 * re-seals what it finds left, and only a pass that finds nothing left lets the switch happen. A
 * writer that keeps up with every pass is not outrun: the rotation stops and asks for it to be stopped.
 */
const MAX_PASSES = 10;

/**
 * Rotates the staff key or the contact key: every value sealed under it, or under a key derived from
 * it, is opened with the old key and sealed with the new one, in batches of one transaction each (the
 * contact key's attachment files one file at a time, each written whole, synced and renamed). A run
 * that stops (a crash, ^C) is resumed by running it again: values that open under the new key are left
 * as they are. While it runs, a mark in the database keeps every process that shares it from starting.
 * Only when a whole pass finds none left under the old key does the database's check value change (the
 * mark goes with it) and the new file take the key's name; until then the old key reads everything
 * not yet re-sealed.
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

  /** Re-seals one column's values left under the old key; returns how many it found (written or not). */
  async function resealColumn(
    name: SealedKeyName,
    where: SealedColumn,
    keys: { current: Buffer; next: Buffer },
    options: RotationOptions,
    report: ColumnReport,
    first: boolean,
  ) {
    const from = sealingOf(name, where, keys.current);
    const to = sealingOf(name, where, keys.next);
    let left = 0;
    let afterId = 0;
    for (;;) {
      const rows = await rotation.batch(db, where, afterId, options.batchSize);
      if (rows.length === 0) break;
      const values: { id: number; from: string; to: string }[] = [];
      for (const row of rows) {
        const context = from.context(row);
        if (opens(to.key, row.sealed, context) !== null) {
          // Counted once: on later passes the values of the first are under the new key too.
          if (first) report.already++;
          continue;
        }
        const plain = opens(from.key, row.sealed, context);
        if (plain === null)
          throw new RotationRefusedError(`${report.name} of ${row.id} opens under neither the old nor the new ${name} key`);
        values.push({ id: row.id, from: row.sealed, to: seal(to.key, plain, context) });
      }
      // A row changed since it was read is not written: the next pass reads it again.
      const done = values.length === 0 ? 0 : await db.transaction().execute((trx) => rotation.replace(trx, where, values));
      report.resealed += done;
      left += values.length;
      afterId = (rows.at(-1) as { id: number }).id;
      options.afterBatch?.(report.name, done);
    }
    return left;
  }

  /** A file that opens under the new key was re-sealed by a run before; one that is gone has nothing left to protect. */
  async function resealFile(file: AttachmentFile, from: Store, to: Store): Promise<'already' | 'missing' | 'resealed'> {
    const gone = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
    try {
      await to.get(file);
      return 'already';
    } catch (error) {
      if (gone(error)) return 'missing';
    }
    let bytes: Buffer;
    try {
      bytes = await from.get(file);
    } catch (error) {
      if (gone(error)) return 'missing';
      // A read error has a code; a seal that does not open has none.
      if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
      throw new RotationRefusedError(`the file of inbox attachment ${file.id} opens under neither the old nor the new contact key`);
    }
    await to.put(file, bytes);
    return 'resealed';
  }

  async function resealAttachmentFiles(
    keys: { current: Buffer; next: Buffer },
    options: RotationOptions,
    report: ColumnReport,
    first: boolean,
  ) {
    const from = attachmentStore(keys.current);
    const to = attachmentStore(keys.next);
    let left = 0;
    let afterId = 0;
    for (;;) {
      const files = await rotation.attachmentFiles(db, afterId, options.batchSize);
      if (files.length === 0) break;
      let done = 0;
      for (const file of files) {
        const outcome = await resealFile(file, from, to);
        if (outcome === 'resealed') {
          report.resealed++;
          done++;
        } else if (first) report[outcome] = (report[outcome] ?? 0) + 1;
      }
      left += done;
      afterId = (files.at(-1) as AttachmentFile).id;
      options.afterBatch?.(ATTACHMENT_FILES, done);
    }
    return left;
  }

  /** Passes over every column (and the files) until one finds nothing left under the old key. */
  async function resealAll(name: SealedKeyName, keys: { current: Buffer; next: Buffer }, options: RotationOptions) {
    const columns: ColumnReport[] = SEALED_COLUMNS[name].map((where) => ({
      name: `${where.table}.${where.column}`,
      resealed: 0,
      already: 0,
    }));
    if (name === 'contact') columns.push({ name: ATTACHMENT_FILES, resealed: 0, already: 0, missing: 0 });
    for (let pass = 1; ; pass++) {
      let left = 0;
      for (const [i, where] of SEALED_COLUMNS[name].entries())
        left += await resealColumn(name, where, keys, options, columns[i] as ColumnReport, pass === 1);
      if (name === 'contact') left += await resealAttachmentFiles(keys, options, columns.at(-1) as ColumnReport, pass === 1);
      if (left === 0) return columns;
      if (pass === MAX_PASSES)
        throw new RotationRefusedError(
          `after ${MAX_PASSES} passes values are still being sealed under the old ${name} key: stop every process that uses this database, then run the rotation again`,
        );
    }
  }

  return {
    async rotate(name: SealedKeyName, current: Buffer, files: RotationFiles, options: RotationOptions): Promise<RotationReport> {
      const next = files.next();
      const check = keyCheckOf(next.key, name);
      // A run that stopped after the switch and before the files were renamed: the rotation has ended in the database.
      const switched = (await keyChecks.all(db)).get(name) === check;
      if (!switched) {
        // The start is audited with its mark, so a run that stopped before either writes both.
        await db.transaction().execute(async (trx) => {
          if (await keyChecks.startRotation(trx, name, check, now()))
            await audit.append(trx, entry(name, 'keys.rotationStarted', { key: name }));
        });
      }
      const columns = await resealAll(name, { current, next: next.key }, options);
      if (!switched) {
        await db.transaction().execute(async (trx) => {
          await keyChecks.replace(trx, name, check);
          await keyChecks.endRotation(trx, name);
          await audit.append(trx, entry(name, 'keys.rotated', { columns }));
        });
      }
      return { columns, retiredFile: files.promote(now()) };
    },
  };
}
