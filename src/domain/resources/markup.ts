import type { ErrorCode } from '../../i18n/index.ts';
import type { ErrorParams } from '../../i18n/error-params.ts';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';
import { isOwnPath, normalizeUrl } from './links.ts';

/**
 * The resources page's markup, small on purpose: an admin writes plain text, and only these turn
 * into structure (everything else is text, escaped when the page is rendered):
 *
 *   # Heading            ## Smaller heading
 *   - item               1. numbered item
 *   [words](/zh-hans/centers)   a link, to a path of this site or an address the operator listed
 *
 * A blank line ends a paragraph or a list; a line break inside a paragraph is kept. There are no
 * images, no HTML and no attributes, so nothing an admin writes can load anything or run anything.
 */
export interface Inline {
  text: string;
  /** Present for a link: the target as written (resolveHref decides whether it is shown as one). */
  target?: string;
}
export type Block =
  | { kind: 'heading'; level: 2 | 3; content: Inline[] }
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

/** About 18 KB of Chinese: with the page around it and the listed addresses, well under 30 KB. */
export const MAX_RESOURCE_CHARACTERS = 6000;

const LINK = /\[([^[\]\n]+)\]\(([^\s)]+)\)/g;

function inlines(line: string): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  for (const match of line.matchAll(LINK)) {
    if (match.index > at) parts.push({ text: line.slice(at, match.index) });
    parts.push({ text: match[1]!, target: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < line.length) parts.push({ text: line.slice(at) });
  return parts;
}

export function parseMarkup(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] | null = null;
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^(?:([-*])|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (line === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length === 1 ? 2 : 3, content: inlines(heading[2]!) });
    } else if (item) {
      const ordered = item[1] === undefined;
      if (paragraph || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(inlines(item[2]!));
    } else {
      if (list) flush();
      paragraph ??= [];
      paragraph.push(inlines(line));
    }
  }
  flush();
  return blocks;
}

function* allInlines(blocks: readonly Block[]): Generator<Inline> {
  for (const block of blocks) {
    if (block.kind === 'heading') yield* block.content;
    else if (block.kind === 'paragraph') for (const line of block.lines) yield* line;
    else for (const item of block.items) yield* item;
  }
}

/**
 * Where a link may lead: a path of this site as written, or an address the operator listed, in its
 * listed spelling. Null for anything else, which the page then shows as plain words.
 */
export function resolveHref(target: string, allowed: ReadonlySet<string>): string | null {
  if (isOwnPath(target)) return target;
  const href = normalizeUrl(target);
  return href !== null && allowed.has(href) ? href : null;
}

export interface TextProblem {
  code: ErrorCode;
  params?: ErrorParams;
}

/** The text as it is stored: NFC, line ends as \n, no trailing spaces, no runs of blank lines. */
export function cleanResourceText(source: string): string {
  return cleanText(source, true);
}

/**
 * Why a text cannot be saved, or null: unreadable or hidden characters, too long, empty, or a link
 * to an address the operator has not listed (named in the message, so the admin can fix that one).
 */
export function checkResourceText(source: string, allowed: ReadonlySet<string>): TextProblem | null {
  const problem = findTextProblem(source, { maxLength: MAX_RESOURCE_CHARACTERS, multiline: true });
  if (problem === 'tooLong') return { code: 'text.tooLong', params: { max: MAX_RESOURCE_CHARACTERS } };
  if (problem !== null) return { code: `text.${problem}` };
  const text = cleanResourceText(source);
  if (text === '') return { code: 'text.required' };
  for (const inline of allInlines(parseMarkup(text))) {
    if (inline.target !== undefined && resolveHref(inline.target, allowed) === null) {
      return { code: 'resources.linkNotAllowed', params: { name: inline.target } };
    }
  }
  return null;
}
