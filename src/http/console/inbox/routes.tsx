import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ITEM_STATUSES, type ItemStatus } from '../../../domain/inbox/item-status.ts';
import { Permission, can, type Actor } from '../../../domain/staff/permissions.ts';
import { errorMessage, type ErrorCode } from '../../../i18n/index.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import type { InboxService } from '../../../services/inbox/inbox-service.ts';
import type { InboxView } from '../../../services/inbox/queries.ts';
import type { Result } from '../../../services/result.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single, type FormFields } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { inboxMessages, type InboxMessages } from './messages.ts';
import { CallPage, type CallValues } from './views/call-page.tsx';
import { ItemPage } from './views/item-page.tsx';
import { ListPage, type ListState } from './views/list-page.tsx';

export interface InboxRouteDeps {
  inbox: InboxService;
  centers: Pick<CentersService, 'choices'>;
  timeZone: string;
}

type Done = keyof InboxMessages['done'];
const DONE: readonly Done[] = ['taken', 'assigned', 'snoozed', 'woken', 'discarded', 'replied', 'logged'];

/** What the actor asked for is not theirs, or not there: the console's own pages for those. */
function refusal(c: Context<SignedInEnv>, error: ErrorCode): Response | null {
  if (error === 'auth.forbidden') return consoleError(c, 403, error);
  if (error === 'request.notFound') return consoleError(c, 404, error);
  return null;
}

function listState(c: Context<SignedInEnv>): ListState {
  const view = c.req.query('view');
  const status = c.req.query('status');
  return {
    view: view === 'mine' || view === 'unassigned' ? view : ('all' satisfies InboxView),
    status: (ITEM_STATUSES as readonly string[]).includes(status ?? '') ? (status as ItemStatus) : 'open',
    centerId: parseId(c.req.query('center')),
    query: (c.req.query('q') ?? '').slice(0, 320),
  };
}

/**
 * The console's inbox (docs/inbox.md): the list and search, an item's page and its attachments,
 * the moves (take, assign, snooze, wake, discard), replies, and logging a call. Convert is a link
 * to batch entry, which converts the item when its batch commits.
 */
