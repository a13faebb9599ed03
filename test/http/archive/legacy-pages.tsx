import { errorMessage, type Catalog, type Locale } from '../../../src/i18n/index.ts';
import { longDate } from '../../../src/i18n/formats.ts';
import { readerTitle } from '../../../src/i18n/declaration-title.ts';
import { inReaderScript } from '../../../src/i18n/script-conversion.ts';
import { zoneName } from '../../../src/i18n/zoned-time.ts';
import { addDays } from '../../../src/domain/counter/counting-day.ts';
import {
  SEARCH_FIELDS,
  SEARCH_MODES,
  type ArchiveItem,
  type ArchivePage,
  type SearchField,
  type SearchMode,
  type SearchOutcome,
} from '../../../src/services/archive-service.ts';
import { isCalendarDay } from '../../../src/domain/counter/day-range.ts';
import { Layout, type PageProps } from '../../../src/http/views/layout.tsx';
import { archiveMessages, type ArchiveMessages } from '../../../src/http/public/archive/messages.ts';

/** Lists show the beginning of a statement; the permalink has all of it. */
const EXCERPT_CHARACTERS = 300;
/** Names shown in a list before "and N others". */
const LISTED_NAMES = 3;

/**
 * What every archive page gets: the layout's props, today's date for the navigation, and the
 * counting time zone, which the intros name: every date on these pages is a day there.
 */
type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'> & { today: string; timeZone: string };

/** A calendar day (YYYY-MM-DD) as the reader writes dates. */
function formatDay(day: string, lang: string): string {
  return longDate(new Date(`${day}T00:00:00Z`), lang);
}

/**
 * The first `max` characters (code points, so no character is cut in half) of a
 * statement on one line, and whether anything was left out.
 */
export function excerpt(text: string, max = EXCERPT_CHARACTERS): { text: string; truncated: boolean } {
  const characters = Array.from(text.replace(/\s*\n\s*/g, ' '));
  if (characters.length <= max) return { text: characters.join(''), truncated: false };
  return { text: characters.slice(0, max).join('').trimEnd(), truncated: true };
}

/** Query strings of this site's own links; values are percent-encoded, JSX escapes the rest. */
function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The archive's own links; "today" opens the day pages, which lead to the days around them. */
function ArchiveNav({ locale, m, today }: { locale: Locale; m: ArchiveMessages; today: string }) {
  return (
    <nav aria-label={m.nav.label}>
      <a href={`/${locale}/declarations`}>{m.nav.latest}</a>
      <a href={`/${locale}/featured`}>{m.nav.featured}</a>
      <a href={`/${locale}/days/${today}`}>{m.nav.today}</a>
      <a href={`/${locale}/search`}>{m.nav.search}</a>
    </nav>
  );
}

/**
 * One declaration in a list, presented like its permalink: Chinese text in the
 * reader's script, everything escaped by JSX, the statement cut short.
 */
export function ArchiveEntry(props: { item: ArchiveItem; locale: Locale; t: Catalog; m: ArchiveMessages; level: 2 | 3 }) {
  const { item, locale, t, m } = props;
  const script = (text: string) => inReaderScript(text, locale);
  const shown = item.names.slice(0, LISTED_NAMES);
  const names = t.declaration.andOthers(shown.map(script).join(t.form.orgsJoiner), item.headcount - shown.length, item.headcount);
  const permalink = `/${locale}/declarations/${item.registrationNumber}`;
  // Cut before converting: the conversion is character by character, and 300 characters convert faster than 5,000.
  const statement = item.statement ? excerpt(item.statement) : null;
  const title = <a href={permalink}>{readerTitle(item, locale)}</a>;
  return (
    <article>
      {props.level === 2 ? <h2>{title}</h2> : <h3>{title}</h3>}
      <p class="hint">
        {names}
        {m.separator}
        {m.quits(item.orgs.map((org) => m.orgs[org]))}
        {item.region && (
          <>
            {m.separator}
            {script(item.region)}
          </>
        )}
        {item.countedDay && (
          <>
            {m.separator}
            {formatDay(item.countedDay, t.lang)}
          </>
        )}
      </p>
      {statement && (
        <p>
          {script(statement.text)}
          {statement.truncated && (
            <>
              {m.ellipsis}
              <a href={permalink}>{m.readMore}</a>
            </>
          )}
        </p>
      )}
    </article>
  );
}

