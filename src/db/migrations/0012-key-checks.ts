import type { Kysely } from 'kysely';
import { timestampType } from '../engine.ts';

/**
 * One check value per key file (crypto/keys.ts keyCheck): an HMAC under the key of a fixed text,
 * so a start with a key that is missing or not the one the data was written with is refused
 * instead of answering 404 or 500 for everything the key protects. It tells nothing about the key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_checks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('key_checks').execute();
}
