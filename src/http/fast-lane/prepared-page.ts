import { LOCALES, type Locale } from '../../i18n/index.ts';
import type { FreshValue } from '../../services/fast-lane/fresh-value.ts';
import { PreparedByInputs, type PreparedResponse } from './prepared-response.ts';
import type { PreparedRoutes } from './prepared-routes.ts';

/**
 * A public page that is the same for every request in a locale (the statistics
 * page's default range, the archive's first pages, the feeds, the centers): its
 * data is read at most about once per interval (FreshValue), and the page is
 * rendered once per locale from each new reading, then served as bytes, by its
 * hono route and, while the data is fresh, by the prepared lane without the
 * router. Both paths hand out the same PreparedResponse, so they answer alike.
 */
export class PreparedPage<T> {
  readonly #data: Pick<FreshValue<T>, 'current' | 'get'>;
  readonly #render: (locale: Locale, data: T) => PreparedResponse;
  readonly #pages = new PreparedByInputs<Locale>();

  constructor(data: Pick<FreshValue<T>, 'current' | 'get'>, render: (locale: Locale, data: T) => PreparedResponse) {
    this.#data = data;
    this.#render = render;
  }

  /** The page as of the latest reading, read first when none is fresh. */
  async get(locale: Locale): Promise<PreparedResponse> {
    const data = await this.#data.get();
    return this.#pages.get(locale, [data], () => this.#render(locale, data));
  }

  /** The page without waiting, or undefined when its data must be read first. */
  peek(locale: Locale): PreparedResponse | undefined {
    const data = this.#data.current();
    return data === undefined ? undefined : this.#pages.get(locale, [data], () => this.#render(locale, data));
  }

  /** Serves `/{locale}{path}` from the prepared lane for every locale. */
  serveAt(prepared: PreparedRoutes, path: string): void {
    for (const locale of LOCALES) prepared.add(`/${locale}${path}`, () => this.peek(locale));
  }
}
