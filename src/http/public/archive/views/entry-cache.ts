import { hash } from 'node:crypto';
import type { Locale } from '../../../../i18n/index.ts';
import type { ArchiveItem } from '../../../../services/archive-service.ts';
import { entryHtml, type EntryLevel } from './entry-html.ts';

/** What an entry costs beyond its characters (Map slot, string headers), as in i18n/recent-conversions.ts. */
const ENTRY_OVERHEAD_BYTES = 128;

/**
 * Everything an entry shows, as one string to hash: a change to any of it (a redaction, an
 * edit, a correction of the day) is a different fingerprint, so a kept render is never served for
 * a row that no longer reads that way. A row taken out of the public archive (retracted,
 * hidden, marked a duplicate) is not listed at all, and its entries age out unread.
 */
function fingerprint(item: ArchiveItem): string {
  return hash(
    'sha256',
    JSON.stringify([
      item.registrationNumber,
      item.names,
      item.headcount,
      item.orgs,
      item.title,
      item.region,
      item.statement,
      item.countedDay,
    ]),
    'base64url',
  );
}

/**
 * Rendered list entries, kept per (locale, heading level, row fingerprint), so a row shared
 * by a day page, a search and a cursor page, or asked for again, is rendered once. Bounded by
 * bytes, not entries (a statement's excerpt makes one entry ten times another), in two
 * generations: new entries go into the young one; when it would hold more than half the budget,
 * it becomes the old one and the old one is dropped; an entry found in the old one moves to the young. That is
 * least-recently-used to within half the budget, at O(1) a step: a Map dropping its oldest key
 * one at a time walks the holes its deletions left, which cost a page tens of µs once full.
 */
export class EntryCache {
  readonly #generationBytes: number;
  #young = new Map<string, string>();
  #old = new Map<string, string>();
  #youngBytes = 0;
  #oldBytes = 0;

  constructor(budgetBytes: number) {
    this.#generationBytes = budgetBytes / 2;
  }

  html(item: ArchiveItem, locale: Locale, level: EntryLevel): string {
    const key = `${locale}${level}${fingerprint(item)}`;
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.#oldBytes -= sizeOf(key, old);
    }
    const html = old ?? entryHtml(item, locale, level);
    const size = sizeOf(key, html);
    if (size > this.#generationBytes) return html;
    if (this.#youngBytes + size > this.#generationBytes) {
      this.#old = this.#young;
      this.#oldBytes = this.#youngBytes;
      this.#young = new Map();
      this.#youngBytes = 0;
    }
    this.#young.set(key, html);
    this.#youngBytes += size;
    return html;
  }

  /** What the kept entries hold, as counted against the budget. */
  get bytes(): number {
    return this.#youngBytes + this.#oldBytes;
  }
}

// Two bytes a UTF-16 unit: the upper bound, and the usual case for Chinese text.
const sizeOf = (key: string, html: string) => (key.length + html.length) * 2 + ENTRY_OVERHEAD_BYTES;
