import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { MALFORMED, parseJsonText, takeParsed } from '../../json-text.ts';

/**
 * A JSON body, parsed once (json-text.ts: the submission lane may have parsed it already) and only
 * when shallow; malformed or too deep, it is the caller's to report, never a 500.
 */
export async function readJsonBody(c: Context): Promise<unknown | typeof MALFORMED> {
  // @hono/node-server passes the node request as `incoming`; app.request() in tests has none.
  const handed = takeParsed((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
  if (handed) return handed.value;
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return MALFORMED;
  }
  return parseJsonText(text);
}

export function isMalformed(value: unknown): value is typeof MALFORMED {
  return value === MALFORMED;
}
