import type { Context } from 'hono';

export type FormFields = Record<string, string | string[]>;

/**
 * Reads a url-encoded or multipart form into strings. Files are never
 * expected: a file field becomes an empty string, which then fails validation.
 * Returns null when the body cannot be parsed at all.
 */
export async function readFormBody(c: Context): Promise<FormFields | null> {
  let body: Record<string, unknown>;
  try {
    body = isUrlEncoded(c) ? urlEncodedFields(await c.req.text()) : await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
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

/** The usual form post, parsed from the raw text: reading it as FormData would cost a web Request per post. */
export function urlEncodedFields(text: string): Record<string, string | string[]> {
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
