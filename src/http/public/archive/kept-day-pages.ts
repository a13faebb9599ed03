import { addDays } from '../../../domain/counter/counting-day.ts';
import { isCalendarDay } from '../../../domain/counter/day-range.ts';
import { LOCALES, type Locale } from '../../../i18n/index.ts';
import type { KeptPages } from '../../../services/fast-lane/kept-pages.ts';
import { HTML_TYPE } from '../../answers.ts';
import { type DataVersion, type PreparedResponse, preparedFromBytes, prepareResponse } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';

const DAY_PATH = new RegExp(`^/(${LOCALES.join('|')})/days/(\\d{4}-\\d{2}-\\d{2})$`);

const stampOf = (version: number, today: string) => `${version}|${today}`;

/**
 * The first pages of days that are over, kept rendered (services/fast-lane/kept-pages.ts), so a
 * crawler or a mirror walking the whole history has each day rendered once, not on every visit.
 *
 * What such a page is made from, and so its stamp:
 * - its rows. A declaration counts on the day it is published (`counted_day`), so no new
 *   publication joins a day that is over; every change to a published row moves the public pages'
 *   version (migration 0009), and so does an import of posts (0035). It is read at most about once a
 *   second, and at once after a change in this process.
 * - today's date, which the archive's navigation links to.
 * Only days before yesterday, so a publication committed just after midnight with the time of the
 * day before cannot land on a kept page; only pages with declarations on them, so dates nobody
 * published on do not fill the file; and only first pages: a day's later pages are as many as its
 * declarations over twenty, and a cursor can name any of them, so keeping them would let anyone push
 * the first pages out.
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

  /** The key a day's first page is kept under, or undefined when it is not kept. */
  keyOf(locale: Locale, day: string, today: string): string | undefined {
    return this.#pages.enabled && isCalendarDay(day) && day < addDays(today, -1) ? `${locale}|${day}` : undefined;
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

  /** A kept first page without the router, while it is kept under the stamp of now. */
  serveAt(prepared: PreparedRoutes): void {
    prepared.addPattern(DAY_PATH, (match) => {
      const version = this.#version.current();
      if (version === undefined) return undefined;
      const today = this.#today();
      const key = this.keyOf(match[1] as Locale, match[2] as string, today);
      return key === undefined ? undefined : this.find(key, stampOf(version, today));
    });
  }
}
