import { Hono } from 'hono';
import { catalogFor, type Locale } from '../../../i18n/index.ts';
import { readerTitle } from '../../../i18n/declaration-title.ts';
import { inReaderScript } from '../../../i18n/script-conversion.ts';
import type { ArchiveItem, ArchivePage, ArchiveService } from '../../../services/archive-service.ts';
import type { AppEnv } from '../../env.ts';
import { archiveMessages } from '../archive/messages.ts';
import { excerpt } from '../archive/views/archive-pages.tsx';
import { escapeXml } from '../../views/escape-xml.ts';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const FEED_ENTRIES = 20;

/** `TUIDANG_PUBLIC_URL` without a trailing slash, so paths can follow it. */
function origin(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

function entryXml(item: ArchiveItem, locale: Locale, base: string): string {
  const t = catalogFor(locale);
  const m = archiveMessages(locale);
  const script = (text: string) => inReaderScript(text, locale);
  const shown = item.names.slice(0, 3);
  const names = t.declaration.andOthers(shown.map(script).join(t.form.orgsJoiner), item.headcount - shown.length, item.headcount);
  const statement = item.statement ? excerpt(item.statement) : null;
  const summary = [names, m.quits(item.orgs.map((org) => m.orgs[org])), item.region ? script(item.region) : null]
    .filter((part) => part !== null)
    .join(m.separator);
  const body = statement ? `${script(statement.text)}${statement.truncated ? m.ellipsis : ''}` : m.feeds.noStatement;
  const updated = item.publishedAt.toISOString();
  return (
    '<entry>' +
    `<id>urn:tuidang:declaration:${escapeXml(item.registrationNumber)}</id>` +
    `<title>${escapeXml(readerTitle(item, locale))}</title>` +
    `<updated>${updated}</updated>` +
    `<published>${updated}</published>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(`${base}/${locale}/declarations/${item.registrationNumber}`)}"/>` +
    `<summary type="text">${escapeXml(`${summary}\n${body}`)}</summary>` +
    '</entry>'
  );
}

/**
 * An Atom 1.0 document (RFC 4287): the feed's id is its own address, `updated`
 * the newest entry's publication (or the epoch for an empty feed), and the
 * site is the author of every entry. Every link is absolute, under the public URL.
 */
function atomFeed(options: {
  locale: Locale;
  publicUrl: string;
  /** Path after the locale prefix, e.g. '/feeds/latest.atom'. */
  selfPath: string;
  /** The HTML page with the same list. */
  alternatePath: string;
  title: string;
  page: ArchivePage;
}): string {
  const { locale, page } = options;
  const base = origin(options.publicUrl);
  const t = catalogFor(locale);
  const self = `${base}/${locale}${options.selfPath}`;
  const newest = page.items.reduce((latest, item) => Math.max(latest, item.publishedAt.getTime()), 0);
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(t.lang)}">` +
    `<id>${escapeXml(self)}</id>` +
    `<title>${escapeXml(options.title)}</title>` +
    `<updated>${new Date(newest).toISOString()}</updated>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(`${base}/${locale}${options.alternatePath}`)}"/>` +
    `<author><name>${escapeXml(t.siteName)}</name></author>` +
    page.items.map((item) => entryXml(item, locale, base)).join('') +
    '</feed>\n'
  );
}

/** GET /feeds/latest.atom and /feeds/featured.atom, mounted under each locale prefix. */
export function feedRoutes(archive: ArchiveService, publicUrl: string): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/feeds/latest.atom', async (c) => {
    const locale = c.get('locale');
    const page = await archive.latest({ limit: FEED_ENTRIES });
    const xml = atomFeed({
      locale,
      publicUrl,
      selfPath: '/feeds/latest.atom',
      alternatePath: '/declarations',
      title: archiveMessages(locale).feeds.latest,
      page,
    });
    c.header('Cache-Control', 'public, max-age=30');
    return c.body(xml, 200, { 'Content-Type': ATOM_TYPE });
  });

  routes.get('/feeds/featured.atom', async (c) => {
    const locale = c.get('locale');
    const page = await archive.featured({ limit: FEED_ENTRIES });
    const xml = atomFeed({
      locale,
      publicUrl,
      selfPath: '/feeds/featured.atom',
      alternatePath: '/featured',
      title: archiveMessages(locale).feeds.featured,
      page,
    });
    c.header('Cache-Control', 'public, max-age=30');
    return c.body(xml, 200, { 'Content-Type': ATOM_TYPE });
  });

  return routes;
}
