import { fullCount } from '../../../../domain/counter/format-count.ts';
import type { CounterService } from '../../../../services/counter-service.ts';
import { Layout } from '../../../views/layout.tsx';
import { historyMessages } from '../history-messages.ts';
import { statisticsMessages } from '../messages.ts';
import { PartsTable } from './history-parts.tsx';
import { zoneLabel, type BaseProps } from './statistics-page.tsx';

interface Parts {
  inRegistry: number;
  carriedOver: number;
  years: Awaited<ReturnType<CounterService['years']>>;
}

/** The total's two parts: what each is, what can be checked about it, and both year by year (docs/history.md). */
function PartsSection({ locale, parts }: { locale: BaseProps['locale']; parts: Parts }) {
  const h = historyMessages(locale);
  const count = (value: number) => fullCount(value, locale);
  const k = h.method;
  return (
    <>
      <h2 id="parts">{k.heading}</h2>
      {k.body(count(parts.inRegistry), count(parts.carriedOver), count(parts.inRegistry + parts.carriedOver)).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      <h2>{k.checkHeading}</h2>
      {[...k.check.inRegistry, ...k.check.carriedOver].map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {parts.carriedOver > 0 ? (
        <PartsTable
          id="parts-years"
          heading={k.yearsHeading}
          column={h.columns.year}
          rows={parts.years.map((year) => ({ label: year.year, inRegistry: year.inRegistry, carriedOver: year.carriedOver }))}
          locale={locale}
          h={h}
        />
      ) : (
        <p class="hint">{k.noHistory}</p>
      )}
    </>
  );
}

export function MethodPage(props: BaseProps & { timeZone: string; parts: Parts }) {
  const { t, locale } = props;
  const m = statisticsMessages(locale);
  const k = m.method;
  const zone = zoneLabel(t, props.timeZone);
  const sections: { heading: string; body: string[] }[] = [
    k.counted,
    k.organizations,
    { heading: k.days.heading, body: k.days.body(zone) },
    k.stored,
    { heading: k.reconcile.heading, body: k.reconcile.body(zone) },
    k.privacy,
  ];
  return (
    <Layout locale={locale} t={t} title={k.title} path="/statistics/method">
      <h1>{k.title}</h1>
      <p class="lead">{k.intro}</p>
      {sections.map((section) => (
        <>
          <h2>{section.heading}</h2>
          {section.body.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </>
      ))}
      <PartsSection locale={locale} parts={props.parts} />
      <h2>{k.verify.heading}</h2>
      <p>{k.verify.body[0]}</p>
      <ul>
        <li>
          <a href="/api/v1/stats/daily">{k.verify.links.dailyJson}</a>
        </li>
        <li>
          <a href="/api/v1/stats/daily?format=csv">{k.verify.links.dailyCsv}</a>
        </li>
        <li>
          <a href="/api/v1/counter">{k.verify.links.counter}</a>
        </li>
      </ul>
      <p>{k.verify.body[1]}</p>
      <p>
        {k.verify.transparency} <a href={`/${locale}/transparency`}>{k.verify.transparencyLink}</a>
      </p>
      <p>
        <a href={`/${locale}/statistics`}>{k.back}</a>
      </p>
    </Layout>
  );
}
