import { parseMarkup, resolveHref, type Block, type Inline } from '../../../../domain/resources/markup.ts';
import type { ResourceLinkKind } from '../../../../domain/resources/links.ts';
import type { ResourceLink, ResourcesPage as ResourcesContent } from '../../../../services/resources/resources-service.ts';
import { Layout, type PageProps } from '../../../views/layout.tsx';
import { helpMessages } from '../messages.ts';

/**
 * Words and links of one line. JSX escapes every piece of text; a link becomes an <a> only when it
 * leads to a path of this site or to an address the operator lists now, else its words stay plain.
 */
function Inlines({ parts, allowed }: { parts: readonly Inline[]; allowed: ReadonlySet<string> }) {
  return (
    <>
      {parts.map((part) => {
        const href = part.target === undefined ? null : resolveHref(part.target, allowed);
        return href === null ? part.text : <a href={href}>{part.text}</a>;
      })}
    </>
  );
}

function MarkupBlock({ block, allowed }: { block: Block; allowed: ReadonlySet<string> }) {
  if (block.kind === 'heading') {
    const content = <Inlines parts={block.content} allowed={allowed} />;
    return block.level === 2 ? <h2>{content}</h2> : <h3>{content}</h3>;
  }
  if (block.kind === 'paragraph') {
    return (
      <p>
        {block.lines.map((line, index) => (
          <>
            {index > 0 && <br />}
            <Inlines parts={line} allowed={allowed} />
          </>
        ))}
      </p>
    );
  }
  const items = block.items.map((item) => (
    <li>
      <Inlines parts={item} allowed={allowed} />
    </li>
  ));
  return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
}

/** The text an admin wrote, rendered from its markup. */
export function ResourceText({ body, links }: { body: string; links: readonly ResourceLink[] }) {
  const allowed = new Set(links.map((link) => link.url));
  return (
    <>
      {parseMarkup(body).map((block) => (
        <MarkupBlock block={block} allowed={allowed} />
      ))}
    </>
  );
}

const KIND_ORDER: readonly ResourceLinkKind[] = ['mirror', 'onion', 'download'];

export function ResourcesPage(props: Omit<PageProps, 'title' | 'path' | 'children'> & { content: ResourcesContent }) {
  const { t, locale, content } = props;
  const m = helpMessages(locale);
  const groups = KIND_ORDER.map((kind) => [kind, content.links.filter((link) => link.kind === kind)] as const).filter(
    ([, links]) => links.length > 0,
  );
  return (
    <Layout locale={locale} t={t} title={m.title} path="/resources">
      <h1>{m.title}</h1>
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
