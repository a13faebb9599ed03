import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/create-db.ts';
import { reindexAll } from '../repositories/archive-repository.ts';
import { counterRepository } from '../repositories/counter-repository.ts';
import { historyRepository } from '../repositories/history-repository.ts';
import { logRepository } from '../repositories/log/log-repository.ts';
import { checkCarried } from '../services/history/carried-check.ts';
import { keyChecksRepository } from '../repositories/key-checks-repository.ts';
import { registrationSerialsRepository } from '../repositories/registration-serials-repository.ts';
import { migrateToLatest } from '../db/migrate.ts';

/**
 * Every table that holds the registry's data, parents before children, each
 * copied in id order. A test checks that no table of the schema is missing.
 */
export const COPIED_TABLES = [
  'centers',
  'staff',
  'batches',
  'declarations',
  'declaration_events',
  'reject_reasons',
  'staff_tokens',
  'staff_passkeys',
  'audit_log',
  'support_messages',
  'outreach_campaigns',
  'outreach_scripts',
  'outreach_imports',
  'outreach_contacts',
  'outreach_attempts',
  'outreach_attempt_declarations',
  'outreach_do_not_call',
  'outreach_leaderboard',
  // Attachment bytes are sealed files in the data dir, which moves with the keys; only their rows are here.
  'inbound_items',
  'inbound_attachments',
  'inbound_item_declarations',
  'newsletter_subscribers',
  'newsletter_issues',
  'newsletter_deliveries',
  'resource_versions',
  'resource_links',
  // The previous registry's day totals (docs/history.md): data no statement here can rebuild.
  'legacy_days',
  // How each center's inbox is reached (migration 0018); its secrets stay sealed under the keys that move with the data dir.
  'center_inbox_settings',
  // The transparency log cannot be rebuilt: its salts are random and its checkpoints are signed and public.
  'log_queue',
  'log_statements',
  'log_tiles',
  'log_checkpoints',
  'log_carried_queue',
  'log_carried',
  // The full tiles' inner nodes (migration 0033): `log index-tiles` could compute them again, but a copy without them serves slower proofs until it does.
  'log_tile_nodes',
  // Certificates hold signed notes that their holders keep: they cannot be issued again.
  'certificates',
  // The kill switches an admin set (migration 0025): a feature turned off stays off on the new database.
  'feature_switches',
] as const;
/**
 * Not moved: sessions (everyone signs in again on the new database), and the counters, the search
 * index and the next registration serial, which `db copy` rebuilds on the target from the statements,
 * and the public pages' version, which only needs to be the target's own. The key checks have no
 * id and are carried over on their own, so the target too refuses keys the data was not written with. Held receipts neither: they
 * live an hour, for repeats of a post, and are better lost than carried. Nor the errors of a call list's
 * preview: a preview lives a day, and the list can be uploaded again.
 */
export const NOT_COPIED_TABLES = [
  'staff_sessions',
  'counter_totals',
  'daily_totals',
  'daily_breakdown',
  'search_grams',
  'registration_serials',
  'public_pages_version',
  'key_checks',
  'submission_receipts',
  'outreach_import_errors',
  // How many changes the log queues hold (migration 0024): counted again from the queues copied.
  'log_queue_counts',
  // Counters of the history: rebuilt with the others, from the statements and the legacy days.
  'imported_days',
  'carried_totals',
  // How far an import of the old archive's posts got: the copy holds the posts themselves.
  'history_post_imports',
  // Spent proof-of-work challenges live minutes, for replays: the challenges they guard have expired by then.
  'spent_challenges',
  // Indexes a bulk import dropped: every start builds them again (db/deferred-indexes.ts) before a copy reads.
  'deferred_indexes',
] as const;
type CopiedTable = (typeof COPIED_TABLES)[number];

/** Tables without an id column, copied in the order of their primary key instead. */
const KEYS: Partial<Record<CopiedTable, readonly string[]>> = {
  outreach_attempt_declarations: ['attempt_id', 'declaration_id'],
  outreach_do_not_call: ['phone_hmac'],
  outreach_leaderboard: ['staff_id'],
  inbound_item_declarations: ['item_id', 'declaration_id'],
  legacy_days: ['day'],
  center_inbox_settings: ['center_id'],
  log_statements: ['declaration_id'],
  log_tiles: ['level', 'tile_index'],
  log_checkpoints: ['size'],
  log_carried: ['day'],
  log_tile_nodes: ['level', 'tile_index'],
  feature_switches: ['name'],
};
const keyOf = (table: CopiedTable): readonly string[] => KEYS[table] ?? ['id'];

export interface CopyProgress {
  table: CopiedTable;
  copied: number;
  total: number;
}

interface TableSummary {
  rows: number;
  maxId: number;
  /** For declarations: rows and people per status, the figures every count derives from. */
  byStatus?: Record<string, { rows: number; people: number }>;
}

export interface CopyReport {
  source: Record<CopiedTable, TableSummary>;
  target: Record<CopiedTable, TableSummary>;
  matches: boolean;
  /** The total of the counters rebuilt on the target. */
  countedPeople: number;
}

const BATCH_ROWS = 1000;
/** SQLite's default limit of bound values per statement (PostgreSQL takes 65,535). */
const MAX_BOUND_VALUES = 32_766;

