import { parseMarkup, resolveHref, type Block, type Inline } from '../../domain/resources/markup.ts';
import type { ResourceLink } from '../../services/resources/resources-service.ts';

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
