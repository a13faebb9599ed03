import type { ColumnType } from 'kysely';

/**
 * Times are written as ISO-8601 UTC strings on both engines (SQLite keeps
 * the text, PostgreSQL parses it into timestamptz) and read through
 * `fromDbTime`, which accepts either representation.
 */
export type DbTime = ColumnType<Date | string, string, string>;

export function toDbTime(date: Date): string {
  return date.toISOString();
}

export function fromDbTime(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
