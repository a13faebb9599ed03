import type { Center } from '../../../../services/centers-service.ts';
import { ConsoleLayout, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { CentersMessages } from '../messages.ts';

/** The centers the actor may see; those who manage them get the add and edit links. */
export function CentersPage(props: {
  shell: ConsoleShellProps;
  m: CentersMessages;
  centers: readonly Center[];
  manage: boolean;
  hasCenter: boolean;
}) {
  const { m, manage } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.title}>
      {manage && (
        <p>
          <a class="button" href="/console/centers/new">
            {m.add}
          </a>
        </p>
      )}
      {props.centers.length === 0 ? (
        <p id="no-centers">{manage || props.hasCenter ? m.empty : m.noCenter}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{m.fields.name}</th>
              <th>{m.fields.city}</th>
              <th>{m.fields.country}</th>
              <th>{m.fields.isPublic}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.centers.map((center) => (
              <tr data-center-id={center.id}>
                <td>{center.name}</td>
                <td>{center.city}</td>
                <td>{center.country}</td>
                <td>{center.isPublic ? m.yes : m.no}</td>
                <td>
                  <a href={`/console/center/${center.id}`}>{manage ? m.edit : m.view}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
