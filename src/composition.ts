import type { Config } from './config.ts';
import { loadKeys, type Keys } from './crypto/keys.ts';
import { createDatabase, type DatabaseHandle } from './db/create-db.ts';
import { sqliteFilePath } from './db/engine.ts';
import { RegistrationNumberCodec } from './domain/declaration/registration-number.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createIntakeWriter } from './intake/writer/create-intake-writer.ts';
import { createMetrics } from './metrics/metrics.ts';
import { createHealthService } from './services/health-service.ts';
import { startWalCheckpointer } from './intake/wal-checkpointer/wal-checkpointer.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { archiveRepository } from './repositories/archive-repository.ts';
import { batchesRepository } from './repositories/batches-repository.ts';
import { centersRepository } from './repositories/centers-repository.ts';
import { counterRepository } from './repositories/counter-repository.ts';
import { historyRepository } from './repositories/history-repository.ts';
import { moderationRepository } from './repositories/moderation/moderation-repository.ts';
import { declarationsRepository } from './repositories/declarations/index.ts';
import { registrationSerialsRepository } from './repositories/registration-serials-repository.ts';
import { staffRepository } from './repositories/staff-repository.ts';
import { submissionReceiptsRepository } from './repositories/submission-receipts-repository.ts';
import { supportRepository } from './repositories/support-repository.ts';
import { campaignsRepository } from './repositories/outreach/campaigns-repository.ts';
import { contactsRepository } from './repositories/outreach/contacts-repository.ts';
import { manualTelephony } from './services/outreach/telephony.ts';
import { leaderboardRepository } from './repositories/outreach/leaderboard-repository.ts';
import { attemptsRepository } from './repositories/outreach/attempts-repository.ts';
import { doNotCallRepository } from './repositories/outreach/do-not-call-repository.ts';
import { importsRepository } from './repositories/outreach/imports-repository.ts';
import { createArchiveService } from './services/archive-service.ts';
import { createBatchEntryService } from './services/batch/batch-entry-service.ts';
import { createCentersService } from './services/centers-service.ts';
import { createContactService } from './services/contact-service.ts';
import { createCounterService } from './services/counter-service.ts';
import { createHistoryService } from './services/history/history-service.ts';
import { createModerationService } from './services/moderation/moderation-service.ts';
import { createDeclarationService } from './services/declaration-service.ts';
import { createPasskeyService } from './services/passkey-service.ts';
import { createStaffAdminService } from './services/staff-admin-service.ts';
import { createStaffAuthService } from './services/staff-auth-service.ts';
import { KeptPages } from './services/fast-lane/kept-pages.ts';
import { PublicChanges } from './services/fast-lane/public-changes.ts';
import { openKeptPagesFile } from './db/kept-pages-file.ts';
import { keptPagesRepository } from './repositories/kept-pages-repository.ts';
import { createRegistrationNumbers } from './services/registration-numbers.ts';
import type { Services } from './services/services.ts';
import { createSupportService } from './services/support-service.ts';
import { createOutreachService } from './services/outreach/outreach-service.ts';
import { subscribersRepository } from './repositories/newsletter/subscribers-repository.ts';
import { issuesRepository } from './repositories/newsletter/issues-repository.ts';
import { deliveriesRepository } from './repositories/newsletter/deliveries-repository.ts';
import { createNewsletterService } from './services/newsletter/newsletter-service.ts';
import { resourcesRepository } from './repositories/resources-repository.ts';
import { createResourcesService } from './services/resources/resources-service.ts';
import { inboxItemsRepository } from './repositories/inbox/items-repository.ts';
import { inboxAttachmentsRepository } from './repositories/inbox/attachments-repository.ts';
import { inboxItemDeclarationsRepository } from './repositories/inbox/item-declarations-repository.ts';
import { createAttachmentStore } from './services/inbox/attachment-store.ts';
import { createInboxService } from './services/inbox/inbox-service.ts';
import { createInboxConversion } from './services/inbox/conversion.ts';
import { channelSecretsKey } from './crypto/channel-secrets.ts';
import { inboxChannelsRepository } from './repositories/inbox-channels-repository.ts';
import { createChannelSettings } from './services/channels/channel-settings.ts';
import { createChannelsIntake } from './services/channels/channels-intake.ts';
import { recordingFetcher } from './services/channels/recording-fetch.ts';
import { INBOX_LIMITS } from './services/inbox/receive.ts';
import { loadNextLogKey, logKeyPath } from './crypto/log-key.ts';
import { signerFromSeed } from './domain/log/note.ts';
import { openAuditChain } from './composition/audit-chain.ts';
import { refuseRotationUnderway } from './composition/key-checks.ts';
import { watchWithMetrics } from './composition/metrics-gauges.ts';
import { logRepository } from './repositories/log/log-repository.ts';
import { createLogService } from './services/log/log-service.ts';
import { certificatesRepository } from './repositories/certificates-repository.ts';
import { createCertificateService } from './services/certificates/certificate-service.ts';
import { admissionCountsRepository } from './repositories/admission-counts-repository.ts';
import { featureSwitchesRepository } from './repositories/feature-switches-repository.ts';
import { spentChallengesRepository } from './repositories/spent-challenges-repository.ts';
import { AddressKeys } from './services/flood/address-keys.ts';
import { createAdmission } from './services/flood/admission.ts';
import { createAdmissionCounts } from './services/flood/admission-counts.ts';
import { createProofOfWork } from './services/flood/proof-of-work.ts';
import { createSignInGuard } from './services/flood/sign-in-guard.ts';
import { createSwitches } from './services/flood/switches-service.ts';

