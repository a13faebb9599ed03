import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/**
 * A column sealed under a rotated key, and the columns of its row that its sealing context is made of
 * (read as text). `itemCenter` adds the center of the inbox item an attachment belongs to.
 */
export interface SealedColumn {
  readonly table: string;
  readonly id: string;
  readonly column: string;
  readonly parts: readonly string[];
  readonly itemCenter?: true;
}

/**
 * Every column sealed under each rotated key or a key derived from it (docs/threat-model.md, the
 * sealed table). The contact key also seals the inbox's attachment files: `attachmentFiles` lists them.
 * No HMAC column is here: blind indexes are under the index root, which no rotation touches.
 */
export const SEALED_COLUMNS = {
  staff: [
    { table: 'staff', id: 'id', column: 'totp_sealed', parts: [] },
    { table: 'center_inbox_settings', id: 'center_id', column: 'webhook_secret_sealed', parts: [] },
    { table: 'center_inbox_settings', id: 'center_id', column: 'imap_password_sealed', parts: [] },
  ],
  contact: [
    { table: 'declarations', id: 'id', column: 'contact_sealed', parts: ['registration_number'] },
    { table: 'outreach_contacts', id: 'id', column: 'phone_sealed', parts: ['campaign_id', 'phone_hmac'] },
    { table: 'outreach_contacts', id: 'id', column: 'details_sealed', parts: ['campaign_id', 'phone_hmac'] },
    { table: 'inbound_items', id: 'id', column: 'sender_sealed', parts: ['center_id'] },
    { table: 'inbound_items', id: 'id', column: 'subject_sealed', parts: ['center_id'] },
    { table: 'inbound_items', id: 'id', column: 'body_sealed', parts: ['center_id'] },
    { table: 'inbound_attachments', id: 'id', column: 'name_sealed', parts: ['item_id', 'position'], itemCenter: true },
    { table: 'newsletter_subscribers', id: 'id', column: 'email_sealed', parts: ['email_hmac'] },
  ],
} as const satisfies Record<string, readonly SealedColumn[]>;

export type SealedKeyName = keyof typeof SEALED_COLUMNS;

const REPLACE_CHUNK = 500;

export interface SealedValue {
  id: number;
  sealed: string;
  /** The `parts` of the column's row, by column name, as text (and `center_id` for `itemCenter`). */
  parts: Record<string, string>;
}

/** An attachment file's place: what its seal is bound to, and its name (services/inbox/attachment-store.ts). */
export interface AttachmentFile {
  id: number;
  centerId: number;
  itemId: number;
  position: number;
  storageKey: string;
}

/**
 * The reads and writes of a key rotation, one sealed column at a time, in id order. The names come
 * from the fixed lists above, never from input.
 */
export const keyRotationRepository = {
  async batch(db: Executor, where: SealedColumn, afterId: number, limit: number): Promise<SealedValue[]> {
    const parts = where.parts.map((part) => sql`, t.${sql.ref(part)} as ${sql.ref(part)}`);
    const center = where.itemCenter ? sql`, (select i.center_id from inbound_items i where i.id = t.item_id) as center_id` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select t.${sql.ref(where.id)} as id, t.${sql.ref(where.column)} as sealed ${sql.join(parts, sql` `)} ${center}
      from ${sql.table(where.table)} t
      where t.${sql.ref(where.id)} > ${afterId} and t.${sql.ref(where.column)} is not null
      order by t.${sql.ref(where.id)} limit ${limit}`.execute(db);
    const named = where.itemCenter ? [...where.parts, 'center_id'] : where.parts;
    return rows.map((row) => ({
      id: Number(row.id),
      sealed: String(row.sealed),
      parts: Object.fromEntries(named.map((part) => [part, String(row[part])])),
    }));
  },

  /**
   * Writes re-sealed values, each only if the column still holds the one read (a sign-in that
   * re-enrolled meanwhile keeps its own), one statement per 500 values: a statement per value made
   * PostgreSQL spend most of a rotation in round trips. Returns how many were written.
   */
  async replace(db: Executor, where: SealedColumn, values: readonly { id: number; from: string; to: string }[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < values.length; start += REPLACE_CHUNK) {
      const rows = values.slice(start, start + REPLACE_CHUNK).map((v) => sql`(cast(${v.id} as bigint), ${v.from}, ${v.to})`);
      // VALUES columns are column1, column2, … on both engines.
      const result = await sql`
        update ${sql.table(where.table)} set ${sql.ref(where.column)} = v.column3
        from (values ${sql.join(rows)}) as v
        where ${sql.table(where.table)}.${sql.ref(where.id)} = v.column1 and ${sql.table(where.table)}.${sql.ref(where.column)} = v.column2`.execute(
        db,
      );
      written += Number(result.numAffectedRows ?? 0);
    }
    return written;
  },

  /** The inbox's attachment files, in id order: sealed under the contact key outside the database. */
  async attachmentFiles(db: Executor, afterId: number, limit: number): Promise<AttachmentFile[]> {
    const rows = await db
      .selectFrom('inbound_attachments as a')
      .innerJoin('inbound_items as i', 'i.id', 'a.item_id')
      .select(['a.id', 'i.center_id', 'a.item_id', 'a.position', 'a.storage_key'])
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      centerId: Number(row.center_id),
      itemId: Number(row.item_id),
      position: Number(row.position),
      storageKey: row.storage_key,
    }));
  },
};

export type KeyRotationRepository = typeof keyRotationRepository;
