import { touchPublicPagesVersion } from '../public-pages-version.ts';
import { sql } from 'kysely';
import type { RegistrationNumberRef } from '../../domain/declaration/registration-number.ts';
import { matchesNumber } from '../registration-serials-repository.ts';
import { lockForChainAppend } from '../../db/engine.ts';
import type { Admission } from '../../db/schema.ts';
import { toDbTime } from '../../db/time.ts';
import type { Executor } from '../executor.ts';
import { addQueued } from './log-queue.ts';
import { deleteQueued, insertStatements, putTiles, queuedChanges, type StoredTile } from './log-rows.ts';
import { tileNodeRows } from './tile-nodes.ts';

export type { QueuedChange, StoredTile } from './log-rows.ts';

/** Serialises log batches across processes (SQLite's BEGIN IMMEDIATE already does). */
const LOG_APPEND_LOCK = 7_461_020;

/** The level under which entry bundles are kept beside the hash tiles. */
export const ENTRIES_LEVEL = -1;

/** A day whose carried-over figure changed: what it carries over now, and what the log last said of it. */
export interface QueuedCarried {
  queueId: number;
  day: string;
  /** 0 when the day is no longer a legacy day. */
  people: number;
  /** Null when the log has no `carried` entry for the day. */
  loggedPeople: number | null;
}

export interface StoredCheckpoint {
  size: number;
  root: string;
  note: string;
}

/** What the log holds of one statement, for its proof. */
export interface LoggedStatement {
  declarationId: number;
  registrationNumber: string;
  salt: string | null;
  declaredLeaf: number;
  withdrawnLeaf: number | null;
  headcount: number;
  party: number;
  league: number;
  pioneers: number;
  countedDay: string | null;
  admission: Admission;
}

const num = (value: unknown) => Number(value);

