import { zonedStamp } from '../../../../i18n/zoned-time.ts';
import type { CallbackItem } from '../../../../services/outreach/callbacks-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';

function CallbackTable(props: { shell: ConsoleShellProps; m: OutreachMessages; items: readonly CallbackItem[]; id: string }) {
  const { m } = props;
  if (props.items.length === 0) return <p>{m.callbacks.empty}</p>;
  return (
    <table id={props.id}>
      <thead>
        <tr>
          <th>{m.callbacks.when}</th>
          <th>{m.callbacks.campaign}</th>
          <th>{m.campaign.contact.phone}</th>
          <th>{m.campaign.contact.name}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr data-contact-id={item.contact.id} data-state={item.state}>
            <td>
              {zonedStamp(item.dueAt, item.contact.timeZone)}{' '}
              <strong class={item.state === 'overdue' ? 'error' : undefined}>{m.callbacks.state[item.state]}</strong>
            </td>
            <td>{item.campaignName}</td>
            <td>{item.contact.maskedPhone}</td>
            <td>{item.contact.name}</td>
            <td>
              <form method="post" action={`/console/callbacks/${item.contact.id}/take`}>
                <CsrfField session={props.shell.session} />
                <button type="submit">{m.callbacks.take}</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The calls to return: the caller's own first, then those anyone at the center may take. */
export function CallbacksPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  items: readonly CallbackItem[];
  error: string | undefined;
}) {
  const { m, shell } = props;
  return (
    <ConsoleLayout {...shell} title={m.callbacks.title}>
      {props.error && (
        <p class="error" role="alert" id="error">
          {props.error}
        </p>
      )}
      <h2>{m.callbacks.mine}</h2>
      <CallbackTable shell={shell} m={m} items={props.items.filter((item) => item.mine)} id="mine" />
      <h2>{m.callbacks.center}</h2>
      <CallbackTable shell={shell} m={m} items={props.items.filter((item) => !item.mine)} id="center" />
    </ConsoleLayout>
  );
}
