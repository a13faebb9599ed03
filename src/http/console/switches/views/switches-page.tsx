import { SWITCHES } from '../../../../domain/flood/switches.ts';
import type { SwitchStates } from '../../../../services/flood/switches-service.ts';
import type { ConsoleShellProps } from '../../views/console-layout.tsx';
import { ConsoleLayout, CsrfField } from '../../views/console-layout.tsx';
import type { SwitchesMessages } from '../messages.ts';

/** Every switch with its state and the one button that turns it the other way. */
export function SwitchesPage(props: { shell: ConsoleShellProps; m: SwitchesMessages; states: SwitchStates; notice?: string | undefined }) {
  const { shell, m, states } = props;
  return (
    <ConsoleLayout {...shell} title={m.title}>
      <p>{m.intro}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{m.columns.feature}</th>
            <th scope="col">{m.columns.state}</th>
            <th scope="col">{m.columns.change}</th>
          </tr>
        </thead>
        <tbody>
          {SWITCHES.map((name) => (
            <tr>
              <th scope="row">{m.names[name]}</th>
              <td>{states[name] ? m.on : <strong>{m.off}</strong>}</td>
              <td>
                <form method="post" action={`/console/switch/${name}`} class="inline">
                  <CsrfField session={shell.session} />
                  <input type="hidden" name="state" value={states[name] ? 'off' : 'on'} />
                  <button type="submit" class={states[name] ? 'danger' : undefined}>
                    {states[name] ? m.turnOff : m.turnOn}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ConsoleLayout>
  );
}
