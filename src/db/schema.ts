import type { ColumnType, Generated } from 'kysely';
import type { Admission, DeclarationEventKind, DeclarationStatus } from '../domain/declaration/status.ts';
import type { StaffRole } from '../domain/staff/roles.ts';
import type { HistoryTables } from './schema-history.ts';
import type { ChannelsTables } from './schema-channels.ts';
import type { InboxTables } from './schema-inbox.ts';
import type { NewsletterTables } from './schema-newsletter.ts';
import type { LogTables } from './schema-log.ts';
import type { OutreachTables } from './schema-outreach.ts';
import type { ResourcesTables } from './schema-resources.ts';
import type { CertificatesTables } from './schema-certificates.ts';
import type { LogNodesTables } from './schema-log-nodes.ts';
import type { FloodTables } from './schema-flood.ts';
import type { DbTime } from './time.ts';

// The domain owns its vocabulary; the schema uses it (and passes it on to the code that reads rows).
export type { Admission, DeclarationEventKind, DeclarationStatus, StaffRole };
export type { OutreachCampaignsTable } from './schema-outreach.ts';

/** 0/1 on both engines, so the same SQL sums and filters them. */
type DbFlag = 0 | 1;

export interface DeclarationsTable {
  id: Generated<number>;
  registration_number: string;
  /** The serial the number encodes (domain/declaration/registration-number.ts); null for numbers issued before serials. */
  registration_serial: number | null;
  password_hash: string;
  status: DeclarationStatus;
  /** JSON array of the names as submitted; stored, never queried into. */
  names: string;
  name_count: number;
  headcount: number;
  party: DbFlag;
  league: DbFlag;
  pioneers: DbFlag;
  /** Empty when the declarant wrote none: readers get a default (repositories/declaration-title.ts). */
  title: string;
  region: string | null;
  statement: string | null;
  behalf: 'self' | 'family' | 'deceased';
  consent: DbFlag;
  /** AES-256-GCM sealed e-mail address; the key lives in the data dir. */
  contact_sealed: string | null;
  channel: string;
  locale: string;
  created_at: DbTime;
  status_changed_at: DbTime;
  published_at: DbTime | null;
  reject_reason: string | null;
  /** The managed reason (reject_reasons) behind reject_reason, shown in the reader's language; null for free text. */
  reject_reason_id: number | null;
  feedback: string | null;
  /** How it entered: 'public' (web or API), 'volunteer' (batch, moderated) or 'trusted' (published on entry). */
  admission: ColumnType<Admission, Admission | undefined, Admission>;
  center_id: number | null;
  /** The volunteer who entered it; never shown publicly. */
  entered_by: number | null;
  batch_id: number | null;
  duplicate_of: number | null;
  /** The day (YYYY-MM-DD) an editor featured it for the daily selection. */
  featured_on: string | null;
  /** First name folded to simplified script and lower case, for duplicate warnings. */
  alias_key: string | null;
  /** The day (in the counting time zone) it was published, the day it counts on; null unless published. */
  counted_day: string | null;
  /** The post's id in the previous site's archive, for its old links; null unless imported (migration 0021). */
  legacy_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The key near-identical statements share (domain/declaration/text-key.ts); null without a statement (migration 0032). */
  text_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One row (id 1): the next registration serial no process has reserved. */
interface RegistrationSerialsTable {
  id: number;
  next_serial: number;
}

interface DeclarationEventsTable {
  id: Generated<number>;
  declaration_id: number;
  kind: DeclarationEventKind;
  actor: string;
  reason: string | null;
  created_at: DbTime;
}

export interface CentersTable {
  id: Generated<number>;
  name: string;
  city: string;
  country: string;
  /** JSON array of phone numbers. */
  hotlines: string;
  fax: string | null;
  email: string | null;
  address: string | null;
  opening_hours: string | null;
  languages: string;
  is_public: DbFlag;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  center_id: number | null;
  trusted: DbFlag;
  active: DbFlag;
  password_hash: string | null;
  /** The TOTP secret, sealed under the staff key. */
  totp_sealed: string | null;
  /** The last TOTP time step accepted, so a code works once. */
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: DbTime | null;
  created_at: DbTime;
}

interface StaffTokensTable {
  id: Generated<number>;
  staff_id: number;
  purpose: 'enrol' | 'reset';
  token_hash: string;
  expires_at: DbTime;
  used_at: DbTime | null;
  created_at: DbTime;
}

interface StaffSessionsTable {
  /** SHA-256 of the cookie's random token: the database never holds a usable session. */
  id: string;
  staff_id: number;
  csrf_token: string;
  /** 0 between the password and the second factor. */
  second_factor: DbFlag;
  created_at: DbTime;
  last_seen_at: DbTime;
  revoked_at: DbTime | null;
  webauthn_challenge: string | null;
}

interface StaffPasskeysTable {
  id: Generated<number>;
  staff_id: number;
  /** base64url credential id, as the browser reports it. */
  credential_id: string;
  /** base64url COSE public key. */
  public_key: string;
  counter: number;
  /** JSON array of transports; stored, never queried into. */
  transports: string;
  name: string;
  created_at: DbTime;
  last_used_at: DbTime | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: DbTime;
  actor_id: number | null;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object; stored, never queried into. */
  details: string;
  prev_hash: string;
  /** An HMAC under the audit key when `keyed` is 1 (migration 0027); the unkeyed SHA-256 of older rows when 0. */
  hash: string;
  keyed: ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>;
}

interface RejectReasonsTable {
  id: Generated<number>;
  label_zh_hans: string;
  label_zh_hant: string;
  label_en: string;
  active: DbFlag;
}

interface BatchesTable {
  id: Generated<number>;
  staff_id: number;
  center_id: number | null;
  channel: string;
  conversation_date: string;
  consent: string;
  note: string | null;
  created_at: DbTime;
}

interface CounterTotalsTable {
  id: number;
  declarations: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
  updated_at: DbTime;
}

interface DailyTotalsTable {
  day: string;
  declarations: number;
  people: number;
  party: number;
  league: number;
  pioneers: number;
}

export type BreakdownDimension = 'region' | 'channel' | 'center' | 'admission';

interface DailyBreakdownTable {
  day: string;
  dimension: BreakdownDimension;
  key: string;
  declarations: number;
  people: number;
}

export interface Database {
  declarations: DeclarationsTable;
  declaration_events: DeclarationEventsTable;
  registration_serials: RegistrationSerialsTable;
  centers: CentersTable;
  staff: StaffTable;
  staff_tokens: StaffTokensTable;
  staff_sessions: StaffSessionsTable;
  staff_passkeys: StaffPasskeysTable;
  audit_log: AuditLogTable;
  reject_reasons: RejectReasonsTable;
  batches: BatchesTable;
  counter_totals: CounterTotalsTable;
  daily_totals: DailyTotalsTable;
  daily_breakdown: DailyBreakdownTable;
}

/**
 * The archive's search by title and region: one row per distinct bigram of a
 * published declaration's folded title ('t' + bigram) and region ('r' + bigram).
 * Filled on publication, emptied on leaving it (see repositories/archive-repository.ts).
 */
interface SearchGramsTable {
  gram: string;
  declaration_id: number;
}

// Declaration merging keeps this file append-only for the archive's table.
export interface Database {
  search_grams: SearchGramsTable;
}

export type SupportMessageStatus = 'pending' | 'published' | 'rejected';

/**
 * Messages of support from readers: moderated like statements, never counted.
 * No address, no user agent, nothing identifying beyond what the writer typed.
 */
export interface SupportMessagesTable {
  id: Generated<number>;
  name: string | null;
  region: string | null;
  message: string;
  status: SupportMessageStatus;
  locale: string;
  created_at: DbTime;
  published_at: DbTime | null;
}

// Declaration merging keeps this file append-only for the support messages' table.
export interface Database {
  support_messages: SupportMessagesTable;
}

/** One row: goes up with every change to a published declaration (a trigger keeps it; migration 0009). */
interface PublicPagesVersionTable {
  id: number;
  version: number;
}

// Declaration merging keeps this file append-only for the public pages' version.
export interface Database {
  public_pages_version: PublicPagesVersionTable;
}

/** A receipt held briefly for a repeated submission and the one-use receipt page (migration 0010). */
interface SubmissionReceiptsTable {
  id: string;
  token_hash: string | null;
  fingerprint: string | null;
  ref_hash: string | null;
  sealed: string;
  expires_at: DbTime;
}

// Declaration merging keeps this file append-only for held receipts.
export interface Database {
  submission_receipts: SubmissionReceiptsTable;
}

/** A check value per key file, to refuse a key the data was not written with (migration 0012). */
interface KeyChecksTable {
  name: string;
  check_value: string;
  created_at: DbTime;
}

// Declaration merging keeps this file append-only for the key checks.
export interface Database {
  key_checks: KeyChecksTable;
}

// The phone banks' (migration 0014), the inbox's (0015), the newsletter's (0016), the resources page's (0017),
// the inbox channels' (0018), the history's (0019) and the transparency log's (0020) tables are in files of their own.
export interface Database
  extends OutreachTables,
    FloodTables,
    InboxTables,
    NewsletterTables,
    ResourcesTables,
    ChannelsTables,
    HistoryTables,
    LogTables {}

// Certificates (migration 0029) are in a file of their own.
export interface Database extends CertificatesTables {}

// The log's tile nodes (migration 0033) are in a file of their own.
export interface Database extends LogNodesTables {}
