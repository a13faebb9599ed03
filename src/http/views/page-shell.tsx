import { raw } from 'hono/html';
import type { Locale } from '../../i18n/index.ts';
import { catalogFor } from '../../i18n/index.ts';
import { escapeHtml } from './escape-html.ts';
import { Layout } from './layout.tsx';

/** What a page puts in the layout: its title and path as text, its main content as HTML already escaped. */
export interface ShellContent {
  title: string;
  /** Path after the locale prefix, for the language links. */
  path: string;
  main: string;
}

type Slot = keyof ShellContent;
// Characters no title, path or markup of ours holds, and which escaping leaves as they are.
const SLOT = /\u0001(title|path|main)\u0001/;
const mark = (slot: Slot) => `\u0001${slot}\u0001`;

/**
 * The public layout of one locale, rendered once through its JSX with a mark where each value goes,
 * then cut there: a page is the pieces and its values, escaped as the JSX escapes them, joined. The
 * layout through JSX cost a page some tens of µs of CPU on every request (docs/performance.md,
 * "Public pages rendered per request"); pages built this way are byte for byte what <Layout> renders.
 */
class PageShell {
  readonly #pieces: string[] = [];
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
    for (let i = 0; i < parts.length; i++) (i % 2 === 0 ? this.#pieces : this.#slots).push(parts[i] as string & Slot);
  }

  render(content: ShellContent): string {
    const title = escapeHtml(content.title);
    const path = escapeHtml(content.path);
    let html = this.#pieces[0]!;
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[i];
      html += (slot === 'main' ? content.main : slot === 'title' ? title : path) + this.#pieces[i + 1]!;
    }
    return html;
  }
}

const shells = new Map<Locale, PageShell>();

/** A whole public page (doctype included) in the layout of `locale`. */
export function inPageShell(locale: Locale, content: ShellContent): string {
  let shell = shells.get(locale);
  if (!shell) {
    shell = new PageShell(locale);
    shells.set(locale, shell);
  }
  return shell.render(content);
}