export function inboxRoutes(router: ConsoleRouter, { inbox, centers, timeZone }: InboxRouteDeps): void {
  const m = (c: Context<SignedInEnv>) => inboxMessages(c.get('locale'));
  const mayChooseCenter = (c: Context<SignedInEnv>) => can(c.get('staffSession').actor, Permission.InboxManageAll);

  async function itemPage(c: Context<SignedInEnv>, id: number, error?: ErrorCode, status: ContentfulStatusCode = 200) {
    const item = await inbox.view(c.get('staffSession').actor, id);
    if (!item.ok) return refusal(c, item.error) ?? consoleError(c, 422, item.error);
    const done = DONE.find((key) => key === c.req.query('done'));
    return consolePage(
      c,
      <ItemPage
        shell={consoleProps(c)}
        m={m(c)}
        timeZone={timeZone}
        item={item.value}
        notice={done && m(c).done[done]}
        error={error && errorMessage(c.get('locale'), error)}
      />,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/inbox', async (c) => {
    const actor = c.get('staffSession').actor;
    const state = listState(c);
    const centerId = mayChooseCenter(c) ? state.centerId : null;
    let error: string | undefined;
    let items: Awaited<ReturnType<InboxService['search']>> | Awaited<ReturnType<InboxService['list']>>;
    let nextBeforeId: number | null = null;
    if (state.query.trim() !== '') {
      items = await inbox.search(actor, state.query, centerId);
    } else {
      items = await inbox.list(actor, { view: state.view, status: state.status, centerId, beforeId: parseId(c.req.query('before')) });
      if (items.ok) nextBeforeId = items.value.nextBeforeId;
    }
    if (!items.ok) {
      const refused = refusal(c, items.error);
      if (refused) return refused;
      error = errorMessage(c.get('locale'), items.error);
    }
    const shown = !items.ok ? [] : Array.isArray(items.value) ? items.value : items.value.items;
    const done = DONE.find((key) => key === c.req.query('done'));
    return consolePage(
      c,
      <ListPage
        shell={consoleProps(c)}
        m={m(c)}
        timeZone={timeZone}
        state={{ ...state, centerId }}
        items={shown}
        nextBeforeId={nextBeforeId}
        centers={mayChooseCenter(c) ? await centers.choices() : null}
        notice={done && m(c).done[done]}
        error={error}
      />,
      error ? 422 : 200,
    );
  });

  const callPage = async (c: Context<SignedInEnv>, values: CallValues, error?: ErrorCode, status: ContentfulStatusCode = 200) =>
    consolePage(
      c,
      <CallPage
        shell={consoleProps(c)}
        m={m(c)}
        values={values}
        centers={mayChooseCenter(c) ? await centers.choices() : null}
        error={error && errorMessage(c.get('locale'), error)}
      />,
      status,
    );

  consoleRoute(router, 'GET', '/console/inbox/calls', (c) => callPage(c, { centerId: null, phone: '', note: '', outcome: '' }));

  consoleRoute(router, 'POST', '/console/inbox/calls', async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.invalid');
    const values: CallValues = {
      centerId: parseId(single(fields.centerId)),
      phone: single(fields.phone).slice(0, 40),
      note: single(fields.note),
      outcome: single(fields.outcome),
    };
    const logged = await inbox.logCall(c.get('staffSession').actor, values);
    if (logged.ok) return c.redirect(`/console/inbox/item/${logged.value.id}?done=logged`, 303);
    return refusal(c, logged.error) ?? callPage(c, { ...values, note: values.note.slice(0, 5_000) }, logged.error, 422);
  });

  consoleRoute(router, 'GET', '/console/inbox/item/:id', (c) => {
    const id = parseId(c.req.param('id'));
    return id === null ? consoleError(c, 404, 'request.notFound') : itemPage(c, id);
  });

  consoleRoute(router, 'GET', '/console/inbox/item/:id/attachment/:n', async (c) => {
    const id = parseId(c.req.param('id'));
    const position = parseId(c.req.param('n'));
    if (id === null || position === null) return consoleError(c, 404, 'request.notFound');
    const found = await inbox.attachment(c.get('staffSession').actor, id, position);
    if (!found.ok) return refusal(c, found.error) ?? consoleError(c, 404, 'request.notFound');
    return new Response(new Uint8Array(found.value.bytes), {
      headers: {
        // The type found from the bytes when it arrived; never sniffed, never run: a sandbox with nothing allowed.
        'Content-Type': found.value.mediaType,
        'Content-Length': String(found.value.bytes.byteLength),
        'Content-Disposition': `inline; filename="attachment-${position}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'self'",
        // Its own item page frames a PDF; nobody else may.
        'X-Frame-Options': 'SAMEORIGIN',
        'Cache-Control': 'private, no-store',
      },
    });
  });

  /** A move's form: on success back to the item with a notice; a lost race or bad input re-renders it with the reason. */
  function moveRoute(name: string, done: Done, run: (actor: Actor, id: number, fields: FormFields) => Promise<Result<unknown>>) {
    consoleRoute(router, 'POST', `/console/inbox/item/:id/${name}`, async (c) => {
      const id = parseId(c.req.param('id'));
      if (id === null) return consoleError(c, 404, 'request.notFound');
      const fields = await readFormBody(c);
      if (!fields) return consoleError(c, 400, 'request.invalid');
      const result = await run(c.get('staffSession').actor, id, fields);
      if (result.ok) return c.redirect(`/console/inbox/item/${id}?done=${done}`, 303);
      return refusal(c, result.error) ?? itemPage(c, id, result.error, result.error === 'inbox.error.moved' ? 409 : 422);
    });
  }

  moveRoute('take', 'taken', (actor, id) => inbox.take(actor, id));
  moveRoute('assign', 'assigned', (actor, id, fields) => inbox.assign(actor, id, parseId(single(fields.member))));
  moveRoute('snooze', 'snoozed', (actor, id, fields) => inbox.snooze(actor, id, single(fields.until)));
  moveRoute('wake', 'woken', (actor, id) => inbox.wake(actor, id));
  moveRoute('discard', 'discarded', (actor, id, fields) => inbox.discard(actor, id, single(fields.reason)));
  moveRoute('reply', 'replied', (actor, id, fields) => inbox.reply(actor, id, single(fields.body)));
}
