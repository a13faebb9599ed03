import type { Logger } from '../../logging/logger.ts';
import type { KeptPage, KeptPagesRepository } from '../../repositories/kept-pages-repository.ts';

/**
 * Public pages rendered once and kept on disk by this process, each with the stamp of what it was
 * rendered from (http/public/archive/kept-day-pages.ts says which pages and which stamp). A page is
 * served from here only under the stamp it was kept with.
 *
 * Opened on first use, so commands that never serve a page make no file. It is a cache: a failure
 * to open, read or write it (a full disk, a read-only data dir) is logged once and turns it off,
 * and the pages are rendered for each request as they would be without it.
 */
export class KeptPages {
  readonly #open: () => KeptPagesRepository;
  readonly #logger: Logger;
  #repository: KeptPagesRepository | undefined;
  #off: boolean;

  /** `capacity` 0 keeps nothing and opens no file. */
  constructor(open: () => KeptPagesRepository, capacity: number, logger: Logger) {
    this.#open = open;
    this.#logger = logger;
    this.#off = capacity === 0;
  }

  /** The page kept under `key`, if it was kept under this stamp. */
  find(key: string, stamp: string): KeptPage | undefined {
    const page = this.#use((repository) => repository.get(key));
    return page && page.stamp === stamp ? page : undefined;
  }

  keep(key: string, page: KeptPage): void {
    this.#use((repository) => repository.put(key, page));
  }

  /** Whether pages are kept: not when switched off, nor after a failure. */
  get enabled(): boolean {
    return !this.#off;
  }

  /** Pages kept now (0 when off). */
  get size(): number {
    return this.#repository?.size ?? 0;
  }

  #use<T>(action: (repository: KeptPagesRepository) => T): T | undefined {
    if (this.#off) return undefined;
    try {
      this.#repository ??= this.#open();
      return action(this.#repository);
    } catch (error) {
      this.#off = true;
      this.#logger.error({ err: error }, 'the kept pages failed; pages are rendered for each request from now on');
      return undefined;
    }
  }
}
