import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import { errorMessage, isLocale } from '../../../i18n/index.ts';
import { zoneName, zonedStamp } from '../../../i18n/zoned-time.ts';
import type { CertificateService } from '../../../services/certificates/certificate-service.ts';
import { parseId } from '../../ids.ts';
import { decideTicked } from '../ticked-decision.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';
import { certificatesConsoleMessages } from './messages.ts';

/** Certificate requests (docs/certificates.md): the oldest first, issued or refused in bulk. */
export function certificatesConsoleRoutes(router: ConsoleRouter, certificates: CertificateService, timeZone: string): void {
  consoleRoute(router, 'GET', '/console/certificates', async (c) => {
    const props = consoleProps(c);
    const locale = c.get('locale');
    const m = certificatesConsoleMessages(locale);
    const session = c.get('staffSession');
    const rawAfter = c.req.query('after');
    const queue = await certificates.queue(session.actor, rawAfter === undefined ? undefined : (parseId(rawAfter) ?? 0));
    if (!queue.ok) return consoleError(c, 403, 'auth.forbidden');
    const mayDecide = can(session.actor, Permission.CertificatesIssue);
    const done = c.req.query('done');
    const skipped = Number(c.req.query('skipped'));
    const error = c.req.query('error');
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        <p>{m.intro}</p>
        {done !== undefined && Number.isInteger(Number(done)) && (
          <p class="notice">{m.outcome(Number(done), Number.isInteger(skipped) ? skipped : 0)}</p>
        )}
        <ErrorNote message={error === 'none' ? m.noneSelected : error ? errorMessage(locale, error) : undefined} />
        {queue.value.items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <form method="post" action="/console/certificates">
            <CsrfField session={session} />
            <table>
              <thead>
                <tr>
                  <th>{m.columns.select}</th>
                  <th>{m.columns.name}</th>
                  <th>{m.columns.declaration}</th>
                  <th>{m.columns.orgs}</th>
                  <th>{m.columns.disclosure}</th>
                  <th>{m.columns.language}</th>
                  <th>{props.t.zone.labelled(m.columns.requested, zoneName(props.t, timeZone))}</th>
                </tr>
              </thead>
              <tbody>
                {queue.value.items.map((item) => (
                  <tr data-id={String(item.id)}>
                    <td>{mayDecide && <input type="checkbox" name="ids" value={String(item.id)} aria-label={item.name} />}</td>
                    <td>{item.name}</td>
                    <td>
                      <a href={`/console/moderation/${item.registrationNumber}`}>{formatRegistrationNumber(item.registrationNumber)}</a>
                    </td>
                    <td>{item.orgs.map((org) => m.orgs[org]).join(' ')}</td>
                    <td>{m.disclosure[item.disclosure]}</td>
                    <td>{isLocale(item.locale) ? m.languages[item.locale] : item.locale}</td>
                    <td>{zonedStamp(item.requestedAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mayDecide && (
              <p class="row">
                <button type="submit" name="decision" value="issue">
                  {m.issueSelected}
                </button>
                <button type="submit" name="decision" value="refuse" class="secondary">
                  {m.refuseSelected}
                </button>
              </p>
            )}
          </form>
        )}
        {queue.value.nextAfter !== null && (
          <p>
            <a href={`/console/certificates?after=${queue.value.nextAfter}`}>{m.next}</a>
          </p>
        )}
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/certificates', (c) =>
    decideTicked(c, '/console/certificates', ['issue', 'refuse'] as const, (actor, ids, decision) =>
      certificates.decide(actor, ids, decision),
    ),
  );
}
