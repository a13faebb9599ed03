import type { Catalog, Locale } from '../../../../i18n/index.ts';
import { Layout } from '../../../views/layout.tsx';
import { transparencyMessages } from '../messages.ts';

export interface TransparencyPageProps {
  locale: Locale;
  t: Catalog;
  checkpoint: { size: number; root: string; note: string };
  verifierKey: string;
  /** During a key rotation, the key it moves to. */
  nextVerifierKey: string | undefined;
  pending: number;
}

export function TransparencyPage({ locale, t, checkpoint, verifierKey, nextVerifierKey, pending }: TransparencyPageProps) {
  const m = transparencyMessages(locale);
  return (
    <Layout locale={locale} t={t} title={m.title} path="/transparency">
      <h1>{m.title}</h1>
      {m.intro.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      <h2>{m.proven.heading}</h2>
      <ul>
        {m.proven.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
      <h2>{m.latest.heading}</h2>
      {checkpoint.size === 0 ? <p>{m.latest.empty}</p> : null}
      <dl>
        <dt>{m.latest.size}</dt>
        <dd>{checkpoint.size}</dd>
        <dt>{m.latest.root}</dt>
        <dd>
          <code>{checkpoint.root}</code>
        </dd>
        <dt>{m.latest.pending}</dt>
        <dd>{pending}</dd>
        <dt>{m.latest.key}</dt>
        <dd>
          <code>{verifierKey}</code>
        </dd>
        {nextVerifierKey ? <dt>{m.latest.nextKey}</dt> : null}
        {nextVerifierKey ? (
          <dd>
            <code>{nextVerifierKey}</code>
          </dd>
        ) : null}
      </dl>
      <p>
        <a href="/log/checkpoint">{m.latest.raw}</a>
      </p>
      <pre>{checkpoint.note}</pre>
      <h2>{m.check.heading}</h2>
      <ol>
        <li>{m.check.steps[0]}</li>
        <li>
          {m.check.steps[1]}
          <pre>{m.check.command}</pre>
        </li>
        <li>{m.check.steps[2]}</li>
        <li>{m.check.steps[3]}</li>
      </ol>
      <p>{m.check.statement}</p>
      <pre>/api/v1/declarations/{'{registrationNumber}'}/proof</pre>
      <p>{m.check.mirror}</p>
      <h2>{m.notProven.heading}</h2>
      <ul>
        {m.notProven.items.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
      <p>
        <a href={`/${locale}/statistics/method`}>{m.methodLink}</a>
      </p>
    </Layout>
  );
}
