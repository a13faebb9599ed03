import { LOCALES, type Locale } from '../../i18n/index.ts';
import type { FreshValue } from '../../services/fast-lane/fresh-value.ts';
import type { PreparedResponse } from './prepared-response.ts';
import type { PreparedRoutes } from './prepared-routes.ts';

/**
 * A public page that is the same for every request in a locale (the statistics
 * page's default range, the archive's first pages, the feeds, the centers): its
 * data is read at most about once per interval (FreshValue), and the page is
 * rendered once per locale from each new reading, then served as bytes, by its
 * hono route and, while the data is fresh, by the prepared lane without the
 * router. Both paths hand out the same PreparedResponse, so they answer alike.
 *
 * A reading equal to the one before (compared as JSON) keeps the pages rendered from that one: the
 * statistics page takes milliseconds to render, which every second and locale would hold up every
 * request behind it while nothing changed.
 */
export class PreparedPage<T> {
  readonly #data: Pick<FreshValue<T>, 'current' | 'get'>;
  readonly #render: (locale: Locale, data: T) => PreparedResponse;
  #rendered: { data: T; fingerprint: string; pages: Map<Locale, PreparedResponse> } | undefined;

  constructor(data: Pick<FreshValue<T>, 'current' | 'get'>, render: (locale: Locale, data: T) => PreparedResponse) {
    this.#data = data;
    this.#render = render;
  }

  /** The page as of the latest reading, read first when none is fresh. */
  async get(locale: Locale): Promise<PreparedResponse> {
    return this.#page(locale, await this.#data.get());
  }

  /** The page without waiting, or undefined when its data must be read first. */
  peek(locale: Locale): PreparedResponse | undefined {
    const data = this.#data.current();
    return data === undefined ? undefined : this.#page(locale, data);
  }

  /**
   * Serves `/{locale}{path}` from the prepared lane for every locale; with `when`, only while it
   * answers true (a kill switch), the app answering otherwise.
   */
  serveAt(prepared: PreparedRoutes, path: string, when: () => boolean = () => true): void {
    for (const locale of LOCALES) prepared.add(`/${locale}${path}`, () => (when() ? this.peek(locale) : undefined));
  }

  #page(locale: Locale, data: T): PreparedResponse {
    let rendered = this.#rendered;
    if (rendered?.data !== data) {
      const fingerprint = JSON.stringify(data);
      rendered = rendered?.fingerprint === fingerprint ? { ...rendered, data } : { data, fingerprint, pages: new Map() };
      this.#rendered = rendered;
    }
    let page = rendered.pages.get(locale);
    if (!page) {
      page = this.#render(locale, data);
      rendered.pages.set(locale, page);
    }
    return page;
  }
}