function EntryList(props: { items: readonly ArchiveItem[]; locale: Locale; t: Catalog; m: ArchiveMessages; level?: 2 | 3 }) {
  return (
    <>
      {props.items.map((item) => (
        <ArchiveEntry item={item} locale={props.locale} t={props.t} m={props.m} level={props.level ?? 2} />
      ))}
    </>
  );
}

/** "Older" carries the next cursor; "newest" leads back to the first page once the reader has left it. */
function Pager(props: {
  m: ArchiveMessages;
  first: string;
  next: string | null;
  paged: boolean;
  nextLabel?: string;
  params?: Record<string, string | undefined>;
}) {
  const { m, first, next, paged } = props;
  if (!next && !paged) return null;
  return (
    <p class="actions">
      {paged && (
        <a class="button secondary" href={withQuery(first, props.params ?? {})}>
          {m.newest}
        </a>
      )}
      {next && (
        <a class="button secondary" rel="next" href={withQuery(first, { ...props.params, cursor: next })}>
          {props.nextLabel ?? m.older}
        </a>
      )}
    </p>
  );
}

function FeedLink({ href, m }: { href: string; m: ArchiveMessages }) {
  return (
    <p class="hint">
      <a href={href} type="application/atom+xml">
        {m.feed}
      </a>
    </p>
  );
}

export function LatestPage(props: BaseProps & { page: ArchivePage; cursor: string | undefined }) {
  const { locale, t, page, cursor } = props;
  const m = archiveMessages(locale);
  return (
    <Layout locale={locale} t={t} title={m.latest.title} path={withQuery('/declarations', { cursor })}>
      <h1>{m.latest.title}</h1>
      <ArchiveNav locale={locale} m={m} today={props.today} />
      <p class="lead">{m.latest.intro(zoneName(t, props.timeZone))}</p>
      {page.items.length === 0 && <p id="empty">{m.latest.empty}</p>}
      <EntryList items={page.items} locale={locale} t={t} m={m} />
      <Pager m={m} first={`/${locale}/declarations`} next={page.next} paged={cursor !== undefined} />
      <FeedLink href={`/${locale}/feeds/latest.atom`} m={m} />
    </Layout>
  );
}

export function DayPage(props: BaseProps & { day: string; page: ArchivePage; cursor: string | undefined }) {
  const { locale, t, day, today, page, cursor } = props;
  const m = archiveMessages(locale);
  const previous = addDays(day, -1);
  const next = addDays(day, 1);
  const title = m.day.title(formatDay(day, t.lang));
  return (
    <Layout locale={locale} t={t} title={title} path={withQuery(`/days/${day}`, { cursor })}>
      <h1>{title}</h1>
      <ArchiveNav locale={locale} m={m} today={props.today} />
      <p class="hint">{m.day.intro(zoneName(t, props.timeZone))}</p>
      <p class="actions">
        {isCalendarDay(previous) && (
          <a class="button secondary" rel="prev" href={`/${locale}/days/${previous}`}>
            {m.day.previous}
          </a>
        )}
        {isCalendarDay(next) && day < today && (
          <a class="button secondary" href={`/${locale}/days/${next}`}>
            {m.day.next}
          </a>
        )}
      </p>
      {page.items.length === 0 && <p id="empty">{m.day.empty}</p>}
      <EntryList items={page.items} locale={locale} t={t} m={m} />
      <Pager m={m} first={`/${locale}/days/${day}`} next={page.next} paged={cursor !== undefined} />
    </Layout>
  );
}