export { KeyMismatchError, KeyRotationUnderwayError, KeysMissingError } from './composition/key-checks.ts';
export { bulkPostImport } from './composition/bulk-import.ts';

interface CompositionOptions {
  migrate?: boolean;
  /** Where work done in the background reports failures; by default, the configured log. */
  logger?: Logger;
  /** Milliseconds by which cached reads (counter, home lists, public pages' version) age; tests move it on instead of sleeping. */
  clock?: () => number;
  /**
   * Keeps a SQLite file's WAL checkpointed from a thread of its own (see wal-checkpointer.ts): for the
   * server, which writes all day; a command's few writes leave that to SQLite's own checkpoints.
   */
  walCheckpointer?: boolean;
}

/** The services, what they were made from, and how to close everything that was opened for them. */
export interface Composition {
  services: Services;
  /** The database the services use: for the server's start-up line and for tests that check rows. */
  database: DatabaseHandle;
  keys: Keys;
  /** The one way mail leaves the registry (SMTP, or .eml files under the data dir). */
  mailer: Mailer;
  /** Key files that users other than the owner may read, for a warning at start. */
  exposedKeyFiles: readonly string[];
  /** Commits every acknowledged submission, then stops the writer and checkpointer threads and closes the database. */
  close(): Promise<void>;
}

