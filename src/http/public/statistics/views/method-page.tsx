import { Layout } from '../../../views/layout.tsx';
import { statisticsMessages } from '../messages.ts';
import { zoneLabel, type BaseProps } from './statistics-page.tsx';

export function MethodPage(props: BaseProps & { timeZone: string }) {
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
