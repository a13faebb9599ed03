import { Layout, SafetyNotes, type PageProps } from '../../../views/layout.tsx';
import { mirrorMessages } from '../messages.ts';

type BaseProps = Omit<PageProps, 'title' | 'path' | 'children'>;

/**
 * What a mirror shows at /declare or /receipt: the sites that take declarations, each opened at the
 * same page in the same language. Its language links stay on the mirror's own copy of that page.
 */
export function ElsewherePage(props: BaseProps & { kind: 'declare' | 'receipt'; addresses: readonly string[] }) {
  const { locale, kind, addresses } = props;
  const m = mirrorMessages(locale);
  const words = m[kind];
  return (
    <Layout {...props} title={words.title} path={`/${kind}`}>
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      <ul class="addresses" id="submission-addresses">
        {addresses.map((address) => {
          const url = `${address}/${locale}/${kind}`;
          return (
            <li>
              <a class="address" href={url} rel="noreferrer">
                {url}
              </a>
              {new URL(address).hostname.endsWith('.onion') && <span class="hint"> ({m.onion})</span>}
            </li>
          );
        })}
      </ul>
      <p>{m.advice}</p>
      <SafetyNotes t={props.t} />
    </Layout>
  );
}
