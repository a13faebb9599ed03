import { errorMessage, isLocale } from '../../../i18n/index.ts';
import { zoneName, zonedStamp } from '../../../i18n/zoned-time.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { SupportService } from '../../../services/support-service.ts';
import { parseId } from '../../ids.ts';
import { decideTicked } from '../ticked-decision.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { supportConsoleMessages } from './messages.ts';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';

/** The moderation of messages of support: pending ones, newest first, decided in bulk. */
export function supportConsoleRoutes(router: ConsoleRouter, support: SupportService, timeZone: string): void {
  consoleRoute(router, 'GET', '/console/support', async (c) => {
    const props = consoleProps(c);
    const m = supportConsoleMessages(c.get('locale'));
    const session = c.get('staffSession');
    const rawBefore = c.req.query('before');
    const before = rawBefore === undefined ? undefined : (parseId(rawBefore) ?? 0);
    const queue = await support.queue(session.actor, before === undefined ? {} : { before });
    if (!queue.ok) {
      if (queue.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      return consolePage(
        c,
        <ConsoleLayout {...props} title={m.title}>
          <ErrorNote message={errorMessage(c.get('locale'), queue.error)} />
        </ConsoleLayout>,
        422,
      );
    }
    const mayDecide = can(session.actor, Permission.ModerationDecide);
    const doneQuery = c.req.query('done');
    const done = Number(doneQuery);
    const skipped = Number(c.req.query('skipped'));
    const error = c.req.query('error');
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        <p>{m.intro}</p>
        {doneQuery !== undefined && Number.isInteger(done) && (
          <p class="notice">{m.outcome(done, Number.isInteger(skipped) ? skipped : 0)}</p>
        )}
        <ErrorNote message={error === 'none' ? m.noneSelected : error ? errorMessage(c.get('locale'), error) : undefined} />
        {queue.value.items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <form method="post" action="/console/support">
            <CsrfField session={session} />
            <table>
              <thead>
                <tr>
                  <th>{m.columns.select}</th>
                  <th>{m.columns.message}</th>
                  <th>{m.columns.name}</th>
                  <th>{m.columns.region}</th>
                  <th>{m.columns.language}</th>
                  <th>{props.t.zone.labelled(m.columns.created, zoneName(props.t, timeZone))}</th>
                </tr>
              </thead>
              <tbody>
                {queue.value.items.map((item) => (
                  <tr data-id={String(item.id)}>
                    <td>{mayDecide && <input type="checkbox" name="ids" value={String(item.id)} aria-label={`#${item.id}`} />}</td>
                    <td>
                      {item.message.split('\n').map((line, index) => (
                        <>
                          {index > 0 && <br />}
                          {line}
                        </>
                      ))}
                    </td>
                    <td>{item.name ?? m.anonymous}</td>
                    <td>{item.region ?? ''}</td>
                    <td>{isLocale(item.locale) ? m.languages[item.locale] : item.locale}</td>
                    <td>{zonedStamp(item.createdAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mayDecide && (
              <>
                <p class="hint">{m.keyboardHint}</p>
                <p class="row">
                  <button type="submit" name="decision" value="approve" accesskey="a">
                    {m.approveSelected}
                  </button>
                  <button type="submit" name="decision" value="reject" class="secondary" accesskey="r">
                    {m.rejectSelected}
                  </button>
                </p>
              </>
            )}
          </form>
        )}
        {queue.value.nextBefore !== null && (
          <p>
            <a href={`/console/support?before=${queue.value.nextBefore}`}>{m.next}</a>
          </p>
        )}
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/support', (c) =>
    decideTicked(c, '/console/support', ['approve', 'reject'] as const, (actor, ids, decision) => support.decide(actor, ids, decision)),
  );
}
