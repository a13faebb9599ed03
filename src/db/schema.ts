import type { ColumnType, Generated } from 'kysely';

/**
 * Times are written as ISO-8601 UTC strings on both engines (SQLite keeps
 * the text, PostgreSQL parses it into timestamptz) and read through
 * `fromDbTime`, which accepts either representation.
 */
export type DbTime = ColumnType<Date | string, string, string>;
/** 0/1 on both engines, so the same SQL sums and filters them. */
export type DbFlag = 0 | 1;

export type DeclarationStatus = 'pending' | 'published' | 'rejected' | 'retracted';
export type DeclarationEventKind = 'submitted' | 'published' | 'rejected' | 'retracted';

export interface DeclarationsTable {
  id: Generated<number>;
  registration_number: string;
  password_hash: string;
  status: DeclarationStatus;
  /** JSON array of the names as submitted; stored, never queried into. */
  names: string;
  name_count: number;
  headcount: number;
  party: DbFlag;
  league: DbFlag;
  pioneers: DbFlag;
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
  feedback: string | null;
}

export interface DeclarationEventsTable {
  id: Generated<number>;
  declaration_id: number;
  kind: DeclarationEventKind;
  actor: string;
  reason: string | null;
  created_at: DbTime;
}

export interface Database {
  declarations: DeclarationsTable;
  declaration_events: DeclarationEventsTable;
}