/** Composition root: config → keys → database → repositories → services. */
export async function createServices(config: Config, options: CompositionOptions = {}): Promise<Composition> {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? createLogger(config.logLevel);
  refuseRotationUnderway(config.dataDir);
  const { keys, created, inherited, exposed } = loadKeys(config.dataDir);
  const database = createDatabase(config.databaseUrl, { logger });
  if (options.migrate ?? true) await migrateToLatest(database.db);
  // The audit chain is keyed (migration 0027); every service that writes it gets it bound to the key.
  const { auditRepository, audit, logKey } = await openAuditChain(config.dataDir, config.logOrigin, database, keys, { created, inherited });
  const db = database.db;
  const timeZone = config.timeZone;
  const writer = createIntakeWriter(config.databaseUrl, db, logger);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const publicChanges = new PublicChanges();
  const keptPages = new KeptPages(
    () => {
      const connection = openKeptPagesFile(config.dataDir);
      return { pages: keptPagesRepository(connection, config.keptPages), connection };
    },
    config.keptPages,
    logger,
  );
  const numbersCodec = new RegistrationNumberCodec(keys.numbers);
  const numbers = createRegistrationNumbers({
    codec: numbersCodec,
    reserve: (count) => writer.reserveSerials(count),
    takenWithoutSerial: (candidates) => registrationSerialsRepository.takenWithoutSerial(db, candidates),
    logger,
  });
  const metrics = createMetrics();
  // Flood resistance (docs/security.md, "Flooding"): client addresses only as daily keyed HMACs, in memory.
  const addressKeys = new AddressKeys(clock);
  const flood = {
    admission: createAdmission({
      pow: createProofOfWork({ db, spent: spentChallengesRepository, signingKey: keys.submissionTokens, now: clock }),
      addressKeys,
      limits: config.flood,
      now: clock,
    }),
    switches: createSwitches({ db, switches: featureSwitchesRepository, audit: auditRepository, clock }),
    admissionCounts: createAdmissionCounts({ db, counts: admissionCountsRepository, clock }),
  };
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
    intakeQueueLimit: config.intakeQueueLimit,
    intakeObserver: metrics.intake,
    door: { admission: flood.admission, switches: flood.switches },
  });
  const staffAuth = createStaffAuthService({
    db,
    staff: staffRepository,
    audit: auditRepository,
    keys,
    guard: createSignInGuard({ addressKeys, now: clock }),
  });
  const staffAdmin = createStaffAdminService({
    db,
    staff: staffRepository,
    centers: centersRepository,
    audit: auditRepository,
    auth: staffAuth,
  });
  const contacts = createContactService({
    db,
    declarations: declarationsRepository,
    audit: auditRepository,
    keys,
    numbers,
    retentionDays: config.vault.contactRetentionDays,
  });
  const passkeys = createPasskeyService({
    db,
    staff: staffRepository,
    audit: auditRepository,
    auth: staffAuth,
    publicUrl: config.publicUrl,
  });
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
    callLinks: attemptsRepository,
    inboxLinks: createInboxConversion({ items: inboxItemsRepository, links: inboxItemDeclarationsRepository, audit: auditRepository }),
  });
  const nextLogKey = loadNextLogKey(config.dataDir);
  const log = createLogService({
    db,
    log: logRepository,
    audit: auditRepository,
    signer: signerFromSeed(config.logOrigin, logKey.seed),
    nextSigner: nextLogKey && signerFromSeed(config.logOrigin, nextLogKey),
    numbers,
  });
  // Certificates are signed notes under the log's key (docs/certificates.md): one key for verifiers to hold.
  const logSigner = signerFromSeed(config.logOrigin, logKey.seed);
  const certificates = createCertificateService({
    db,
    certificates: certificatesRepository,
    declarations: declarationsRepository,
    numbers,
    audit: auditRepository,
    receiptKey: keys.receipt,
    signers: nextLogKey ? [logSigner, signerFromSeed(config.logOrigin, nextLogKey)] : [logSigner],
    timeZone,
  });
  const counter = createCounterService({
    db,
    counter: counterRepository,
    history: historyRepository,
    audit: auditRepository,
    timeZone,
    logger,
    clock,
    logState: { pending: log.pendingChanges, checkpoint: log.checkpoint },
  });
  const history = createHistoryService({
    db,
    history: historyRepository,
    declarations: declarationsRepository,
    audit: auditRepository,
    receiptKey: keys.receipt,
    serialsOf: (candidates) => numbersCodec.decodeMany(candidates),
    timeZone,
  });
  const archive = createArchiveService({ db, archive: archiveRepository, timeZone });
  const support = createSupportService({ db, support: supportRepository, audit: auditRepository });
  const outreach = createOutreachService({
    db,
    campaigns: campaignsRepository,
    contacts: contactsRepository,
    imports: importsRepository,
    doNotCall: doNotCallRepository,
    attempts: attemptsRepository,
    telephony: manualTelephony,
    leaderboard: leaderboardRepository,
    centers: centersRepository,
    staff: staffRepository,
    audit: auditRepository,
    keys,
  });
  const newsletter = createNewsletterService({
    db,
    subscribers: subscribersRepository,
    issues: issuesRepository,
    deliveries: deliveriesRepository,
    audit: auditRepository,
    contactKey: keys.contact,
    hmacKey: keys.newsletter,
    mailer,
    publicUrl: config.publicUrl,
    // Bounces come back to the SMTP receiver, which answers only at the inbox domain.
    bounceDomain: config.inbound.domain,
  });
  const resources = createResourcesService({ db, resources: resourcesRepository, audit: auditRepository });
  const inbox = createInboxService({
    db,
    items: inboxItemsRepository,
    attachments: inboxAttachmentsRepository,
    links: inboxItemDeclarationsRepository,
    centers: centersRepository,
    staff: staffRepository,
    audit: auditRepository,
    keys,
    store: createAttachmentStore(config.dataDir, keys.contact),
    mailer,
    mailFrom: config.mailFrom,
    publicUrl: config.publicUrl,
    retentionDays: config.inboxRetentionDays,
    logger,
    timeZone,
  });
  // How items arrive (docs/inbox.md): per-center addresses, webhook secrets and mailboxes, and the intake that files into the inbox.
  const channels = {
    settings: createChannelSettings({
      db,
      settings: inboxChannelsRepository,
      centers: centersRepository,
      audit: auditRepository,
      secretsKey: channelSecretsKey(keys.staff),
      domain: config.inbound.domain,
    }),
    intake: createChannelsIntake({
      db,
      centers: centersRepository,
      receive: inbox.receive,
      items: inboxItemsRepository,
      fetchRecording: recordingFetcher(config.inbound.recordingOrigins, INBOX_LIMITS.attachmentBytes),
      faxSenderDomains: config.inbound.faxSenderDomains,
    }),
  };
  watchWithMetrics(metrics, { declarations, counter, intakeQueueLimit: config.intakeQueueLimit, db, databaseUrl: config.databaseUrl });
  const services: Services = {
    config: { timeZone, publicUrl: config.publicUrl, submissionAddresses: config.mirror.submissionAddresses },
    metrics,
    health: createHealthService({ db, intakeReady: declarations.intakeReady, keys }),
    clock,
    counter,
    history,
    archive,
    support,
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
    keptPages,
    audit,
    outreach,
    newsletter,
    resources,
    inbox,
    channels,
    log,
    certificates,
    flood,
  };
  const sqliteFile = options.walCheckpointer ? sqliteFilePath(config.databaseUrl) : undefined;
  const checkpointer = sqliteFile ? startWalCheckpointer(sqliteFile, logger) : undefined;
  let closing: Promise<void> | undefined;
  return {
    services,
    database,
    keys,
    mailer,
    exposedKeyFiles: logKey.exposed ? [...exposed, logKeyPath(config.dataDir)] : exposed,
    close: () =>
      (closing ??= (async () => {
        await declarations.drain();
        await writer.close();
        await checkpointer?.close();
        mailer.close();
        keptPages.close();
        await database.close();
      })()),
  };
}
