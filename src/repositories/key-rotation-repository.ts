import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** Every column sealed under the staff key or a key derived from it (docs/threat-model.md, the sealed table). */
export const STAFF_SEALED = [
  { table: 'staff', id: 'id', column: 'totp_sealed' },
  { table: 'center_inbox_settings', id: 'center_id', column: 'webhook_secret_sealed' },
  { table: 'center_inbox_settings', id: 'center_id', column: 'imap_password_sealed' },
] as const;

export type SealedColumn = (typeof STAFF_SEALED)[number];

export interface SealedValue {
  id: number;
  sealed: string;
}

/**
 * The reads and writes of a key rotation, one sealed column at a time, in id order. The names come
 * from the fixed list above, never from input.
 */
export const keyRotationRepository = {
  async batch(db: Executor, where: SealedColumn, afterId: number, limit: number): Promise<SealedValue[]> {
    const { rows } = await sql<SealedValue>`
      select ${sql.ref(where.id)} as id, ${sql.ref(where.column)} as sealed from ${sql.table(where.table)}
      where ${sql.ref(where.id)} > ${afterId} and ${sql.ref(where.column)} is not null
      order by ${sql.ref(where.id)} limit ${limit}`.execute(db);
    return rows.map((row) => ({ id: Number(row.id), sealed: row.sealed }));
  },

  /** Only if the value is still the one read: a sign-in that re-enrolled meanwhile keeps its own. */
  async replace(db: Executor, where: SealedColumn, id: number, from: string, to: string): Promise<boolean> {
    const result = await sql`
      update ${sql.table(where.table)} set ${sql.ref(where.column)} = ${to}
      where ${sql.ref(where.id)} = ${id} and ${sql.ref(where.column)} = ${from}`.execute(db);
    return Number(result.numAffectedRows ?? 0) === 1;
  },
};

export type KeyRotationRepository = typeof keyRotationRepository;
