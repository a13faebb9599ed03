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
  /** The page shows errors to correct: its title says so first, as a screen reader and the tab strip read it. */
  failed?: boolean | undefined;
  /** A second constant sheet for this page alone (its hash is in the CSP: policy.ts). */
  styles?: string | undefined;
  children?: Child;
}

/**
 * Where a page's error summary goes: focused on load by `autofocus` (no script), so the person lands on
 * what went wrong, and announced as an alert.
 */
export const ERROR_SUMMARY = { id: 'error-summary', class: 'errors', role: 'alert', tabindex: -1, autofocus: true } as const;

export function Layout({ locale, t, title, path, failed, styles, children }: PageProps) {
  return (
    <html lang={t.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${failed ? t.failedTitle(title) : title} · ${t.siteName}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" href={`/${locale}/feeds/latest.atom`} />
        {/* Our own constant sheet, free of markup characters: written as is rather than escaped on every page. */}
        <style>{raw(STYLES)}</style>
        {styles && <style>{raw(styles)}</style>}
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
          <nav aria-label={t.footer.more}>
            <a href={`/${locale}/resources`}>{t.footer.resources}</a>
            <a href={`/${locale}/centers`}>{t.footer.contacts}</a>
            <a href={`/${locale}/contact`}>{t.footer.contact}</a>
            <a href={`/${locale}/about`}>{t.footer.about}</a>
            <a href={`/${locale}/terms`}>{t.footer.terms}</a>
            <a href={`/${locale}/privacy`}>{t.footer.privacy}</a>
          </nav>
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

/** Beside a form that asks for consent: what submitting agrees to, linking the terms and the privacy notice. */
export function ConsentNote({ locale, t }: { locale: Locale; t: Catalog }) {
  const { before, between, after } = t.footer.agree;
  return (
    <p class="hint">
      {before}
      <a href={`/${locale}/terms`}>{t.footer.terms}</a>
      {between}
      <a href={`/${locale}/privacy`}>{t.footer.privacy}</a>
      {after}
    </p>
  );
}
