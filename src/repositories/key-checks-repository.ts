import { toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

/** The check value of each key file (crypto/keys.ts keyCheck), by key name. */
export const keyChecksRepository = {
  async all(db: Executor): Promise<Map<string, string>> {
    const rows = await db.selectFrom('key_checks').select(['name', 'check_value']).execute();
    return new Map(rows.map((row) => [row.name, row.check_value]));
  },

  /** The end of a key rotation: the key file's check value becomes the new key's. */
  async replace(db: Executor, name: string, checkValue: string): Promise<void> {
    await db.updateTable('key_checks').set({ check_value: checkValue }).where('name', '=', name).execute();
  },

  /** Stores a check value unless one is there already (two processes starting together). */
  async insert(db: Executor, name: string, checkValue: string, at: Date): Promise<void> {
    await db
      .insertInto('key_checks')
      .values({ name, check_value: checkValue, created_at: toDbTime(at) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  },
};

export type KeyChecksRepository = typeof keyChecksRepository;
