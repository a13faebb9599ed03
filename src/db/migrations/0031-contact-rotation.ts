import { sql, type Kysely } from 'kysely';

/**
 * The contact key's rotation (services/key-rotation-service.ts) walks the declarations that hold a
 * contact in id order. Without an index of those ids, SQLite walks the primary key and reads every
 * row to find them: 22 s on the 34-million registry, which holds none. Partial, so it holds only the
 * few rows not yet purged (docs/operations.md, "Key rotation"). `if not exists`: on PostgreSQL an
 * operator may have built it beforehand with CONCURRENTLY, so writes go on meanwhile (docs/operations.md,
 * "Upgrading").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('declarations_contact_ids')
    .ifNotExists()
    .on('declarations')
    .column('id')
    .where(sql.ref('contact_sealed'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_contact_ids').execute();
}
