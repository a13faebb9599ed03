import type { IncomingMessage } from 'node:http';

/**
 * JSON bodies, parsed once and only when shallow. Every body the API takes is an object of
 * strings, numbers, booleans and lists of strings: two levels deep. A body nested thousands deep
 * costs JSON.parse hundreds of milliseconds per megabyte of main-thread time, so it is refused by
 * a scan that stops at the first bracket past the limit, before anything is parsed.
 */
export const MAX_JSON_DEPTH = 8;

export const MALFORMED = Symbol('malformed');

/** The value a JSON text holds, or MALFORMED: not JSON, or nested deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): unknown {
  if (nestedTooDeep(text, MAX_JSON_DEPTH)) return MALFORMED;
  try {
    return JSON.parse(text);
  } catch {
    return MALFORMED;
  }
}

/** Whether brackets outside strings open deeper than `max`; malformed text is JSON.parse's to refuse. */
function nestedTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

/*
 * The submission lane (fast-lane/submission-lane.ts) parses a JSON body first; when it does not
 * take the request, it hands the parsed value to the app with the body, so that the app reads it
 * instead of parsing the same text again.
 */
const parsed = new WeakMap<IncomingMessage, unknown>();

export function handOverParsed(request: IncomingMessage, value: unknown): void {
  parsed.set(request, value);
}

/** The value the lane parsed from this request's body, if it did. */
export function takeParsed(request: IncomingMessage | undefined): { value: unknown } | undefined {
  if (request === undefined || !parsed.has(request)) return undefined;
  const value = parsed.get(request);
  parsed.delete(request);
  return { value };
}
