import { sql, type Kysely } from 'kysely';
import { firePendingTriggers } from '../engine.ts';

/**
 * The published count per admission class joins the counters: a breakdown dimension kept per day by
 * the same status changes that keep the region's and the channel's, so the statistics page and
 * /api/v1/stats/admission read a few rows a day instead of grouping every statement (a scan that took
 * 46 s at 34 million posts, on the main thread under SQLite). The rows are filled here once from the
 * statements, counted as the counters count (published, not a duplicate, with a counting day); from
 * then on `counts reconcile` checks them with the other dimensions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await firePendingTriggers(db);
  await sql`
    insert into daily_breakdown (day, dimension, key, declarations, people)
    select counted_day, 'admission', admission, count(*), sum(headcount)
    from declarations
    where status = 'published' and duplicate_of is null and counted_day is not null
    group by counted_day, admission`.execute(db);
  // (dimension, day), not (dimension, key): a planner without statistics takes an index with an equality
  // on its first column over the primary key's range on day, so (dimension, key) made every breakdown
  // of a range (the statistics page's regions, once a second) read that dimension's rows of all days:
  // 160 ms of CPU at 34 million posts. On (dimension, day) both the range and the all-time sum are searches.
  await db.schema.createIndex('daily_breakdown_dimension').ifNotExists().on('daily_breakdown').columns(['dimension', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('daily_breakdown_dimension').ifExists().execute();
  await db.deleteFrom('daily_breakdown').where('dimension', '=', 'admission').execute();
}
