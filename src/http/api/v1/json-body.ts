import type { Context } from 'hono';

const MALFORMED = Symbol('malformed');

/** Parses a JSON body; a syntax error is the caller's to report, never a 500. */
export async function readJsonBody(c: Context): Promise<unknown | typeof MALFORMED> {
  try {
    return await c.req.json();
  } catch {
    return MALFORMED;
  }
}

export function isMalformed(value: unknown): value is typeof MALFORMED {
  return value === MALFORMED;
}
