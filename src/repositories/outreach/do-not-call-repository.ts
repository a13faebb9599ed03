import { toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';

/** The registry's do-not-call list: HMACs of numbers, nothing else. */
export const doNotCallRepository = {
  /** False when the number was on the list already. */
  async add(db: Executor, phoneHmac: string, at: Date): Promise<boolean> {
    const row = await db
      .insertInto('outreach_do_not_call')
      .values({ phone_hmac: phoneHmac, created_at: toDbTime(at) })
      .onConflict((conflict) => conflict.column('phone_hmac').doNothing())
      .returning('phone_hmac')
      .executeTakeFirst();
    return row !== undefined;
  },

  async remove(db: Executor, phoneHmac: string): Promise<boolean> {
    const result = await db.deleteFrom('outreach_do_not_call').where('phone_hmac', '=', phoneHmac).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Which of these HMACs are on the list. */
  async listed(db: Executor, phoneHmacs: readonly string[]): Promise<Set<string>> {
    if (phoneHmacs.length === 0) return new Set();
    const rows = await db.selectFrom('outreach_do_not_call').select('phone_hmac').where('phone_hmac', 'in', phoneHmacs).execute();
    return new Set(rows.map((row) => row.phone_hmac));
  },

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('outreach_do_not_call')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

export type DoNotCallRepository = typeof doNotCallRepository;
