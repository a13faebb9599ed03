import { raw } from 'hono/html';
import type { Locale } from '../../i18n/index.ts';
import { catalogFor } from '../../i18n/index.ts';
import { escapeHtml } from './escape-html.ts';
import { Layout } from './layout.tsx';

/** A piece of a page: HTML text, or HTML already encoded as UTF-8 (kept parts, encoded once). */
export type HtmlPart = string | Uint8Array;

/** What a page puts in the layout: its title and path as text, its main content as HTML already escaped. */
export interface ShellContent {
  title: string;
  /** Path after the locale prefix, for the language links. */
  path: string;
  main: readonly HtmlPart[];
}

type Slot = keyof ShellContent;
// Characters no title, path or markup of ours holds, and which escaping leaves as they are.
const SLOT = /\u0001(title|path|main)\u0001/;
const mark = (slot: Slot) => `\u0001${slot}\u0001`;

/**
 * A page's bytes from its parts: text is gathered and encoded at once, encoded parts are copied
 * as they are. Encoding a whole 10 KB page of Chinese text cost about 20 µs of CPU; its layout and
 * its entries are kept encoded, so only the few hundred characters around them are encoded now.
 */
class PageBytes {
  readonly #parts: Uint8Array[] = [];
  #text = '';
  #length = 0;

  add(part: HtmlPart): void {
    if (typeof part === 'string') {
      this.#text += part;
      return;
    }
    this.#flush();
    this.#parts.push(part);
    this.#length += part.byteLength;
  }

  done(): Buffer {
    this.#flush();
    return Buffer.concat(this.#parts, this.#length);
  }

  #flush(): void {
    if (this.#text === '') return;
    const bytes = Buffer.from(this.#text, 'utf8');
    this.#parts.push(bytes);
    this.#length += bytes.byteLength;
    this.#text = '';
  }
}

const encoder = new TextEncoder();

/** UTF-8 in a buffer of its own (not a slice of Node's shared pool, which a kept part would hold on to whole). */
export function encodeHtml(html: string): Uint8Array {
  return encoder.encode(html);
}

/**
 * The public layout of one locale, rendered once through its JSX with a mark where each value goes,
 * then cut there and encoded: a page is the pieces and its values, escaped as the JSX escapes them,
 * joined. The layout through JSX cost a page some tens of µs of CPU on every request
 * (docs/performance.md, session 32); pages built this way are byte for byte what <Layout> renders.
 */
class PageShell {
  readonly #pieces: Uint8Array[] = [];
  readonly #slots: Slot[] = [];

  constructor(locale: Locale) {
    const t = catalogFor(locale);
    const html = `<!doctype html>${(
      (
        <Layout locale={locale} t={t} title={mark('title')} path={mark('path')}>
          {raw(mark('main'))}
        </Layout>
      )
    ).toString()}`;
    const parts = html.split(SLOT);
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) this.#pieces.push(encodeHtml(parts[i]!));
      else this.#slots.push(parts[i] as Slot);
    }
  }

  render(content: ShellContent): Buffer {
    const title = escapeHtml(content.title);
    const path = escapeHtml(content.path);
    const page = new PageBytes();
    page.add(this.#pieces[0]!);
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[i];
      if (slot === 'main') for (const part of content.main) page.add(part);
      else page.add(slot === 'title' ? title : path);
      page.add(this.#pieces[i + 1]!);
    }
    return page.done();
  }
}

const shells = new Map<Locale, PageShell>();

/** A whole public page (doctype included) in the layout of `locale`, as UTF-8. */
export function inPageShell(locale: Locale, content: ShellContent): Buffer {
  let shell = shells.get(locale);
  if (!shell) {
    shell = new PageShell(locale);
    shells.set(locale, shell);
  }
  return shell.render(content);
}
