import { RESOURCE_LINK_KINDS } from '../../../../domain/resources/links.ts';
import { LOCALES, catalogFor, type Locale } from '../../../../i18n/index.ts';
import { zoneName, zonedStamp } from '../../../../i18n/zoned-time.ts';
import type { ResourceLink, ResourceVersion } from '../../../../services/resources/resources-service.ts';
import type { ConsoleShellProps } from '../../views/console-layout.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../../views/console-layout.tsx';
import type { ResourcesConsoleMessages } from '../messages.ts';

export interface LinkFormValues {
  url: string;
  kind: string;
  label: string;
}

export const EMPTY_LINK_FORM: LinkFormValues = { url: '', kind: 'mirror', label: '' };

/** Who saved a version: a staff member's name, or the command line. */
export function savedBy(version: ResourceVersion, m: ResourcesConsoleMessages): string {
  return version.createdByName ?? m.cli;
}

/** The three languages' current versions, and the outside addresses with the form that adds one. */
export function ResourcesOverview(props: {
  shell: ConsoleShellProps;
  m: ResourcesConsoleMessages;
  timeZone: string;
  current: Readonly<Record<Locale, ResourceVersion | null>>;
  links: readonly ResourceLink[];
  notice?: string | undefined;
  error?: string | undefined;
  values: LinkFormValues;
}) {
  const { shell, m, timeZone, current, links, values } = props;
  const session = shell.session;
  const zone = zoneName(shell.t, timeZone);
  return (
    <ConsoleLayout {...shell} title={m.title}>
      <p>{m.intro}</p>
      {props.notice && <p class="notice">{props.notice}</p>}
      <h2>{m.textsHeading}</h2>
      <table>
        <thead>
          <tr>
            <th>{m.columns.language}</th>
            <th>{m.columns.version}</th>
            <th>{shell.t.zone.labelled(m.columns.savedAt, zone)}</th>
            <th>{m.columns.savedBy}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {LOCALES.map((locale) => {
            const version = current[locale];
            return (
              <tr>
                <td>{catalogFor(locale).languageName}</td>
                <td>{version ? `#${version.id}` : m.shipped}</td>
                <td>{version ? zonedStamp(version.createdAt, timeZone) : ''}</td>
                <td>{version ? savedBy(version, m) : ''}</td>
                <td>
                  <a href={`/console/resources/${locale}`}>{m.edit}</a> · <a href={`/${locale}/resources`}>{m.viewPublic}</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2 id="links">{m.linksHeading}</h2>
      <p>{m.linksIntro}</p>
      {links.length === 0 ? (
        <p>{m.noLinks}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{m.columns.url}</th>
              <th>{m.columns.kind}</th>
              <th>{m.columns.label}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr>
                <td class="address">{link.url}</td>
                <td>{m.kinds[link.kind]}</td>
                <td>{link.label}</td>
                <td>
                  <form method="post" action={`/console/resource-links/${link.id}/remove`} class="inline">
                    <CsrfField session={session} />
                    <button type="submit" class="secondary">
                      {m.remove}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{m.addHeading}</h3>
      <ErrorNote message={props.error} />
      <form method="post" action="/console/resource-links">
        <CsrfField session={session} />
        <div class="field">
          <label for="url">{m.urlLabel}</label>
          <p class="hint">{m.urlHint}</p>
          <input id="url" name="url" type="text" inputmode="url" required maxlength={500} value={values.url} />
        </div>
        <div class="field">
          <label for="kind">{m.kindLabel}</label>
          <select id="kind" name="kind">
            {RESOURCE_LINK_KINDS.map((kind) => (
              <option value={kind} selected={values.kind === kind}>
                {m.kinds[kind]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="label">{m.labelLabel}</label>
          <p class="hint">{m.labelHint}</p>
          <input id="label" name="label" type="text" maxlength={100} value={values.label} />
        </div>
        <button type="submit">{m.add}</button>
      </form>
    </ConsoleLayout>
  );
}