/** Times come out of PostgreSQL as Date and out of SQLite as text; both engines take ISO text in. */
function portableRow(row: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) result[column] = value instanceof Date ? value.toISOString() : value;
  return result;
}

async function summarize(db: Kysely<any>, table: CopiedTable, upToId = 2_147_483_647): Promise<TableSummary> {
  if (KEYS[table]) {
    const { rows } = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('rows'))
      .executeTakeFirstOrThrow();
    return { rows: Number(rows), maxId: 0 };
  }
  const totals = await db
    .selectFrom(table)
    .where('id', '<=', upToId)
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.max<number | null>('id').as('maxId')])
    .executeTakeFirstOrThrow();
  const summary: TableSummary = { rows: Number(totals.rows), maxId: Number(totals.maxId ?? 0) };
  if (table === 'declarations') {
    const statuses = await db
      .selectFrom('declarations')
      .select((eb) => ['status', eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>('headcount').as('people')])
      .where('id', '<=', upToId)
      .groupBy('status')
      .orderBy('status')
      .execute();
    summary.byStatus = Object.fromEntries(
      statuses.map((row) => [row.status as string, { rows: Number(row.rows), people: Number(row.people) }]),
    );
  }
  return summary;
}

/** PostgreSQL identities do not move when ids are inserted explicitly; SQLite's AUTOINCREMENT does. */
async function advanceIdentity(target: DatabaseHandle, table: CopiedTable): Promise<void> {
  if (target.engine !== 'postgres' || KEYS[table]) return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest((select max(id) from ${sql.table(table)}), 1))`.execute(
    target.db,
  );
}

/** The greatest key already in the target, where a new run resumes; undefined when it has none. */
async function lastKey(db: Kysely<any>, table: CopiedTable, key: readonly string[]): Promise<Record<string, unknown> | undefined> {
  let query = db.selectFrom(table).select([...key]);
  for (const column of key) query = query.orderBy(column, 'desc');
  return await query.limit(1).executeTakeFirst();
}

/** Rows after `last` in key order: (a > x) or (a = x and b > y), and so on. */
function after(key: readonly string[], last: Record<string, unknown>) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or(
      key.map((column, i) => eb.and([...key.slice(0, i).map((earlier) => eb(earlier, '=', last[earlier])), eb(column, '>', last[column])])),
    );
}

/**
 * Copies every row from one database to another of either engine. Restartable:
 * each batch commits on its own and a new run resumes after the highest id
 * already in the target. Verifies counts and per-status totals at the end.
 */
export async function copyDatabase(
  source: DatabaseHandle,
  target: DatabaseHandle,
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<CopyReport> {
  await migrateToLatest(target.db);
  const from = source.db as Kysely<any>;
  const to = target.db as Kysely<any>;
  for (const table of COPIED_TABLES) {
    const total = (await summarize(from, table)).rows;
    const already = await summarize(to, table);
    const key = keyOf(table);
    let last = await lastKey(to, table, key);
    let copied = already.rows;
    onProgress({ table, copied, total });
    for (;;) {
      let query = from.selectFrom(table).selectAll();
      if (last) query = query.where(after(key, last));
      for (const column of key) query = query.orderBy(column);
      const rows = await query.limit(BATCH_ROWS).execute();
      if (rows.length === 0) break;
      // A wide table (declarations has over 32 columns) cannot take a whole batch in one statement.
      const perInsert = Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length);
      await to.transaction().execute(async (trx) => {
        for (let start = 0; start < rows.length; start += perInsert) {
          await trx
            .insertInto(table)
            .values(rows.slice(start, start + perInsert).map(portableRow))
            .onConflict((conflict) => conflict.columns(key).doNothing())
            .execute();
        }
      });
      last = rows.at(-1)!;
      copied += rows.length;
      onProgress({ table, copied, total });
    }
    await advanceIdentity(target, table);
  }

  // Counters are rebuilt from the copied statements rather than copied: the target's audit log
  // stays an exact copy of the source's, and its counts are right by construction.
  await to.transaction().execute(async (trx) => counterRepository.replaceAll(trx, await counterRepository.recompute(trx), new Date()));
  // Each day's imported people are rebuilt from the imported statements, and the carried figures from them.
  await to.transaction().execute(async (trx) => checkCarried(trx, historyRepository, new Date()));
  // The log queues' counts follow the queues copied (and any day the check above queued).
  await to.transaction().execute((trx) => logRepository.recountQueues(trx));
  await reindexAll(target.db);
  await registrationSerialsRepository.continueAfterUsed(target.db);
  for (const [name, checkValue] of await keyChecksRepository.all(source.db)) {
    await keyChecksRepository.insert(target.db, name, checkValue, new Date());
  }

  const report = { source: {}, target: {} } as CopyReport;
  for (const table of COPIED_TABLES) {
    report.source[table] = await summarize(from, table);
    // Rows the target gained after the copy (say, its own audit entries) are not the copy's business.
    report.target[table] = await summarize(to, table, report.source[table].maxId);
  }
  report.matches = JSON.stringify(report.source) === JSON.stringify(report.target);
  report.countedPeople = (await counterRepository.totals(to)).people;
  return report;
}
