import type { Kysely } from 'kysely';
import { channelSecretsKey } from '../crypto/channel-secrets.ts';
import { keyCheckOf } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import type { Database } from '../db/schema.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { KeyChecksRepository } from '../repositories/key-checks-repository.ts';
import { STAFF_SEALED, type KeyRotationRepository, type SealedColumn } from '../repositories/key-rotation-repository.ts';

/** The key files a rotation reads and renames (crypto/key-rotation-files.ts, bound to the data dir). */
export interface RotationFiles {
  next(): { key: Buffer; created: boolean };
  promote(at: Date): string;
}

export interface KeyRotationDeps {
  db: Kysely<Database>;
  rotation: KeyRotationRepository;
  keyChecks: Pick<KeyChecksRepository, 'all' | 'replace'>;
  audit: Pick<AuditRepository, 'append'>;
  now: () => Date;
}

export interface RotationReport {
  /** Values re-sealed by this run, and found already under the new key (sealed by a run before), per column. */
  columns: { name: string; resealed: number; already: number }[];
  retiredFile: string;
}

/**
 * Each staff-key column's sealing key and context, as the services that seal them write them
 * (staff-auth-service.ts `totp:<id>`, channels/channel-settings.ts `channels:<center>:<field>`). The
 * rotation test signs in with a TOTP and reads an IMAP password afterwards, which holds them equal.
 */
function sealing(where: SealedColumn, staffKey: Buffer): { key: Buffer; context: (id: number) => string } {
  if (where.table === 'staff') return { key: staffKey, context: (id) => `totp:${id}` };
  const field = where.column === 'webhook_secret_sealed' ? 'webhook-secret' : 'imap-password';
  return { key: channelSecretsKey(staffKey), context: (id) => `channels:${id}:${field}` };
}

function opens(key: Buffer, sealed: string, context: string): string | null {
  try {
    return open(key, sealed, context);
  } catch {
    return null;
  }
}

/**
 * Rotates the staff key: every value sealed under it, or under the key derived from it, is opened
 * with the old key and sealed with the new one, in batches of one transaction each. A run that stops
 * (a crash, ^C) is resumed by running it again: values that open under the new key are left as they
 * are. Only when none is left under the old key does the database's check value change and the new
 * file take the key's name; until then the old key reads everything not yet re-sealed.
 */
export function createKeyRotationService({ db, rotation, keyChecks, audit, now }: KeyRotationDeps) {
  const record = (action: string, details: Record<string, unknown>) =>
    db
      .transaction()
      .execute((trx) =>
        audit.append(trx, { at: now(), actorId: null, actor: 'system', action, targetType: 'keys', targetId: 'staff', details }),
      );

  return {
    async rotateStaff(
      current: Buffer,
      files: RotationFiles,
      options: { batchSize: number; afterBatch?: (column: string, resealed: number) => void },
    ): Promise<RotationReport> {
      const next = files.next();
      if (next.created) await record('keys.rotationStarted', { key: 'staff' });
      const columns: RotationReport['columns'] = [];
      for (const where of STAFF_SEALED) {
        const from = sealing(where, current);
        const to = sealing(where, next.key);
        const name = `${where.table}.${where.column}`;
        let resealed = 0;
        let already = 0;
        let afterId = 0;
        for (;;) {
          const rows = await rotation.batch(db, where, afterId, options.batchSize);
          if (rows.length === 0) break;
          const done = await db.transaction().execute(async (trx) => {
            let count = 0;
            for (const row of rows) {
              const context = from.context(row.id);
              if (opens(to.key, row.sealed, context) !== null) {
                already++;
                continue;
              }
              const plain = opens(from.key, row.sealed, context);
              if (plain === null) throw new Error(`${name} of ${row.id} opens under neither the old nor the new staff key`);
              if (await rotation.replace(trx, where, row.id, row.sealed, seal(to.key, plain, context))) count++;
            }
            return count;
          });
          resealed += done;
          afterId = (rows.at(-1) as { id: number }).id;
          options.afterBatch?.(name, done);
        }
        columns.push({ name, resealed, already });
      }
      const check = keyCheckOf(next.key, 'staff');
      if ((await keyChecks.all(db)).get('staff') !== check) {
        await db.transaction().execute(async (trx) => {
          await keyChecks.replace(trx, 'staff', check);
          await audit.append(trx, {
            at: now(),
            actorId: null,
            actor: 'system',
            action: 'keys.rotated',
            targetType: 'keys',
            targetId: 'staff',
            details: { columns },
          });
        });
      }
      return { columns, retiredFile: files.promote(now()) };
    },
  };
}
