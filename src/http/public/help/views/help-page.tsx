import { Layout, type PageProps } from '../../../views/layout.tsx';
import type { HelpDocument } from '../help-document.ts';

/** Terms, privacy and about: a lead, sections of paragraphs and lists, a link onward where one helps. */
export function HelpPage(props: Omit<PageProps, 'title' | 'children'> & { document: HelpDocument }) {
  const { t, locale, path, document } = props;
  return (
    <Layout locale={locale} t={t} title={document.title} path={path}>
      <h1>{document.title}</h1>
      <p class="lead">{document.lead}</p>
      {document.sections.map((section) => (
        <section>
          <h2>{section.heading}</h2>
          {section.paragraphs?.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
          {section.items && (
            <ul>
              {section.items.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          )}
          {section.link && (
            <p>
              <a href={`/${locale}${section.link.path}`}>{section.link.label} →</a>
            </p>
          )}
        </section>
      ))}
      {document.footnote && <p class="hint">{document.footnote}</p>}
    </Layout>
  );
}
