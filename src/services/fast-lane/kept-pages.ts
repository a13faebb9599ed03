import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../../logging/logger.ts';
import type { KeptPage, KeptPagesRepository } from '../../repositories/kept-pages-repository.ts';

/** An open file of kept pages: its pages, and its connection, whose closing frees the file. */
export interface KeptPagesStore {
  pages: KeptPagesRepository;
  connection: DatabaseSync;
}

/**
 * Public pages rendered once and kept on disk by this process, each with the stamp of what it was
 * rendered from (http/public/archive/kept-day-pages.ts says which pages and which stamp). A page is
 * served from here only under the stamp it was kept with.
 *
 * Opened on first use, so commands that never serve a page make no file. It is a cache: a failure
 * to open, read or write it (a full disk, a read-only data dir) is logged once, closes the file (its
 * space goes back to the disk) and turns it off, and the pages are rendered for each request as
 * they would be without it.
 */
export class KeptPages {
  readonly #open: () => KeptPagesStore;
  readonly #logger: Logger;
  #store: KeptPagesStore | undefined;
  #off: boolean;

  /** `capacity` 0 keeps nothing and opens no file. */
  constructor(open: () => KeptPagesStore, capacity: number, logger: Logger) {
    this.#open = open;
    this.#logger = logger;
    this.#off = capacity === 0;
  }

  /** Whether pages are kept: not when switched off, nor after a failure. */
  get enabled(): boolean {
    return !this.#off;
  }

  /** The page kept under `key`, if it was kept under this stamp. */
  find(key: string, stamp: string): Omit<KeptPage, 'stamp'> | undefined {
    return this.#use((pages) => pages.get(key, stamp));
  }

  keep(key: string, page: KeptPage): void {
    this.#use((pages) => pages.put(key, page));
  }

  /** Pages kept now (0 when off). */
  get size(): number {
    return this.#store?.pages.size ?? 0;
  }

  /** Closes the file, which frees it; nothing is kept from then on. */
  close(): void {
    this.#off = true;
    const store = this.#store;
    this.#store = undefined;
    if (store?.connection.isOpen) store.connection.close();
  }

  #use<T>(action: (pages: KeptPagesRepository) => T): T | undefined {
    if (this.#off) return undefined;
    try {
      this.#store ??= this.#open();
      return action(this.#store.pages);
    } catch (error) {
      this.#logger.error({ err: error }, 'the kept pages failed; pages are rendered for each request from now on');
      this.close();
      return undefined;
    }
  }
}
