import type { Selectable } from 'kysely';
import type { SupportMessageStatus, SupportMessagesTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

export interface SupportMessageRecord {
  id: number;
  name: string | null;
  region: string | null;
  message: string;
  status: SupportMessageStatus;
  locale: string;
  createdAt: Date;
  publishedAt: Date | null;
}

function toRecord(row: Selectable<SupportMessagesTable>): SupportMessageRecord {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    message: row.message,
    status: row.status,
    locale: row.locale,
    createdAt: fromDbTime(row.created_at),
    publishedAt: row.published_at === null ? null : fromDbTime(row.published_at),
  };
}

/** Messages of support. Nothing here touches the counts: these are never counted. */
export const supportRepository = {
  async insert(
    ex: Executor,
    row: { name: string | null; region: string | null; message: string; locale: string; at: Date },
  ): Promise<number> {
    const inserted = await ex
      .insertInto('support_messages')
      .values({
        name: row.name,
        region: row.region,
        message: row.message,
        status: 'pending',
        locale: row.locale,
        created_at: toDbTime(row.at),
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  },

  /**
   * One page of a status, newest first, keyset by id (reads the (status, id) index); one more than
   * `limit` tells whether there is a next page.
   */
  async listByStatus(
    ex: Executor,
    status: SupportMessageStatus,
    options: { before?: number | undefined; limit: number },
  ): Promise<SupportMessageRecord[]> {
    let query = ex.selectFrom('support_messages').selectAll().where('status', '=', status);
    if (options.before !== undefined) query = query.where('id', '<', options.before);
    const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map(toRecord);
  },

  /** Moves one message out of 'pending'; false when it is not (or no longer) pending. */
  async decide(ex: Executor, id: number, to: 'published' | 'rejected', at: Date): Promise<boolean> {
    const result = await ex
      .updateTable('support_messages')
      .set({ status: to, published_at: to === 'published' ? toDbTime(at) : null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return BigInt(result.numUpdatedRows) > 0n;
  },
};

export type SupportRepository = typeof supportRepository;
