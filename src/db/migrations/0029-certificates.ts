import type { Kysely } from 'kysely';
import { timestampType, withIdColumn } from '../engine.ts';

/**
 * Certificates (docs/certificates.md): a real-name declarant's request, an editor's decision, and
 * the signed note issued on approval. Whether one is still valid is read from its declaration: a
 * retracted or unpublished declaration revokes it, with no second write to forget.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const time = timestampType(db);
  await withIdColumn(db, db.schema.createTable('certificates'))
    .addColumn('declaration_id', 'integer', (c) => c.notNull().references('declarations.id'))
    // TD and 16 digits; separate from the receipt, so a certificate never leads to its query password.
    .addColumn('number', 'text', (c) => c.notNull().unique())
    // The name as declared, chosen among the declaration's names by the declarant.
    .addColumn('name', 'text', (c) => c.notNull())
    // The language the declarant asked in: the certificate is printed in it.
    .addColumn('locale', 'text', (c) => c.notNull())
    // 'name' or 'validity': what the public verification page shows.
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', time, (c) => c.notNull())
    .addColumn('decided_at', time)
    // Null while waiting, or when the command line decided (it is no staff account).
    .addColumn('decided_by', 'integer', (c) => c.references('staff.id'))
    // The day of issue in the counting zone, and the signed note, once issued.
    .addColumn('issued_on', 'text')
    .addColumn('signed_note', 'text')
    .execute();
  // One live request or certificate per declaration; the queue, oldest first.
  await db.schema.createIndex('certificates_declaration').on('certificates').columns(['declaration_id', 'id']).execute();
  await db.schema.createIndex('certificates_status').on('certificates').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
