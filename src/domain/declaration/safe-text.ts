/**
 * Rules every piece of free text obeys before it is stored. Text is kept as
 * text (pages escape it); these rules reject what could disguise or corrupt it.
 */
export type TextProblem = 'malformed' | 'control' | 'bidi' | 'hidden' | 'marks' | 'tooLong';

// C0/C1 controls, DEL; line breaks and tabs are judged separately.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK = /[\n\r\t\u2028\u2029]/u;
// Embeddings, overrides and isolates can make text display in an order other than stored.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// Characters that show nothing: zero-width space, non-joiner, word joiner and invisible operators,
// a byte-order mark, soft hyphen, grapheme joiner, Mongolian vowel separator, Hangul fillers, a blank
// braille cell, and Unicode tags (which can carry a whole hidden message). They hide words from
// readers and moderators and let one text pass the near-duplicate signals as another.
const HIDDEN = /\u034F|[\u00AD\u115F\u1160\u180E\u200B\u200C\u2060-\u2064\u2800\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;
// The zero-width joiner is kept only where it joins two pictographs (a family emoji).
const LOOSE_JOINER = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;
// No script stacks more than four marks on one letter (Vietnamese uses two, Thai three); more is
// text drawn over its neighbours, or data smuggled in variation selectors.
const MARK_FLOOD = /\p{M}{5}/u;

export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function findTextProblem(value: string, options: { maxLength: number; multiline: boolean }): TextProblem | null {
  // U+FFFD is what a decoder leaves where the bytes were not UTF-8.
  if (!value.isWellFormed() || value.includes('\uFFFD')) return 'malformed';
  if (CONTROL.test(value)) return 'control';
  if (!options.multiline && LINE_BREAK.test(value)) return 'control';
  if (BIDI_CONTROL.test(value)) return 'bidi';
  if (HIDDEN.test(value) || (value.includes('\u200D') && LOOSE_JOINER.test(value))) return 'hidden';
  if (MARK_FLOOD.test(value)) return 'marks';
  // Browsers send textarea line breaks as CRLF; count them as the one character the person typed.
  if (characterCount(value.replace(/\r\n/g, '\n')) > options.maxLength) return 'tooLong';
  return null;
}

export function cleanText(value: string, multiline: boolean): string {
  const normalized = value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (!multiline) return normalized.trim();
  return normalized
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
