import { Hono } from 'hono';
import { catalogFor, type Locale } from '../../../i18n/index.ts';
import type { Logger } from '../../../logging/logger.ts';
import { FreshValue } from '../../../services/fast-lane/fresh-value.ts';
import { PreparedPage } from '../../fast-lane/prepared-page.ts';
import { PUBLIC_READ_HEADERS } from '../../middleware/security-headers/policy.ts';
import { prepareResponse, servePrepared } from '../../fast-lane/prepared-response.ts';
import type { PreparedRoutes } from '../../fast-lane/prepared-routes.ts';
import { readerTitle } from '../../../i18n/declaration-title.ts';
import { inReaderScript } from '../../../i18n/script-conversion.ts';
import type { ArchiveItem, ArchivePage, ArchiveService } from '../../../services/archive-service.ts';
import type { AppEnv } from '../../env.ts';
import { archiveMessages } from '../archive/messages.ts';
import { excerpt } from '../archive/views/entry-html.ts';
import { escapeXml } from '../../views/escape-xml.ts';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const FEED_ENTRIES = 20;
const CACHE_CONTROL = 'public, max-age=30';
/** Feed readers poll; the entries change as declarations are published: read at most about once a second. */
const FEED_MS = 1000;

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

/**
 * GET /feeds/latest.atom and /feeds/featured.atom, mounted under each locale prefix: each read at most once a
 * second, built once per locale from each reading and served prepared.
 */
export function feedRoutes(
  archive: ArchiveService,
  publicUrl: string,
  prepared: PreparedRoutes,
  clock: () => number,
  logger: Logger,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const feeds = [
    { path: '/feeds/latest.atom', alternatePath: '/declarations', title: 'latest', read: () => archive.latest({ limit: FEED_ENTRIES }) },
    { path: '/feeds/featured.atom', alternatePath: '/featured', title: 'featured', read: () => archive.featured({ limit: FEED_ENTRIES }) },
  ] as const;
  for (const feed of feeds) {
    const entries = new FreshValue(feed.read, FEED_MS, { name: `the ${feed.title} feed`, logger, clock });
    const document = new PreparedPage(entries, (locale, page) =>
      prepareResponse(
        atomFeed({
          locale,
          publicUrl,
          selfPath: feed.path,
          alternatePath: feed.alternatePath,
          title: archiveMessages(locale).feeds[feed.title],
          page,
        }),
        ATOM_TYPE,
        CACHE_CONTROL,
        // Feed readers and mirrors on other origins read it, as the middleware opens it on the long way.
        PUBLIC_READ_HEADERS,
      ),
    );
    document.serveAt(prepared, feed.path);
    routes.get(feed.path, async (c) => servePrepared(c, await document.get(c.get('locale'))));
  }
  return routes;
}
