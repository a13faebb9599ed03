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
 * Rendered list entries, kept per (locale, heading level, row fingerprint), least recently used
 * dropped first once they hold more than `budgetBytes`: a row shared by a day page, a search and a
 * cursor page, or asked for again, is rendered once. Bounded by bytes, not entries: a statement's
 * excerpt makes one entry ten times another.
 */
export class EntryCache {
  readonly #budget: number;
  readonly #entries = new Map<string, string>();
  #bytes = 0;

  constructor(budgetBytes: number) {
    this.#budget = budgetBytes;
  }

  html(item: ArchiveItem, locale: Locale, level: EntryLevel): string {
    const key = `${locale}${level}${fingerprint(item)}`;
    const kept = this.#entries.get(key);
    if (kept !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    const html = entryHtml(item, locale, level);
    this.#entries.set(key, html);
    this.#bytes += sizeOf(key, html);
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= this.#budget) break;
      this.#entries.delete(oldest);
      this.#bytes -= sizeOf(oldest, value);
    }
    return html;
  }

  /** What the kept entries hold, as counted against the budget. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }
}

// Two bytes a UTF-16 unit: the upper bound, and the usual case for Chinese text.
const sizeOf = (key: string, html: string) => (key.length + html.length) * 2 + ENTRY_OVERHEAD_BYTES;
