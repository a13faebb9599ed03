import { escapeToBuffer } from 'hono/utils/html';

/*
 * The one escape for HTML written as template strings rather than JSX (the archive's lists and
 * their pages): hono's own, the function its JSX escapes text and attribute values with, so a
 * page built from strings is byte for byte what the same page in JSX was.
 */

/** Text for HTML content and double-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}
