/**
 * Escaping for pages written as template strings (the permalink's: views/declaration-html.tsx),
 * character for character what hono's JSX writes for text and attribute values (hono/utils/html's
 * escapeToBuffer), so a page moved off JSX keeps its bytes: & < > " and ' become entities, in text and
 * in double-quoted attributes alike. Every value that is not a constant of this code goes through it.
 */
const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // Most values (numbers, dates, names in Chinese) have nothing to escape: no new string for them.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c]!) : text;
}
