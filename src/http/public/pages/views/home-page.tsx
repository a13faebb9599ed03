import { fullCount, shortCount } from '../../../../domain/counter/format-count.ts';
import { numberFormat } from '../../../../i18n/formats.ts';
import { zonedDateTime, zonedDay } from '../../../../i18n/zoned-time.ts';
import { readerTitle } from '../../../../i18n/declaration-title.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import type { ArchiveItem } from '../../../../services/archive-service.ts';
import type { CounterSnapshot } from '../../../../services/counter-service.ts';
import { Layout, SafetyNotes, type PageProps } from '../../../views/layout.tsx';
import { newsletterMessages } from '../../newsletter/messages.ts';

function CounterPanel({ t, locale, counter }: Pick<PageProps, 't' | 'locale'> & { counter: CounterSnapshot }) {
  const k = t.counter;
  const percent = numberFormat(t.lang, { style: 'percent', maximumFractionDigits: 1 }).format(
    Math.floor(counter.next.progress * 1000) / 1000,
  );
  const nextMilestone = k.nextMilestone(shortCount(counter.next.people, locale), percent);
  // Chinese leads with the truncated 4.66亿 and gives the exact figure beside it; English reads the exact figure once.
  const short = locale === 'en' ? fullCount(counter.total, locale) : shortCount(counter.total, locale);
  const full = fullCount(counter.total, locale);
  const sameDigits = short.replace(/\D/g, '') === full.replace(/\D/g, '');
  const figures: [string, number][] = [
    [k.today, counter.today],
    [k.yesterday, counter.yesterday],
    [k.thisWeek, counter.thisWeek],
    [k.thisMonth, counter.thisMonth],
  ];
  return (
    <section class="counter" aria-labelledby="counter-heading">
      <h2 id="counter-heading">{k.heading}</h2>
      <p class="total">
        <span id="counter-total" data-total={counter.total}>
          {short}
        </span>
        {/* The exact figure beside the short one, unless they are the same digits (below 10,000, or in English). */}
        {sameDigits ? <span class="hint"> {k.peopleUnit}</span> : <span class="hint"> {k.people(full)}</span>}
      </p>
      <dl class="facts">
        {figures.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{fullCount(value, locale)}</dd>
          </>
        ))}
        <dt>{k.lastUpdate}</dt>
        <dd>
          <time datetime={counter.lastUpdate.toISOString()}>{zonedDateTime(counter.lastUpdate, t, counter.timeZone)}</time>
        </dd>
      </dl>
      <p>
        <progress max={1} value={counter.next.progress} aria-label={nextMilestone} /> {nextMilestone}
      </p>
      {counter.milestones.length > 0 && (
        <>
          <h3>{k.milestonesHeading}</h3>
          <ul>
            {[...counter.milestones].reverse().map((milestone) => (
              <li>{k.milestoneReached(shortCount(milestone.people, locale), zonedDay(milestone.day, t, counter.timeZone))}</li>
            ))}
          </ul>
        </>
      )}
      <p class="hint">{k.method}</p>
    </section>
  );
}

function DeclarationList({
  heading,
  items,
  more,
  locale,
  t,
}: Pick<PageProps, 't' | 'locale'> & { heading: string; items: ArchiveItem[]; more: string }) {
  if (items.length === 0) return null;
  const script = (text: string) => inReaderScript(text, locale);
  return (
    <section>
      <h2>{heading}</h2>
      <ul>
        {items.map((item) => {
          // Titles are mostly the default one: who, from where and how many tell the statements apart.
          const shown = item.names.slice(0, 3).map(script);
          const others = item.headcount - shown.length;
          const names = t.declaration.andOthers(shown.join(t.form.orgsJoiner), others, item.headcount);
          // "王芳等 5 人" already says how many; only a list of every name needs the head-count after it.
          const details = [names, item.region ? script(item.region) : null, others > 0 ? null : t.declaration.people(item.headcount)];
          return (
            <li>
              <a href={`/${locale}/declarations/${item.registrationNumber}`}>{readerTitle(item, locale)}</a>
              <br />
              <span class="hint">{details.filter((part) => part !== null).join(' · ')}</span>
            </li>
          );
        })}
      </ul>
      <p>
        <a href={more}>{t.home.more}</a>
      </p>
    </section>
  );
}

export function HomePage(
  props: Omit<PageProps, 'title' | 'path' | 'children'> & { counter: CounterSnapshot; latest: ArchiveItem[]; featured: ArchiveItem[] },
) {
  const { t, locale, counter } = props;
  return (
    <Layout {...props} title={t.home.title} path="/">
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      <CounterPanel t={t} locale={locale} counter={counter} />
      <p class="actions">
        <a class="button" href={`/${locale}/declare`}>
          {t.home.declare}
        </a>
        <a class="button secondary" href={`/${locale}/receipt`}>
          {t.home.receipt}
        </a>
      </p>
      <DeclarationList heading={t.home.featured} items={props.featured} more={`/${locale}/featured`} locale={locale} t={t} />
      <DeclarationList heading={t.home.latest} items={props.latest} more={`/${locale}/declarations`} locale={locale} t={t} />
      <h2>{t.home.howHeading}</h2>
      <ol>
        {t.home.how.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
      <SafetyNotes t={t} />
      <p>
        <a href={`/${locale}/newsletter`}>{newsletterMessages(locale).homeLink}</a>
      </p>
    </Layout>
  );
}
