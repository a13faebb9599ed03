import { addDays } from '../../../domain/counter/counting-day.ts';
import { isCalendarDay } from '../../../domain/counter/day-range.ts';
import { LOCALES, type Locale } from '../../../i18n/index.ts';
import { decodeCursor } from '../../../services/archive-service.ts';
import type { KeptPages } from '../../../services/fast-lane/kept-pages.ts';
import { HTML_TYPE } from '../../answers.ts';
import { type DataVersion, type PreparedResponse, preparedFromBytes, prepareResponse } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';

const DAY_PATH = new RegExp(`^/(${LOCALES.join('|')})/days/(\\d{4}-\\d{2}-\\d{2})$`);

const stampOf = (version: number, today: string) => `${version}|${today}`;

/**
 * Day pages of days that are over, kept rendered (services/fast-lane/kept-pages.ts), so a crawler
 * or a mirror walking the whole history has each page rendered once, not on every visit.
 *
 * What a kept day page is made from, and so its stamp:
 * - its rows: a declaration counts on the day it is published (`counted_day`), so no new row joins
 *   a day once it is over, and every change to a published row moves the public pages' version
 *   (migration 0009), read at most about once a second, and at once after a change in this process;
 * - today's date, which its navigation links to.
 * Only days before yesterday are kept, so a publication committed just after midnight with the
 * time of the day before cannot land on a kept page; and only pages with declarations on them,
 * so dates nobody published on do not fill the file.
 */
export class KeptDayPages {
  readonly #pages: KeptPages;
  readonly #version: DataVersion;
  readonly #today: () => string;
  readonly #cacheControl: string;

  constructor(pages: KeptPages, version: DataVersion, today: () => string, cacheControl: string) {
    this.#pages = pages;
    this.#version = version;
    this.#today = today;
    this.#cacheControl = cacheControl;
  }

  /** The key a day page is kept under, or undefined when that page is not kept (a cursor in another spelling is the first page, not kept twice). */
  keyOf(locale: Locale, day: string, cursor: string | undefined, today: string): string | undefined {
    if (!this.#pages.enabled || !isCalendarDay(day) || day >= addDays(today, -1)) return undefined;
    if (cursor !== undefined && decodeCursor(cursor) === undefined) return undefined;
    return `${locale}|${day}|${cursor ?? ''}`;
  }

  /** What pages rendered now are kept under. Read before their rows: a change between the two moves the version past the page's, never the other way. */
  async stamp(today: string): Promise<string> {
    return stampOf(await this.#version.get(), today);
  }

  find(key: string, stamp: string): PreparedResponse | undefined {
    const page = this.#pages.find(key, stamp);
    return page && preparedFromBytes(page.body, page.etag, HTML_TYPE, this.#cacheControl);
  }

  /** Keeps a page just rendered, and gives it prepared. */
  keep(key: string, stamp: string, html: string): PreparedResponse {
    const response = prepareResponse(html, HTML_TYPE, this.#cacheControl);
    this.#pages.keep(key, { stamp, etag: response.etag, body: response.body });
    return response;
  }

  /** A day's first page without the router, while it is kept under the stamp of now. */
  serveAt(prepared: PreparedRoutes): void {
    prepared.addPattern(DAY_PATH, (match) => {
      const version = this.#version.current();
      if (version === undefined) return undefined;
      const today = this.#today();
      const key = this.keyOf(match[1] as Locale, match[2] as string, undefined, today);
      return key === undefined ? undefined : this.find(key, stampOf(version, today));
    });
  }
}
