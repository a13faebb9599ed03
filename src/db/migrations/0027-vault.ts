import { sql, type Kysely } from 'kysely';

/**
 * Data at rest (issue 25): the audit log's keyed chain. Rows written before this migration keep
 * their unkeyed SHA-256 links (`keyed` 0) until the first start with the audit key re-chains them
 * under the key (repositories/audit-repository.ts `keyLegacyChain`); from then on every link is an HMAC.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('keyed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The contact retention's work list (repositories/declarations/contact-retention.ts): only rows that
  // still hold a contact, so the hourly purge stays small on a registry of millions.
  await db.schema
    .createIndex('declarations_contact_held')
    .on('declarations')
    .column('status_changed_at')
    .where(sql.ref('contact_sealed'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_contact_held').execute();
  await db.schema.alterTable('audit_log').dropColumn('keyed').execute();
}
