import type { CallerRow } from '../../../../services/outreach/caller-figures-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';

function FiguresTable(props: { m: OutreachMessages; rows: readonly CallerRow[]; label: string; id: string }) {
  const { m } = props;
  if (props.rows.length === 0) return <p>{m.calls.none}</p>;
  return (
    <table id={props.id}>
      <thead>
        <tr>
          <th>{props.label}</th>
          <th>{m.figures.attempts}</th>
          <th>{m.figures.reached}</th>
          <th>{m.figures.declared}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td>{row.label}</td>
            <td>{row.attempts}</td>
            <td>{row.reached}</td>
            <td>{row.declared}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A caller's own figures, and for those who run a center, each member's. */
export function CallsPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  mine: readonly CallerRow[];
  center: readonly CallerRow[] | null;
  leaderboard: { rows: readonly CallerRow[]; onIt: boolean };
}) {
  const { m } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.calls.title}>
      <p class="hint">{m.calls.private}</p>
      <h2>{m.calls.mine}</h2>
      <FiguresTable m={m} rows={props.mine} label={m.calls.campaign} id="my-calls" />
      <h2>{m.calls.leaderboard}</h2>
      <p class="hint">{m.calls.leaderboardHint}</p>
      {props.leaderboard.rows.length === 0 ? (
        <p>{m.calls.leaderboardEmpty}</p>
      ) : (
        <FiguresTable m={m} rows={props.leaderboard.rows} label={m.calls.member} id="leaderboard" />
      )}
      <form method="post" action="/console/calls/leaderboard" class="row" id="leaderboard-form">
        <CsrfField session={props.shell.session} />
        <label>
          <input type="checkbox" name="on" value="yes" checked={props.leaderboard.onIt} />
          {m.calls.join}
        </label>
        <button type="submit" class="secondary">
          {m.calls.saveChoice}
        </button>
      </form>
      {props.center && (
        <>
          <h2>{m.calls.center}</h2>
          <FiguresTable m={m} rows={props.center} label={m.calls.member} id="center-calls" />
        </>
      )}
    </ConsoleLayout>
  );
}
