import { ITEM_STATUSES, type ItemStatus } from '../../../../domain/inbox/item-status.ts';
import { zonedStamp } from '../../../../i18n/zoned-time.ts';
import type { CenterChoice } from '../../../../services/centers-service.ts';
import type { InboxView, ItemSummary } from '../../../../services/inbox/queries.ts';
import { ConsoleLayout, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import { CenterSelect } from '../../views/center-select.tsx';
import type { InboxMessages } from '../messages.ts';

export interface ListState {
  view: InboxView;
  status: ItemStatus | 'open';
  centerId: number | null;
  query: string;
}

const VIEWS: readonly InboxView[] = ['mine', 'unassigned', 'all'];

/** One item as a line of the list: a card that reads on a phone, its link the whole heading. */
function ItemLine({ item, m, timeZone }: { item: ItemSummary; m: InboxMessages; timeZone: string }) {
  return (
    <li data-item-id={String(item.id)} data-status={item.status}>
      <a href={`/console/inbox/item/${item.id}`}>
        <strong>
          #{item.id} · {m.channel[item.channel]} · {m.status[item.status]}
        </strong>
      </a>
      <br />
      <small>
        {zonedStamp(item.receivedAt, timeZone)}
        {item.maskedSender !== null && ` · ${item.maskedSender}`}
        {item.assigneeId === null && ` · ${m.nobody}`}
      </small>
      {item.subject !== null && (
        <>
          <br />
          <strong>{item.subject}</strong>
        </>
      )}
      {item.excerpt !== '' && (
        <>
          <br />
          {item.excerpt}
        </>
      )}
    </li>
  );
}

/** The inbox: mine / unassigned / all by status, a search, and the items newest first. */
export function ListPage(props: {
  shell: ConsoleShellProps;
  m: InboxMessages;
  timeZone: string;
  state: ListState;
  items: readonly ItemSummary[];
  nextBeforeId: number | null;
  /** Global admins choose a center; others see their own. */
  centers: readonly CenterChoice[] | null;
  notice: string | undefined;
  error: string | undefined;
}) {
  const { m, state } = props;
  const searching = state.query !== '';
  const moreLink = () => {
    const params = new URLSearchParams({ view: state.view, status: state.status, before: String(props.nextBeforeId) });
    if (state.centerId !== null) params.set('center', String(state.centerId));
    return `/console/inbox?${params.toString()}`;
  };
  return (
    <ConsoleLayout {...props.shell} title={m.title}>
      {props.notice && (
        <p class="notice" role="status" id="notice">
          {props.notice}
        </p>
      )}
      <ErrorNote message={props.error} />
      <p>
        <a href="/console/inbox/calls">{m.logCall}</a>
      </p>
      <form method="get" action="/console/inbox" class="row" id="filters">
        <label>
          {m.show}{' '}
          <select name="view">
            {VIEWS.map((view) => (
              <option value={view} selected={view === state.view}>
                {m.views[view]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.statusFilter}{' '}
          <select name="status">
            <option value="open" selected={state.status === 'open'}>
              {m.open}
            </option>
            {ITEM_STATUSES.map((status) => (
              <option value={status} selected={status === state.status}>
                {m.status[status]}
              </option>
            ))}
          </select>
        </label>
        {props.centers && (
          <CenterSelect centers={props.centers} selected={state.centerId} label={m.center} none={m.allCenters} name="center" />
        )}
        <button type="submit">{m.show}</button>
      </form>
      <form method="get" action="/console/inbox" class="row" id="search">
        <label>
          {m.searchLabel}
          {/* type="text" for the console's full-width field; the keyboard still offers "search". */}
          <input type="text" enterkeyhint="search" name="q" value={state.query} maxlength={320} />
        </label>
        {props.centers && state.centerId !== null && <input type="hidden" name="center" value={String(state.centerId)} />}
        <button type="submit">{m.search}</button>
      </form>
      <p>
        <small>{m.searchHint}</small>
      </p>
      {searching && <h2>{m.searchResults(state.query)}</h2>}
      {props.items.length === 0 ? (
        <p id="empty">{m.empty}</p>
      ) : (
        <ul class="items" id="items">
          {props.items.map((item) => (
            <ItemLine item={item} m={m} timeZone={props.timeZone} />
          ))}
        </ul>
      )}
      {props.nextBeforeId !== null && !searching && (
        <p>
          <a href={moreLink()}>{m.more}</a>
        </p>
      )}
    </ConsoleLayout>
  );
}
