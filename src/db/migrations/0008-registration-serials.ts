import { sql, type Kysely } from 'kysely';
import { isPostgres, rebuildSqliteTable } from '../engine.ts';

const UNIQUE_NUMBER = '"registration_number" text not null unique';
const PLAIN_NUMBER = '"registration_number" text not null';

/**
 * Registration numbers become a keyed permutation of a serial (domain/declaration/registration-number.ts).
 * A unique index on random numbers put every submission on a random leaf, the largest part of what an
 * intake commit wrote; serials arrive in increasing order, so their index only appends. Numbers issued
 * before this migration keep working: they have no serial, and a partial unique index finds them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The next serial to hand out; processes reserve blocks of them (repositories/registration-serials-repository.ts).
  await db.schema
    .createTable('registration_serials')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('next_serial', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('registration_serials').values({ id: 1, next_serial: 1 }).execute();

  if (isPostgres(db)) await sql`alter table declarations drop constraint declarations_registration_number_key`.execute(db);
  else await rebuildSqliteTable(db, 'declarations', (create) => create.replace(UNIQUE_NUMBER, PLAIN_NUMBER));
  await db.schema.alterTable('declarations').addColumn('registration_serial', 'bigint').execute();
  await db.schema.createIndex('declarations_registration_serial').unique().on('declarations').column('registration_serial').execute();
  await db.schema
    .createIndex('declarations_number_without_serial')
    .unique()
    .on('declarations')
    .column('registration_number')
    .where(sql.ref('registration_serial'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_number_without_serial').execute();
  await db.schema.dropIndex('declarations_registration_serial').execute();
  await db.schema.alterTable('declarations').dropColumn('registration_serial').execute();
  if (isPostgres(db)) {
    await sql`alter table declarations add constraint declarations_registration_number_key unique (registration_number)`.execute(db);
  } else {
    await rebuildSqliteTable(db, 'declarations', (create) => create.replace(PLAIN_NUMBER, UNIQUE_NUMBER));
  }
  await db.schema.dropTable('registration_serials').execute();
}
