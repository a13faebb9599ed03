/*
 * The escape for XML written as strings: the Atom feeds and the SVG charts (HTML written as strings
 * uses escape-html.ts, which writes what the pages' JSX writes).
 */

// Everything XML 1.0 cannot carry at all: C0 controls other than tab and line breaks,
// lone surrogates, U+FFFE and U+FFFF. Stored text never holds them; a feed must not break if one did.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML content and attribute values alike (an SVG inside an HTML page included). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