/** Consecutive items featured on the same day, under one heading. */
function byFeaturedDay(items: readonly ArchiveItem[]): { day: string; items: ArchiveItem[] }[] {
  const groups: { day: string; items: ArchiveItem[] }[] = [];
  for (const item of items) {
    const day = item.featuredOn ?? '';
    const last = groups.at(-1);
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

export function FeaturedPage(props: BaseProps & { page: ArchivePage; cursor: string | undefined }) {
  const { locale, t, page, cursor } = props;
  const m = archiveMessages(locale);
  return (
    <Layout locale={locale} t={t} title={m.featured.title} path={withQuery('/featured', { cursor })}>
      <h1>{m.featured.title}</h1>
      <ArchiveNav locale={locale} m={m} today={props.today} />
      <p class="lead">{m.featured.intro(zoneName(t, props.timeZone))}</p>
      {page.items.length === 0 && <p id="empty">{m.featured.empty}</p>}
      {byFeaturedDay(page.items).map((group) => (
        <section>
          <h2>{m.featured.dayHeading(formatDay(group.day, t.lang))}</h2>
          <EntryList items={group.items} locale={locale} t={t} m={m} level={3} />
        </section>
      ))}
      <Pager m={m} first={`/${locale}/featured`} next={page.next} paged={cursor !== undefined} />
      <FeedLink href={`/${locale}/feeds/featured.atom`} m={m} />
    </Layout>
  );
}

function problemMessage(m: ArchiveMessages, outcome: Exclude<SearchOutcome, { ok: true }>, locale: Locale): string {
  if (outcome.problem === 'characters') return errorMessage(locale, outcome.code);
  if (outcome.problem === 'tooShort') return m.search.tooShort(outcome.limit);
  if (outcome.problem === 'tooLong') return m.search.tooLong(outcome.limit);
  return m.search.empty;
}

export function SearchPage(
  props: BaseProps & { q: string; field: SearchField; mode: SearchMode; cursor: string | undefined; outcome: SearchOutcome | null },
) {
  const { locale, t, q, field, mode, cursor, outcome } = props;
  const m = archiveMessages(locale);
  const params = { q, field, mode };
  const page = outcome?.ok ? outcome.value : null;
  return (
    <Layout locale={locale} t={t} title={m.search.title} path={withQuery('/search', q ? { ...params, cursor } : {})}>
      <h1>{m.search.title}</h1>
      <ArchiveNav locale={locale} m={m} today={props.today} />
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for some readers' browsers; the role says the same. */}
      <form method="get" action={`/${locale}/search`} role="search">
        <div class="field">
          <label for="q">{m.search.query}</label>
          <input id="q" name="q" value={q} maxlength={100} aria-describedby="search-hint" />
          <p class="hint" id="search-hint">
            {m.search.hint}
          </p>
        </div>
        <fieldset>
          <legend>{m.search.field}</legend>
          {SEARCH_FIELDS.map((value) => (
            <label>
              <input type="radio" name="field" value={value} checked={value === field} />
              {m.search.fields[value]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{m.search.mode}</legend>
          {SEARCH_MODES.map((value) => (
            <label>
              <input type="radio" name="mode" value={value} checked={value === mode} />
              {m.search.modes[value]}
            </label>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit">{m.search.submit}</button>
        </p>
      </form>
      {outcome && !outcome.ok && (
        // An alert, so a screen reader says why nothing was searched for.
        <p class="error" role="alert" id="search-problem">
          {problemMessage(m, outcome, locale)}
        </p>
      )}
      {page && (
        <section id="results">
          <h2>{m.search.results(q)}</h2>
          {page.items.length === 0 && <p id="empty">{page.next ? m.search.noneInRange : m.search.none}</p>}
          <EntryList items={page.items} locale={locale} t={t} m={m} level={3} />
          <Pager
            m={m}
            first={`/${locale}/search`}
            next={page.next}
            paged={cursor !== undefined}
            params={params}
            {...(page.items.length === 0 ? { nextLabel: m.search.more } : {})}
          />
        </section>
      )}
    </Layout>
  );
}
