import { toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';

/** The retention of declarants' contact addresses (docs/threat-model.md, "A thief of the database or its backups"). */
export const contactRetention = {
  /**
   * Erases the sealed contact of at most `limit` declarations decided (anything but pending) before
   * `decidedBefore`; returns how many. The partial index of migration 0027 holds only rows with a
   * contact, so finding them never reads the whole table.
   */
  async purgeContacts(db: Executor, decidedBefore: Date, limit: number): Promise<number> {
    const due = db
      .selectFrom('declarations')
      .select('id')
      .where('contact_sealed', 'is not', null)
      .where('status_changed_at', '<', toDbTime(decidedBefore))
      .where('status', '<>', 'pending')
      .limit(limit);
    const result = await db.updateTable('declarations').set({ contact_sealed: null }).where('id', 'in', due).executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
