import type { DbTime } from './time.ts';

/** One day of the previous registry's published totals (migration 0019, docs/history.md). */
interface LegacyDaysTable {
  /** YYYY-MM-DD in the counting time zone. */
  day: string;
  people: number;
  posts: number | null;
  party: number | null;
  league: number | null;
  pioneers: number | null;
  /** The operator's note on where the figure comes from. */
  source: string | null;
  imported_at: DbTime;
  /** The day's figures less the people of its imported posts, never below zero (domain/history/carried-over.ts). */
  carried_people: number;
  carried_party: number;
  carried_league: number;
  carried_pioneers: number;
}

/** Per day, the people of the statements imported from the old archive that count on it. */
interface ImportedDaysTable {
  day: string;
  people: number;
  party: number;
  league: number;
  pioneers: number;
}

/** One row: the sum of every legacy day's carried figures. */
interface CarriedTotalsTable {
  id: number;
  days: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
  updated_at: DbTime;
}

/** How far an import of the old archive's posts got in one file (migration 0021). */
interface HistoryPostImportsTable {
  file_key: string;
  file_name: string;
  bytes_done: number;
  lines_done: number;
  written: number;
  already_held: number;
  rejected: number;
  started_at: DbTime;
  updated_at: DbTime;
  finished_at: DbTime | null;
}

/** A secondary index a bulk import dropped while it writes, and the statement that builds it again (migration 0023). */
interface DeferredIndexesTable {
  name: string;
  table_name: string;
  definition: string;
}

export interface HistoryTables {
  legacy_days: LegacyDaysTable;
  imported_days: ImportedDaysTable;
  carried_totals: CarriedTotalsTable;
  history_post_imports: HistoryPostImportsTable;
  deferred_indexes: DeferredIndexesTable;
}