export const logRepository = {
  lock: (trx: Executor) => lockForChainAppend(trx as never, LOG_APPEND_LOCK),

  /** The oldest queued changes, up to `limit` rows, each with its declaration's state now. */
  queued: queuedChanges,

  /**
   * Removes the queued changes a batch read, by id: a range would also take a change that committed
   * between the read and the delete with a lower id (PostgreSQL hands ids out before commit).
   */
  async dequeue(db: Executor, queueIds: readonly number[]): Promise<void> {
    await addQueued(db, 'statements', -(await deleteQueued(db, 'log_queue', queueIds)));
  },

  /**
   * Moves the version of public proofs (migration 0035), so every server reads again the rows behind
   * the permalinks it keeps and shows the leaves just logged.
   */
  async touchPublicPages(db: Executor): Promise<void> {
    await touchPublicPagesVersion(db, 'proofs');
  },

  /** The oldest queued changes of carried-over days, up to `limit` rows. */
  async queuedCarried(db: Executor, limit: number): Promise<QueuedCarried[]> {
    const rows = await db
      .selectFrom('log_carried_queue as q')
      .leftJoin('legacy_days as d', 'd.day', 'q.day')
      .leftJoin('log_carried as c', 'c.day', 'q.day')
      .select(['q.id', 'q.day', 'd.carried_people', 'c.people as logged_people'])
      .orderBy('q.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      queueId: num(row.id),
      day: row.day,
      people: num(row.carried_people ?? 0),
      loggedPeople: row.logged_people === null ? null : num(row.logged_people),
    }));
  },

  /** Removes the queued days a batch read, by id, as dequeue does. */
  async dequeueCarried(db: Executor, queueIds: readonly number[]): Promise<void> {
    await addQueued(db, 'carried', -(await deleteQueued(db, 'log_carried_queue', queueIds)));
  },

  /** Records each day's latest `carried` entry. */
  async saveCarried(db: Executor, rows: readonly { day: string; people: number; leaf: number }[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 500) {
      await db
        .insertInto('log_carried')
        .values(rows.slice(start, start + 500))
        .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ people: eb.ref('excluded.people'), leaf: eb.ref('excluded.leaf') })))
        .execute();
    }
  },

  /**
   * Published changes not yet in the log: a change queued (of a statement or a carried-over day) is one
   * not yet taken by a batch. Read from the queues' counts (migration 0024), not by counting the queues:
   * the counter asks every second, and a first build starts with every statement queued.
   */
  async queuedCount(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('log_queue_counts')
      .select((eb) => eb.fn.sum<number | string | null>('queued').as('n'))
      .executeTakeFirstOrThrow();
    return num(row.n ?? 0);
  },

  /** Sets the queues' counts from the queues themselves: after `db copy`, which moves the queues and not their counts. */
  async recountQueues(db: Executor): Promise<void> {
    for (const [queue, table] of [
      ['statements', 'log_queue'],
      ['carried', 'log_carried_queue'],
    ] as const) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      await db
        .updateTable('log_queue_counts')
        .set({ queued: num(row.n) })
        .where('queue', '=', queue)
        .execute();
    }
  },

  /** Queues every counted declaration the log has neither declared nor queued (after a bulk load that bypassed status changes). */
  async enqueueUnlogged(db: Executor): Promise<void> {
    const result = await sql`insert into log_queue (declaration_id)
      select d.id from declarations d
      where d.status = 'published' and d.duplicate_of is null
        and not exists (select 1 from log_statements s where s.declaration_id = d.id)
        and not exists (select 1 from log_queue q where q.declaration_id = d.id)
      order by d.published_at, d.id`.execute(db);
    await addQueued(db, 'statements', Number(result.numAffectedRows ?? 0));
  },

  insertStatements,

  /** Records the withdrawal's leaf; a retraction by the declarant also erases the salt. */
  async markWithdrawn(db: Executor, change: { declarationId: number; leaf: number; eraseSalt: boolean }): Promise<void> {
    await db
      .updateTable('log_statements')
      .set({ withdrawn_leaf: change.leaf, ...(change.eraseSalt ? { salt: null } : {}) })
      .where('declaration_id', '=', change.declarationId)
      .where('withdrawn_leaf', 'is', null)
      .execute();
  },

  async tiles(db: Executor, keys: readonly { level: number; index: number }[]): Promise<StoredTile[]> {
    if (keys.length === 0) return [];
    const rows = await db
      .selectFrom('log_tiles')
      .select(['level', 'tile_index', 'width', 'data'])
      .where((eb) => eb.or(keys.map((key) => eb.and([eb('level', '=', key.level), eb('tile_index', '=', key.index)]))))
      .execute();
    return rows.map((row) => ({ level: row.level, index: num(row.tile_index), width: row.width, data: Buffer.from(row.data, 'base64') }));
  },

  /** Tiles of one level from `fromIndex` on, in order, at most `limit`: for mirrors. */
  async tilesFrom(db: Executor, level: number, fromIndex: number, limit: number): Promise<StoredTile[]> {
    const rows = await db
      .selectFrom('log_tiles')
      .select(['level', 'tile_index', 'width', 'data'])
      .where('level', '=', level)
      .where('tile_index', '>=', fromIndex)
      .orderBy('tile_index')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ level: row.level, index: num(row.tile_index), width: row.width, data: Buffer.from(row.data, 'base64') }));
  },

  putTiles,

  // The full tiles' inner nodes (migration 0033), for proofs.
  ...tileNodeRows,

  async latestCheckpoint(db: Executor): Promise<StoredCheckpoint | undefined> {
    const row = await db.selectFrom('log_checkpoints').select(['size', 'root', 'note']).orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row && { size: num(row.size), root: row.root, note: row.note };
  },

  async insertCheckpoint(db: Executor, checkpoint: StoredCheckpoint, at: Date): Promise<void> {
    await db
      .insertInto('log_checkpoints')
      .values({ size: checkpoint.size, root: checkpoint.root, note: checkpoint.note, created_at: toDbTime(at) })
      .execute();
  },

  /** The same checkpoint, signed by other keys (a key rotation). */
  async replaceCheckpointNote(db: Executor, size: number, note: string): Promise<void> {
    await db.updateTable('log_checkpoints').set({ note }).where('size', '=', size).execute();
  },

  /** By the number's serial (or, for a number issued before serials, its text): an index either way, never a scan. */
  async statementByNumber(db: Executor, ref: RegistrationNumberRef): Promise<LoggedStatement | undefined> {
    const row = await db
      .selectFrom('log_statements as s')
      .innerJoin('declarations as d', 'd.id', 's.declaration_id')
      .select([
        'd.id',
        'd.registration_number',
        's.salt',
        's.declared_leaf',
        's.withdrawn_leaf',
        'd.headcount',
        'd.party',
        'd.league',
        'd.pioneers',
        'd.counted_day',
        'd.admission',
      ])
      .where(matchesNumber(ref, 'd'))
      .executeTakeFirst();
    return (
      row && {
        declarationId: num(row.id),
        registrationNumber: row.registration_number,
        salt: row.salt,
        declaredLeaf: num(row.declared_leaf),
        withdrawnLeaf: row.withdrawn_leaf === null ? null : num(row.withdrawn_leaf),
        headcount: row.headcount,
        party: row.party,
        league: row.league,
        pioneers: row.pioneers,
        countedDay: row.counted_day,
        admission: row.admission,
      }
    );
  },
};

export type LogRepository = typeof logRepository;
