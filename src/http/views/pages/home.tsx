import { Layout, SafetyNotes, type PageProps } from '../layout.tsx';

export function HomePage(props: Omit<PageProps, 'title' | 'path' | 'children'>) {
  const { t, locale } = props;
  return (
    <Layout {...props} title={t.home.title} path="/">
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      <p class="actions">
        <a class="button" href={`/${locale}/declare`}>
          {t.home.declare}
        </a>
        <a class="button secondary" href={`/${locale}/receipt`}>
          {t.home.receipt}
        </a>
      </p>
      <h2>{t.home.howHeading}</h2>
      <ol>
        {t.home.how.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
      <SafetyNotes t={t} />
    </Layout>
  );
}
