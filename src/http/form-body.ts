import type { Context } from 'hono';
import { MAX_BATCH_ROWS } from '../domain/batch/batch-input.ts';

export type FormFields = Record<string, string | string[]>;

/**
 * Fields a form may send. A public form has a few dozen; the console's batch form nine per row for
 * its 500 rows. A form of 100,000 fields costs 150 ms to take apart, so a body with more than its
 * path allows is refused before it is (the & are counted first).
 */
export const PUBLIC_FORM_FIELDS = 200;
const CONSOLE_FORM_FIELDS = 10 * MAX_BATCH_ROWS + 200;

class TooManyFields extends Error {}

/**
 * Reads a url-encoded or multipart form into strings. Files are never
 * expected: a file field becomes an empty string, which then fails validation.
 * Returns null when the body cannot be parsed at all, or has more fields than its path allows.
 */
export async function readFormBody(c: Context): Promise<FormFields | null> {
  const maxFields = c.req.path.startsWith('/console') ? CONSOLE_FORM_FIELDS : PUBLIC_FORM_FIELDS;
  let body: Record<string, unknown>;
  try {
    body = isUrlEncoded(c) ? urlEncodedFields(await c.req.text(), maxFields) : await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
  let count = 0;
  for (const name in body) count += Array.isArray(body[name]) ? body[name].length : 1;
  if (count > maxFields) return null;
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) {
    fields[name] = Array.isArray(value)
      ? value.map((item) => (typeof item === 'string' ? item : ''))
      : typeof value === 'string'
        ? value
        : '';
  }
  return fields;
}

function isUrlEncoded(c: Context): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(c.req.header('content-type') ?? '');
}

/**
 * The usual form post, parsed from the raw text: reading it as FormData would cost a web Request per post.
 * Throws when it holds more than `maxFields` fields.
 */
export function urlEncodedFields(text: string, maxFields = PUBLIC_FORM_FIELDS): Record<string, string | string[]> {
  for (let at = text.indexOf('&'), count = 1; at !== -1; at = text.indexOf('&', at + 1)) {
    if (++count > maxFields) throw new TooManyFields();
  }
  // No prototype: a field named __proto__ or constructor is just a field.
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}

export function single(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : (value?.[0] ?? '');
}

export function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
