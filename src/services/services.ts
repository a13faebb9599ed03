import type { ArchiveService } from './archive-service.ts';
import type { AuditService } from './audit-service.ts';
import type { BatchEntryService } from './batch/batch-entry-service.ts';
import type { CentersService } from './centers-service.ts';
import type { ContactService } from './contact-service.ts';
import type { CounterService } from './counter-service.ts';
import type { DeclarationService } from './declaration-service.ts';
import type { HistoryService } from './history/history-service.ts';
import type { ModerationService } from './moderation/moderation-service.ts';
import type { PasskeyService } from './passkey-service.ts';
import type { KeptPages } from './fast-lane/kept-pages.ts';
import type { PublicChanges } from './fast-lane/public-changes.ts';
import type { RegistrationNumbers } from './registration-numbers.ts';
import type { StaffAdminService } from './staff-admin-service.ts';
import type { StaffAuthService } from './staff-auth-service.ts';
import type { SupportService } from './support-service.ts';
import type { OutreachService } from './outreach/outreach-service.ts';
import type { NewsletterService } from './newsletter/newsletter-service.ts';
import type { ResourcesService } from './resources/resources-service.ts';
import type { InboxService } from './inbox/inbox-service.ts';
import type { ChannelSettings } from './channels/channel-settings.ts';
import type { ChannelsIntake } from './channels/channels-intake.ts';
import type { LogService } from './log/log-service.ts';
import type { CertificateService } from './certificates/certificate-service.ts';
import type { HealthService } from './health-service.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Admission } from './flood/admission.ts';
import type { AdmissionCounts } from './flood/admission-counts.ts';
import type { Switches } from './flood/switches-service.ts';

/** The settings the HTTP layer renders with, as plain values (it never reads the configuration itself). */
interface ServiceSettings {
  /** The counting time zone: every date shown is in it. */
  timeZone: string;
  /** Where staff reach the console: the origin passkeys and one-time links are bound to. */
  publicUrl: string;
  /** Where a static mirror's pages send declarants: sites that take declarations (docs/mirror.md). */
  submissionAddresses: readonly string[];
}

/**
 * Everything the HTTP layer and the commands may call, made by the composition root
 * (src/composition.ts). It holds services only: no database, no repository, no key.
 */
export interface Services {
  /** The Prometheus registry: requests are observed by the HTTP layer, served on the metrics listener only. */
  metrics: Metrics;
  /** Whether the database, the intake writer and the keys are ready (/readyz). */
  health: HealthService;
  config: ServiceSettings;
  /** Milliseconds by which cached reads age (counter, home lists, public pages' version). */
  clock: () => number;
  counter: CounterService;
  /** Carrying the previous registry's history over (docs/history.md). */
  history: HistoryService;
  archive: ArchiveService;
  support: SupportService;
  numbers: RegistrationNumbers;
  declarations: DeclarationService;
  staffAuth: StaffAuthService;
  staffAdmin: StaffAdminService;
  contacts: ContactService;
  passkeys: PasskeyService;
  centers: CentersService;
  moderation: ModerationService;
  batchEntry: BatchEntryService;
  publicChanges: PublicChanges;
  /** Public pages kept rendered on disk by this process (TUIDANG_KEPT_PAGES). */
  keptPages: KeptPages;
  audit: AuditService;
  outreach: OutreachService;
  newsletter: NewsletterService;
  /** The resources page's text and the outside addresses it may link to (docs/resources.md). */
  resources: ResourcesService;
  inbox: InboxService;
  /** How items arrive: the centers' inbox settings, and the intake of mail, voicemail and web messages. */
  channels: { settings: ChannelSettings; intake: ChannelsIntake };
  /** The transparency log: batches, checkpoints, tiles and proofs (docs/transparency.md). */
  log: LogService;
  /** Certificates for real-name declarants: requests, editors' decisions, the public check (docs/certificates.md). */
  certificates: CertificateService;
  /** Proof of work, admission classes and rate limits; the kill switches; counts per class (docs/security.md, "Flooding"). */
  flood: { admission: Admission; switches: Switches; admissionCounts: AdmissionCounts };
}
