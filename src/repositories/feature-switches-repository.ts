import { toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

/** The kill switches as set (migration 0025); a feature without a row is on. */
export const featureSwitchesRepository = {
  async all(db: Executor): Promise<Map<string, boolean>> {
    const rows = await db.selectFrom('feature_switches').select(['name', 'enabled']).execute();
    return new Map(rows.map((row) => [row.name, Number(row.enabled) === 1]));
  },

  /** Sets one switch; true if that changed it. */
  async set(db: Executor, name: string, enabled: boolean, at: Date): Promise<boolean> {
    const before = await db.selectFrom('feature_switches').select('enabled').where('name', '=', name).executeTakeFirst();
    const was = before === undefined ? true : Number(before.enabled) === 1;
    await db
      .insertInto('feature_switches')
      .values({ name, enabled: enabled ? 1 : 0, changed_at: toDbTime(at) })
      .onConflict((oc) => oc.column('name').doUpdateSet({ enabled: enabled ? 1 : 0, changed_at: toDbTime(at) }))
      .execute();
    return was !== enabled;
  },
};

export type FeatureSwitchesRepository = typeof featureSwitchesRepository;
