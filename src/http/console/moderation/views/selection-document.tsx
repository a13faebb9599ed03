import type { SelectionItem } from '../../../../services/moderation/selection.ts';
import { labelsFor, type ExportOptions } from '../selection-labels.ts';

function Statement({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph) => (
        <p>
          {paragraph.split('\n').map((line, index) => (
            <>
              {index > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** A complete, self-contained HTML document; nothing loads from elsewhere. JSX escapes every piece of text. */
export function SelectionDocument({ items, options }: { items: readonly SelectionItem[]; options: ExportOptions }) {
  const { catalog, script, title: itemTitle, behalf, facts } = labelsFor(options.locale, options.timeZone);
  const title = options.heading ?? catalog.siteName;
  return (
    <html lang={catalog.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body>
        <h1>{title}</h1>
        {items.map((item) => (
          <article>
            <h2>{itemTitle(item)}</h2>
            <dl>
              {facts(item).map(([label, value]) => (
                <>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </>
              ))}
            </dl>
            <p>{behalf(item)}</p>
            {item.statement && <Statement text={script(item.statement)} />}
          </article>
        ))}
      </body>
    </html>
  );
}
