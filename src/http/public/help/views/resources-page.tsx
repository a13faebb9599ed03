import { RESOURCE_LINK_KINDS } from '../../../../domain/resources/links.ts';
import type { ResourcesPage as ResourcesContent } from '../../../../services/resources/resources-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { ResourceText } from '../../../views/resource-text.tsx';
import { helpMessages } from '../messages.ts';

export function ResourcesPage(props: Omit<PageProps, 'title' | 'path' | 'children'> & { content: ResourcesContent }) {
  const { t, locale, content } = props;
  const m = helpMessages(locale);
  // Mirrors first: for most readers the way back here matters most.
  const groups = RESOURCE_LINK_KINDS.map((kind) => [kind, content.links.filter((link) => link.kind === kind)] as const).filter(
    ([, links]) => links.length > 0,
  );
  return (
    <Layout locale={locale} t={t} title={m.title} path="/resources">
      <h1>{m.title}</h1>
      {/* The shipped text sends readers to "the addresses listed above"; with none listed, say so rather than point at nothing. */}
      {groups.length === 0 && (
        <p class="hint" id="no-addresses">
          {m.noAddresses}
        </p>
      )}
      {groups.length > 0 && (
        <section class="counter" id="addresses">
          <h2>{m.addressesHeading}</h2>
          <p class="hint">{m.addressesHint}</p>
          {groups.map(([kind, links]) => (
            <>
              <h3>{m.kinds[kind]}</h3>
              <ul>
                {links.map((link) => (
                  <li>
                    {link.label && (
                      <>
                        {link.label}
                        {m.colon}
                      </>
                    )}
                    <a href={link.url} class="address">
                      {link.url}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      )}
      <ResourceText body={content.body} links={content.links} />
      <p class="actions">
        <a class="button secondary" href={`/${locale}/centers`}>
          {m.contacts}
        </a>
      </p>
    </Layout>
  );
}
