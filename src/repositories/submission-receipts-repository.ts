import { CompiledQuery } from 'kysely';
import { toDbTime } from '../db/time.ts';
import { reusableSql, type Executor } from './executor.ts';

/**
 * Receipts held after a submission, for a few hours at most: so that a repeated form post, an API
 * request retried with its Idempotency-Key or a reloaded console batch gets the first answer back
 * instead of filing again, and so that the receipt page after a form's redirect can be shown once.
 * The receipt is sealed; tokens, references and request bodies are kept only as keyed hashes.
 */
export interface HeldReceipt {
  /** Time-ordered (domain/declaration/submission-token.ts timeOrderedId); also what the seal is bound to. */
  id: string;
  /** The submission's token or Idempotency-Key, hashed; null when the submission is not deduplicated. */
  tokenHash: string | null;
  /** The API request body the key came with, hashed. */
  fingerprint: string | null;
  /** The secret of the receipt page's one-use reference, hashed (the reference also names the id). */
  refHash: string | null;
  sealed: string;
  expiresAt: Date;
}

export interface HeldReceiptRecord {
  id: string;
  fingerprint: string | null;
  sealed: string;
}

const ROWS_PER_STATEMENT = 32;

function heldRow(held: HeldReceipt) {
  return {
    id: held.id,
    token_hash: held.tokenHash,
    fingerprint: held.fingerprint,
    ref_hash: held.refHash,
    sealed: held.sealed,
    expires_at: toDbTime(held.expiresAt),
  };
}

export const submissionReceiptsRepository = {
  /**
   * Inserts held receipts; returns the ids of those inserted. One whose token is held already (by an
   * earlier submission, or earlier in this very batch) is left out: it is a repeat. So is one whose id
   * is there already: the same submission, retried after its commit went unanswered.
   */
  async insertMany(db: Executor, held: readonly HeldReceipt[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let start = 0; start < held.length; start += ROWS_PER_STATEMENT) {
      const rows = held.slice(start, start + ROWS_PER_STATEMENT).map(heldRow);
      const sql = reusableSql(db, `submissionReceipts.insert:${rows.length}`, () =>
        db
          .insertInto('submission_receipts')
          .values(rows)
          .onConflict((conflict) => conflict.doNothing())
          .returning('id')
          .compile(),
      );
      const result = await db.executeQuery<{ id: string }>(CompiledQuery.raw(sql, rows.flatMap(Object.values)));
      for (const row of result.rows) inserted.add(row.id);
    }
    return inserted;
  },

  async insert(db: Executor, held: HeldReceipt): Promise<boolean> {
    return (await submissionReceiptsRepository.insertMany(db, [held])).has(held.id);
  },

  /** Seals into a held row what was not known when it was inserted (a console batch's result, at the end of its transaction). */
  async seal(db: Executor, id: string, sealed: string): Promise<void> {
    await db.updateTable('submission_receipts').set({ sealed }).where('id', '=', id).execute();
  },

  /** Removes held receipts by id: those of a declaration whose serial turned out taken, or of a refused batch. */
  async remove(db: Executor, ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await db
        .deleteFrom('submission_receipts')
        .where('id', 'in', [...ids])
        .execute();
  },

  /** Runs in every intake transaction: its SQL is built once. */
  async purgeExpired(db: Executor, at: Date): Promise<void> {
    const sql = reusableSql(db, 'submissionReceipts.purgeExpired', () =>
      db.deleteFrom('submission_receipts').where('expires_at', '<=', toDbTime(at)).compile(),
    );
    await db.executeQuery(CompiledQuery.raw(sql, [toDbTime(at)]));
  },

  /**
   * The receipt held for a token; with `at`, only if it has not expired by then. Without, as a repeat
   * finds it right after its insert met the token (the purge before that insert left no expired row).
   */
  async findByToken(db: Executor, tokenHash: string, at?: Date): Promise<HeldReceiptRecord | null> {
    let query = db.selectFrom('submission_receipts').select(['id', 'fingerprint', 'sealed']).where('token_hash', '=', tokenHash);
    if (at) query = query.where('expires_at', '>', toDbTime(at));
    return (await query.executeTakeFirst()) ?? null;
  },

  /** Uses a reference up: the sealed receipt it led to, once, while it has not expired. */
  async takeByReference(db: Executor, id: string, refHash: string, at: Date): Promise<HeldReceiptRecord | null> {
    const row = await db
      .updateTable('submission_receipts')
      .set({ ref_hash: null })
      .where('id', '=', id)
      .where('ref_hash', '=', refHash)
      .where('expires_at', '>', toDbTime(at))
      .returning(['id', 'fingerprint', 'sealed'])
      .executeTakeFirst();
    return row ?? null;
  },
};

export type SubmissionReceiptsRepository = typeof submissionReceiptsRepository;
