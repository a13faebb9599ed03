import type { Server } from 'node:http';
import type { Config } from './config.ts';
import { KEY_FILES, discardCreatedKeys, keyCheck, keyPath, loadKeys, type KeyFile, type Keys } from './crypto/keys.ts';
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
import { archiveRepository } from './repositories/archive-repository.ts';
import { auditRepository } from './repositories/audit-repository.ts';
import { batchesRepository } from './repositories/batches-repository.ts';
import { centersRepository } from './repositories/centers-repository.ts';
import { countsRepository } from './repositories/counts-repository.ts';
import { moderationRepository } from './repositories/moderation/moderation-repository.ts';
import { declarationsRepository } from './repositories/declarations-repository.ts';
import { keyChecksRepository } from './repositories/key-checks-repository.ts';
import { registrationSerialsRepository } from './repositories/registration-serials-repository.ts';
import { staffRepository } from './repositories/staff-repository.ts';
import { submissionReceiptsRepository } from './repositories/submission-receipts-repository.ts';
import { supportRepository } from './repositories/support-repository.ts';
import { createArchiveService } from './services/archive-service.ts';
import { createBatchEntryService } from './services/batch-entry-service.ts';
import { createCentersService } from './services/centers-service.ts';
import { createContactService } from './services/contact-service.ts';
import { createCounterService } from './services/counter-service.ts';
import { createModerationService } from './services/moderation/moderation-service.ts';
import { createDeclarationService } from './services/declaration-service.ts';
import { createPasskeyService } from './services/passkey-service.ts';
import { createStaffAdminService } from './services/staff-admin-service.ts';
import { createStaffAuthService } from './services/staff-auth-service.ts';
import { PublicChanges } from './services/public-changes.ts';
import { createRegistrationNumbers } from './services/registration-numbers.ts';
import { createSupportService } from './services/support-service.ts';

const RESTORE_KEYS = 'Restore the keys folder from the backup made with this database (see docs/operations.md, "Backups")';

export class KeysMissingError extends Error {
  constructor(files: readonly string[]) {
    const one = files.length === 1;
    super(
      `${files.join(' and ')} ${one ? 'is' : 'are'} missing, but the database holds data written with ${one ? 'it' : 'them'}. ` +
        `${RESTORE_KEYS}; no new key was kept.`,
    );
  }
}

export class KeyMismatchError extends Error {
  constructor(files: readonly string[]) {
    super(
      `${files.join(' and ')}: not the key this database was written with (its check value in the database differs). ` +
        `${RESTORE_KEYS}, or point DATABASE_URL at the database these keys belong to.`,
    );
  }
}

export interface ServicesOptions {
  migrate?: boolean;
  /** Where work done in the background reports failures; by default, the configured log. */
  logger?: Logger;
  /** Milliseconds by which cached reads (counter, home lists, public pages' version) age; tests move it on instead of sleeping. */
  clock?: () => number;
}

/** Composition root: config → keys → database → repositories → services. */
export async function createServices(config: Config, options: ServicesOptions = {}) {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  const { keys, created, exposed } = loadKeys(config.dataDir);
  const database = createDatabase(config.databaseUrl, { logger });
  if (options.migrate ?? true) await migrateToLatest(database.db);
  await checkKeys(config.dataDir, database, keys, created);
  if (created.length > 0) await recordNewKeys(database, created);
  const db = database.db;
  const timeZone = config.timeZone;
  const writer = createIntakeWriter(config.databaseUrl, db);
  const publicChanges = new PublicChanges();
  const numbers = createRegistrationNumbers({
    codec: new RegistrationNumberCodec(keys.numbers),
    reserve: (count) => writer.reserveSerials(count),
    takenWithoutSerial: (candidates) => registrationSerialsRepository.takenWithoutSerial(db, candidates),
    logger,
  });
  const declarations = createDeclarationService({
    db,
    writer,
    publicChanges,
    declarations: declarationsRepository,
    reasons: moderationRepository,
    heldReceipts: submissionReceiptsRepository,
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
    archive: archiveRepository,
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
  const counter = createCounterService({ db, counts: countsRepository, audit: auditRepository, timeZone, logger, clock });
  const archive = createArchiveService({ db, timeZone });
  const support = createSupportService({ db, support: supportRepository, audit: auditRepository });
  return {
    config,
    clock,
    database,
    /** Key files that users other than the owner may read, for a warning at start. */
    exposedKeyFiles: exposed,
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

/**
 * Refuses to start with a key the data was not written with: a new key where the database holds
 * data sealed or hashed under the old one, or a key whose check value differs from the stored one.
 * Starting would hide it, and every receipt, contact reveal or sign-in that needs the key would
 * fail. Keys this start created are removed again, so the next start fails the same way.
 */
async function checkKeys(dataDir: string, database: DatabaseHandle, keys: Keys, created: readonly KeyFile[]): Promise<void> {
  const db = database.db;
  const usedBy: Record<KeyFile, () => Promise<boolean>> = {
    // Every receipt is checked under the receipt key, and every registration number decoded with it.
    receipt: () => declarationsRepository.anyExists(db),
    contact: () => declarationsRepository.anyContact(db),
    staff: () => staffRepository.anyTotp(db),
  };
  const refuse = async (error: Error) => {
    discardCreatedKeys(dataDir, created);
    await database.close();
    throw error;
  };
  let stored = await keyChecksRepository.all(db);
  const missing: string[] = [];
  for (const name of created) if (stored.has(name) || (await usedBy[name]())) missing.push(keyPath(dataDir, name));
  if (missing.length > 0) await refuse(new KeysMissingError(missing));
  // Databases from before the checks existed, and new keys, get theirs now.
  const at = new Date();
  for (const name of KEY_FILES) if (!stored.has(name)) await keyChecksRepository.insert(db, name, keyCheck(keys, name), at);
  // Read again: another process starting at the same time may have stored its own first.
  stored = await keyChecksRepository.all(db);
  const wrong = KEY_FILES.filter((name) => stored.get(name) !== keyCheck(keys, name)).map((name) => keyPath(dataDir, name));
  if (wrong.length > 0) await refuse(new KeyMismatchError(wrong));
}

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
  const services = await createServices(config, { logger });
  const prepared = new PreparedRoutes();
  const app = createApp({ logger, services, prepared });
  const server = await new Promise<Server>((resolve) => {
    const started = createHttpServer(app, prepared, services.declarations, logger, config.host).listen(config.port, config.host, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, engine: services.database.engine }, 'listening');
  for (const file of services.exposedKeyFiles) {
    logger.warn({ file }, 'key file can be read by other users of this machine; make it readable by the owner only (chmod 600)');
  }
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
