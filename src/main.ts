import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { discardCreatedKeys, loadKeys } from './crypto/keys.ts';
import { createDatabase, type DatabaseHandle } from './db/create-db.ts';
import { RegistrationNumberCodec } from './domain/declaration/registration-number.ts';
import { createIntakeWriter } from './db/intake-writer/intake-writer.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startWalCheckpointer, type WalCheckpointer } from './db/wal-checkpointer/wal-checkpointer.ts';
import { createApp } from './http/app.ts';
import { createHttpServer } from './http/http-server.ts';
import { PreparedRoutes } from './http/prepared-routes.ts';
import { scheduleNightlyReconcile } from './jobs/nightly-reconcile.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { auditRepository } from './repositories/audit-repository.ts';
import { batchesRepository } from './repositories/batches-repository.ts';
import { centersRepository } from './repositories/centers-repository.ts';
import { countsRepository } from './repositories/counts-repository.ts';
import { moderationRepository } from './repositories/moderation-repository.ts';
import { declarationsRepository } from './repositories/declarations-repository.ts';
import { registrationSerialsRepository } from './repositories/registration-serials-repository.ts';
import { staffRepository } from './repositories/staff-repository.ts';
import { submissionReceiptsRepository } from './repositories/submission-receipts-repository.ts';
import { supportRepository } from './repositories/support-repository.ts';
import { createArchiveService } from './services/archive-service.ts';
import { createBatchEntryService } from './services/batch-entry-service.ts';
import { createCentersService } from './services/centers-service.ts';
import { createContactService } from './services/contact-service.ts';
import { createCounterService } from './services/counter-service.ts';
import { createModerationService } from './services/moderation-service.ts';
import { createDeclarationService } from './services/declaration-service.ts';
import { createPasskeyService } from './services/passkey-service.ts';
import { createStaffAdminService } from './services/staff-admin-service.ts';
import { createStaffAuthService } from './services/staff-auth-service.ts';
import { PublicChanges } from './services/public-changes.ts';
import { createRegistrationNumbers } from './services/registration-numbers.ts';
import { createSupportService } from './services/support-service.ts';

export class KeysMissingError extends Error {
  constructor(directory: string) {
    super(
      `${directory} had no receipt.key, but the database already holds declarations. Restore the keys folder ` +
        'from the backup made with this database (see docs/operations.md, "Backups"); no new key was kept.',
    );
  }
}

/** Composition root: config → keys → database → repositories → services. */
export async function createServices(config: Config, options: { migrate?: boolean } = {}) {
  const { keys, created } = loadKeys(config.dataDir);
  const database = createDatabase(config.databaseUrl);
  if (options.migrate ?? true) await migrateToLatest(database.db);
  if (created.includes('receipt') && (await declarationsRepository.anyExists(database.db))) {
    // A new receipt key cannot check a single existing receipt nor decode a registration number:
    // the keys folder is missing or was not restored with the database. Starting would hide that.
    discardCreatedKeys(config.dataDir, created);
    await database.close();
    throw new KeysMissingError(join(config.dataDir, 'keys'));
  }
  if (created.length > 0) await recordNewKeys(database, created);
  const db = database.db;
  const timeZone = config.timeZone;
  const writer = createIntakeWriter(config.databaseUrl, db);
  const publicChanges = new PublicChanges();
  const numbers = createRegistrationNumbers({
    codec: new RegistrationNumberCodec(keys.numbers),
    reserve: (count) => writer.reserveSerials(count),
    takenWithoutSerial: (candidates) => registrationSerialsRepository.takenWithoutSerial(db, candidates),
  });
  const declarations = createDeclarationService({
    db,
    writer,
    publicChanges,
    declarations: declarationsRepository,
    heldReceipts: submissionReceiptsRepository,
    audit: auditRepository,
    keys,
    numbers,
    timeZone,
  });
  const staffAuth = createStaffAuthService({ db, staff: staffRepository, audit: auditRepository, keys });
  const staffAdmin = createStaffAdminService({ db, staff: staffRepository, audit: auditRepository, auth: staffAuth });
  const contacts = createContactService({ db, audit: auditRepository, keys, numbers });
  const passkeys = createPasskeyService({ db, staff: staffRepository, audit: auditRepository, auth: staffAuth, publicUrl: config.publicUrl });
  const centers = createCentersService({ db, centers: centersRepository, audit: auditRepository });
  const moderation = createModerationService({
    db,
    moderation: moderationRepository,
    declarations: declarationsRepository,
    audit: auditRepository,
    timeZone,
    publicChanges,
    numbers,
  });
  const batchEntry = createBatchEntryService({
    db,
    declarations: declarationsRepository,
    heldReceipts: submissionReceiptsRepository,
    batches: batchesRepository,
    staff: staffRepository,
    audit: auditRepository,
    keys,
    numbers,
    timeZone,
  });
  const counter = createCounterService({ db, counts: countsRepository, audit: auditRepository, timeZone });
  const archive = createArchiveService({ db, timeZone });
  const support = createSupportService({ db, support: supportRepository, audit: auditRepository });
  return {
    config,
    database,
    counter,
    archive,
    support,
    keys,
    numbers,
    declarations,
    staffAuth,
    staffAdmin,
    contacts,
    passkeys,
    centers,
    moderation,
    batchEntry,
    publicChanges,
    audit: auditRepository,
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

/** Key creation is a key operation: it goes in the audit log like the others. */
async function recordNewKeys(database: DatabaseHandle, created: string[]): Promise<void> {
  await database.db.transaction().execute((trx) =>
    auditRepository.append(trx, {
      at: new Date(),
      actorId: null,
      actor: 'system',
      action: 'keys.created',
      targetType: 'keys',
      targetId: null,
      details: { keys: created },
    }),
  );
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the HTTP service; on close it stops accepting, drains queued writes, then closes the database. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const services = await createServices(config);
  const prepared = new PreparedRoutes();
  const app = createApp({ logger, services, prepared });
  const server = await new Promise<Server>((resolve) => {
    const started = createHttpServer(app, prepared, services.declarations, logger, config.host).listen(config.port, config.host, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, engine: services.database.engine }, 'listening');
  const stopNightly = scheduleNightlyReconcile(config, logger);
  const sqliteFile = servedSqliteFile(config.databaseUrl);
  const checkpointer = sqliteFile ? startWalCheckpointer(sqliteFile, logger) : undefined;
  return {
    url,
    close: () => {
      stopNightly();
      return closeServer(server, services.database, services.declarations.close, checkpointer);
    },
  };
}

/** The path of a SQLite file (not an in-memory database), which has a WAL to keep checkpointed. */
function servedSqliteFile(databaseUrl: string): string | undefined {
  return databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:' ? databaseUrl.slice('sqlite:'.length) : undefined;
}

async function closeServer(server: Server, database: DatabaseHandle, closeIntake: () => Promise<void>, checkpointer: WalCheckpointer | undefined) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
  server.closeIdleConnections();
  await closed;
  await closeIntake();
  await checkpointer?.close();
  await database.close();
}
