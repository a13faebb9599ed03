import { toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

/**
 * A key rotation under way is a row `<name>.next` holding the new key's check value: in the database,
 * so every process sharing it refuses to start meanwhile, not only the machine that holds the new key
 * file. Key names have no dot, so it is never taken for a key's own check value.
 */
const ROTATION_MARK = '.next';

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

  /** Marks a rotation of `name` to the key checked by `checkValue` as under way, unless it is already: whether this call marked it. */
  async startRotation(db: Executor, name: string, checkValue: string, at: Date): Promise<boolean> {
    const result = await db
      .insertInto('key_checks')
      .values({ name: `${name}${ROTATION_MARK}`, check_value: checkValue, created_at: toDbTime(at) })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async endRotation(db: Executor, name: string): Promise<void> {
    await db.deleteFrom('key_checks').where('name', '=', `${name}${ROTATION_MARK}`).execute();
  },

  /** The check value of the new key of each rotation under way, by the name of the key rotated. */
  async rotationsUnderway(db: Executor): Promise<Map<string, string>> {
    const rows = await db.selectFrom('key_checks').select(['name', 'check_value']).where('name', 'like', `%${ROTATION_MARK}`).execute();
    return new Map(rows.map((row) => [row.name.slice(0, -ROTATION_MARK.length), row.check_value]));
  },
};

export type KeyChecksRepository = typeof keyChecksRepository;
