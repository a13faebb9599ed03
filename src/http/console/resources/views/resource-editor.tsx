import { MAX_RESOURCE_CHARACTERS } from '../../../../domain/resources/markup.ts';
import { catalogFor, type Locale } from '../../../../i18n/index.ts';
import { zoneName, zonedStamp } from '../../../../i18n/zoned-time.ts';
import type { ResourceLink, ResourceVersion } from '../../../../services/resources/resources-service.ts';
import { ResourceText } from '../../../views/resource-text.tsx';
import type { ConsoleShellProps } from '../../views/console-layout.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../../views/console-layout.tsx';
import type { ResourcesConsoleMessages } from '../messages.ts';
import { savedBy } from './resources-overview.tsx';

/**
 * One language's text: the textarea (the newest version, or what was just refused), the markup's
 * rules and the allowed addresses beside it, and the history with a restore button per version.
 * `viewing` is an older version shown as the public page would show it.
 */
export function ResourceEditor(props: {
  shell: ConsoleShellProps;
  m: ResourcesConsoleMessages;
  timeZone: string;
  locale: Locale;
  text: string;
  current: ResourceVersion | null;
  history: readonly ResourceVersion[];
  links: readonly ResourceLink[];
  viewing?: ResourceVersion | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { shell, m, timeZone, locale, history, links } = props;
  const session = shell.session;
  const action = `/console/resources/${locale}`;
  return (
    <ConsoleLayout {...shell} title={m.editorTitle(catalogFor(locale).languageName)}>
      <p>
        <a href="/console/resources">{m.back}</a> · <a href={`/${locale}/resources`}>{m.viewPublic}</a>
      </p>
      {props.notice && <p class="notice">{props.notice}</p>}
      <ErrorNote message={props.error} />
      <form method="post" action={action}>
        <CsrfField session={session} />
        <div class="field">
          <label for="body">{m.textLabel}</label>
          <textarea
            id="body"
            name="body"
            rows={24}
            maxlength={MAX_RESOURCE_CHARACTERS}
            lang={catalogFor(locale).lang}
            aria-invalid={props.error ? 'true' : undefined}
          >
            {props.text}
          </textarea>
        </div>
        <button type="submit">{m.save}</button>
      </form>
      <h2>{m.syntaxHeading}</h2>
      <ul>
        {m.syntax.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h3>{m.linksHeading}</h3>
      {links.length === 0 ? (
        <p>{m.noLinks}</p>
      ) : (
        <ul>
          {links.map((link) => (
            <li class="address">
              {m.kinds[link.kind]}
              {m.colon}
              {link.url}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/console/resources#links">{m.addHeading}</a>
      </p>

      <h2>{m.historyHeading}</h2>
      {history.length === 0 ? (
        <p>{m.historyEmpty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{m.columns.version}</th>
              <th>{shell.t.zone.labelled(m.columns.savedAt, zoneName(shell.t, timeZone))}</th>
              <th>{m.columns.savedBy}</th>
              <th>{m.columns.note}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((version) => (
              <tr>
                <td>
                  #{version.id}
                  {version.id === props.current?.id && ` (${m.current})`}
                </td>
                <td>{zonedStamp(version.createdAt, timeZone)}</td>
                <td>{savedBy(version, m)}</td>
                <td>{version.restoredFrom !== null && m.restoredFrom(version.restoredFrom)}</td>
                <td>
                  <a href={`${action}?version=${version.id}#viewing`}>{m.view}</a>
                  {version.id !== props.current?.id && (
                    <form method="post" action={`${action}/restore`} class="inline">
                      <CsrfField session={session} />
                      <input type="hidden" name="version" value={String(version.id)} />{' '}
                      <button type="submit" class="secondary">
                        {m.restore}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.viewing && (
        <section id="viewing" class="counter">
          <h2>{m.viewing(props.viewing.id)}</h2>
          <ResourceText body={props.viewing.body} links={links} />
        </section>
      )}
    </ConsoleLayout>
  );
}
