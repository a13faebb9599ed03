import type { Generated } from 'kysely';
import type { DbTime } from './time.ts';

// The transparency log's tables (migration 0020, docs/transparency.md).
interface LogQueueTable {
  id: Generated<number>;
  declaration_id: number;
}

interface LogStatementsTable {
  declaration_id: number;
  /** 64 hex digits; null once the declarant's retraction erased it, so the leaf is no longer linkable. */
  salt: string | null;
  declared_leaf: number;
  withdrawn_leaf: number | null;
}

interface LogTilesTable {
  /** A hash tile's level, or -1 for a bundle of entries. */
  level: number;
  tile_index: number;
  width: number;
  /** The tile's bytes in base64. */
  data: string;
}

interface LogCheckpointsTable {
  size: number;
  /** base64, as in the checkpoint. */
  root: string;
  /** The signed note, as served at /log/checkpoint. */
  note: string;
  created_at: DbTime;
}

// Migration 0022: the carried-over day totals in the log.
interface LogCarriedQueueTable {
  id: Generated<number>;
  day: string;
}

interface LogCarriedTable {
  day: string;
  people: number;
  leaf: number;
}

// Migration 0024: how many changes each queue holds ('statements' for log_queue, 'carried' for log_carried_queue).
interface LogQueueCountsTable {
  queue: LogQueueName;
  queued: number;
}

export type LogQueueName = 'statements' | 'carried';

export interface LogTables {
  log_queue: LogQueueTable;
  log_statements: LogStatementsTable;
  log_tiles: LogTilesTable;
  log_checkpoints: LogCheckpointsTable;
  log_carried_queue: LogCarriedQueueTable;
  log_carried: LogCarriedTable;
  log_queue_counts: LogQueueCountsTable;
}
