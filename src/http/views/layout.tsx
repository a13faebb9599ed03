import type { Child } from 'hono/jsx';
import { LOCALES, catalogFor, type Catalog, type Locale } from '../../i18n/index.ts';
import { raw } from 'hono/html';
import { STYLES } from './styles.ts';

export interface PageProps {
  locale: Locale;
  t: Catalog;
  title: string;
  /** Path after the locale prefix, so the language links stay on the same page. */
  path: string;
  children?: Child;
}

export function Layout({ locale, t, title, path, children }: PageProps) {
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t.siteName}`}</title>
        {/* Our own constant sheet, free of markup characters: written as is rather than escaped on every page. */}
        <style>{raw(STYLES)}</style>
      </head>
      <body>
        <header>
          <a class="brand" href={`/${locale}/`}>
            {t.siteName}
          </a>
          <nav>
            <a href={`/${locale}/declare`}>{t.nav.declare}</a>
            <a href={`/${locale}/receipt`}>{t.nav.receipt}</a>
            <a href={`/${locale}/declarations`}>{t.nav.archive}</a>
            <a href={`/${locale}/statistics`}>{t.nav.statistics}</a>
            <a href={`/${locale}/centers`}>{t.nav.centers}</a>
            <a href={`/${locale}/support`}>{t.nav.support}</a>
          </nav>
          {/* biome-ignore lint/a11y/useSemanticElements: <fieldset> groups form controls; these are links, named as a group. */}
          <span class="langs" role="group" aria-label={t.footer.languages}>
            {LOCALES.map((other) => (
              <a href={`/${other}${path}`} hreflang={catalogFor(other).lang} aria-current={other === locale ? 'page' : undefined}>
                {catalogFor(other).languageName}
              </a>
            ))}
          </span>
        </header>
        <main>{children}</main>
        <footer>
          <p>{t.footer.safety}</p>
        </footer>
      </body>
    </html>
  );
}

export function SafetyNotes({ t }: { t: Catalog }) {
  return (
    <aside class="safety">
      <h2>{t.safety.heading}</h2>
      <ul>
        {t.safety.tips.map((tip) => (
          <li>{tip}</li>
        ))}
      </ul>
    </aside>
  );
}
