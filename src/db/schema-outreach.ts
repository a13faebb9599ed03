import type { Generated } from 'kysely';
import type { ContactStatus } from '../domain/outreach/contact-status.ts';
import type { Outcome } from '../domain/outreach/outcomes.ts';
import type { DbTime } from './time.ts';

/** Phone-bank campaigns (migration 0014, docs/outreach.md). */
export interface OutreachCampaignsTable {
  id: Generated<number>;
  center_id: number;
  name: string;
  /** YYYY-MM-DD. */
  starts_on: string;
  ends_on: string;
  /** HH:MM in the callee's time zone. */
  calling_from: string;
  calling_until: string;
  /** The callee's zone when the number does not tell it (IANA name). */
  time_zone: string;
  retention_days: number;
  lease_size: number;
  lease_hours: number;
  /** JSON: the campaign's changes to the outcomes' default consequences (domain/outreach/outcomes.ts). */
  consequences: string;
  created_at: DbTime;
  updated_at: DbTime;
  purged_at: DbTime | null;
}

interface OutreachScriptsTable {
  id: Generated<number>;
  campaign_id: number;
  version: number;
  /** JSON, checked by domain/outreach/script.ts. */
  body: string;
  created_by: number | null;
  created_at: DbTime;
}

interface OutreachImportsTable {
  id: Generated<number>;
  campaign_id: number;
  /** Null for the command line. */
  created_by: number | null;
  status: 'staged' | 'committed' | 'discarded';
  rows: number;
  accepted: number;
  duplicates: number;
  do_not_call: number;
  invalid: number;
  created_at: DbTime;
  finished_at: DbTime | null;
}

interface OutreachImportErrorsTable {
  import_id: number;
  line: number;
  field: string | null;
  code: string;
  /** JSON object of the message's parameters; never the row's text. */
  params: string;
}

interface OutreachContactsTable {
  id: Generated<number>;
  campaign_id: number;
  import_id: number | null;
  /** HMAC of the E.164 number; null once purged. */
  phone_hmac: string | null;
  /** Sealed under the contact key, bound to the campaign, the HMAC and the field. */
  phone_sealed: string | null;
  /** JSON of the name, title, organisation, region and notes, sealed as one value (only ever read together). */
  details_sealed: string | null;
  time_zone: string;
  status: ContactStatus;
  attempts: Generated<number>;
  next_attempt_at: DbTime | null;
  leased_to: number | null;
  lease_expires_at: DbTime | null;
  callback_for: number | null;
  created_at: DbTime;
  updated_at: DbTime;
}

interface OutreachDoNotCallTable {
  phone_hmac: string;
  created_at: DbTime;
}

interface OutreachAttemptsTable {
  id: Generated<number>;
  contact_id: number;
  campaign_id: number;
  staff_id: number;
  outcome: Outcome;
  script_version: number | null;
  /** JSON: question id → answer id. */
  answers: string;
  callback_at: DbTime | null;
  created_at: DbTime;
  /** YYYY-MM-DD in the campaign's zone. */
  day: string;
}

interface OutreachLeaderboardTable {
  staff_id: number;
  created_at: DbTime;
}

interface OutreachAttemptDeclarationsTable {
  attempt_id: number;
  declaration_id: number;
}

export interface OutreachTables {
  outreach_campaigns: OutreachCampaignsTable;
  outreach_scripts: OutreachScriptsTable;
  outreach_imports: OutreachImportsTable;
  outreach_import_errors: OutreachImportErrorsTable;
  outreach_contacts: OutreachContactsTable;
  outreach_do_not_call: OutreachDoNotCallTable;
  outreach_attempts: OutreachAttemptsTable;
  outreach_attempt_declarations: OutreachAttemptDeclarationsTable;
  outreach_leaderboard: OutreachLeaderboardTable;
}
