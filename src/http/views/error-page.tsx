import { Layout, type PageProps } from './layout.tsx';

export function ErrorPage(props: Omit<PageProps, 'path' | 'children'> & { message: string }) {
  const { t, locale, title, message } = props;
  return (
    <Layout {...props} path="/">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={`/${locale}/`}>{t.errorPage.back}</a>
      </p>
    </Layout>
  );
}
