import { formatRegistrationNumber, normalizeRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { errorMessage } from '../../../i18n/index.ts';
import { zoneName, zonedStamp } from '../../../i18n/zoned-time.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import { list, readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { CenterSelect } from '../views/center-select.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';
import { moderationMessages } from './messages.ts';
import { FeedbackField, ShownTitle, Signals } from './views/parts.tsx';
import type { DetailPage } from './detail-page.tsx';

const FILTER_KEYS = ['status', 'channel', 'centerId', 'from', 'to'] as const;
const STATUSES = ['pending', 'published', 'rejected', 'retracted'] as const;

/** The queue's filters as a query string, so a decision returns to the same view. */
function filterQuery(source: (key: string) => string | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = source(key)?.slice(0, 40);
    if (value) query.set(key, value);
  }
  return query;
}

/** The queue: its filters and pages, and decisions on the declarations ticked in it. */
export function queueRoutes(
  router: ConsoleRouter,
  moderation: ModerationService,
  centers: Pick<CentersService, 'choices'>,
  timeZone: string,
  detailPage: DetailPage,
) {
  consoleRoute(router, 'GET', '/console/moderation', async (c) => {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const session = c.get('staffSession');
    const filters = filterQuery((key) => c.req.query(key));
    const page = await moderation.queue(session.actor, { ...Object.fromEntries(filters), beforeId: c.req.query('beforeId') });
    if (!page.ok)
      return consolePage(
        c,
        <ConsoleLayout {...props} title={m.queueTitle}>
          <ErrorNote message={errorMessage(c.get('locale'), page.error)} />
        </ConsoleLayout>,
        422,
      );
    const reasons = await moderation.reasons();
    const centerChoices = await centers.choices();
    const done = Number(c.req.query('done'));
    const skipped = Number(c.req.query('skipped'));
    const mayDecide = can(session.actor, Permission.ModerationDecide);
    const status = filters.get('status') ?? 'pending';
    const next = new URLSearchParams(filters);
    if (page.value.nextBeforeId !== null) next.set('beforeId', String(page.value.nextBeforeId));
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.queueTitle}>
        {Number.isInteger(done) && c.req.query('done') !== undefined && (
          <p class="notice">{m.outcome(done, Number.isInteger(skipped) ? skipped : 0)}</p>
        )}
        <ErrorNote message={c.req.query('error') ? errorMessage(c.get('locale'), c.req.query('error')!) : undefined} />
        <form method="get" action="/console/moderation" class="row">
          <label>
            {m.filter.status}
            <select name="status">
              {STATUSES.map((value) => (
                <option value={value} selected={value === status}>
                  {m.statuses[value]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {m.filter.channel}
            <select name="channel">
              <option value="">{m.filter.any}</option>
              {Object.entries(m.channels).map(([value, label]) => (
                <option value={value} selected={value === filters.get('channel')}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: CenterSelect renders the <select> this label wraps. */}
          <label>
            {m.filter.center}{' '}
            <CenterSelect
              centers={centerChoices}
              selected={filters.has('centerId') ? Number(filters.get('centerId')) : null}
              label={m.filter.center}
              none={m.filter.any}
            />
          </label>
          <label>
            {m.filter.from} <input name="from" type="date" value={filters.get('from') ?? ''} />
          </label>
          <label>
            {m.filter.to} <input name="to" type="date" value={filters.get('to') ?? ''} />
          </label>
          <button type="submit" class="secondary">
            {m.filter.apply}
          </button>
        </form>
        {page.value.items.length === 0 ? (
          <p>{m.empty}</p>
        ) : (
          <form method="post" action={`/console/moderation?${filters.toString()}`}>
            <CsrfField session={session} />
            {page.value.items.map((item) => (
              <input type="hidden" name="pageNumbers" value={item.registrationNumber} />
            ))}
            <table class="queue">
              <thead>
                <tr>
                  <th>{m.columns.select}</th>
                  <th>{m.columns.number}</th>
                  <th>{m.columns.names}</th>
                  <th>{m.columns.orgs}</th>
                  <th>{m.columns.title}</th>
                  <th>{m.columns.region}</th>
                  <th>{m.behalf}</th>
                  <th>{m.columns.signals}</th>
                  <th>{props.t.zone.labelled(m.columns.created, zoneName(props.t, timeZone))}</th>
                </tr>
              </thead>
              <tbody>
                {page.value.items.map((item) => (
                  <tr data-number={item.registrationNumber}>
                    <td class="sel">
                      {mayDecide && status === 'pending' && (
                        <input type="checkbox" name="numbers" value={item.registrationNumber} aria-label={item.registrationNumber} />
                      )}
                    </td>
                    <td class="num">
                      <a href={`/console/moderation/${item.registrationNumber}`}>{formatRegistrationNumber(item.registrationNumber)}</a>
                    </td>
                    <td class="names">
                      {item.names.join('、')}
                      {item.headcount > item.names.length && ` (${item.headcount})`}
                    </td>
                    <td class="orgs">{item.orgs.map((org) => props.t.form.orgs[org]).join(props.t.form.orgsJoiner)}</td>
                    <td class="title">
                      <ShownTitle item={item} locale={c.get('locale')} />
                      {item.statement && (
                        <div class="hint">{item.statement.length > 200 ? `${item.statement.slice(0, 200)}…` : item.statement}</div>
                      )}
                    </td>
                    <td class="region">{item.region ?? ''}</td>
                    <td class="behalf" data-behalf={item.behalf}>
                      {props.t.declaration.behalf[item.behalf]}
                    </td>
                    <td class="signals">
                      <Signals item={item} m={m} />
                    </td>
                    <td class="time">{zonedStamp(item.createdAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {mayDecide && status === 'pending' && (
              <>
                <p class="hint">{m.keyboardHint}</p>
                <FeedbackField m={m} />
                <p class="row">
                  <button type="submit" name="decision" value="approve" accesskey="a">
                    {m.approveSelected}
                  </button>
                  <button type="submit" name="decision" value="approve-page" class="secondary">
                    {m.approvePage}
                  </button>
                  <label>
                    {m.reason}
                    <select name="reasonId">
                      {reasons.map((reason) => (
                        <option value={reason.id}>{reason.labels[c.get('locale')]}</option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" name="decision" value="reject" class="secondary" accesskey="r">
                    {m.rejectSelected}
                  </button>
                </p>
              </>
            )}
          </form>
        )}
        {page.value.nextBeforeId !== null && (
          <p>
            <a href={`/console/moderation?${next.toString()}`}>{m.next}</a>
          </p>
        )}
      </ConsoleLayout>,
    );
  });

  consoleRoute(router, 'POST', '/console/moderation', async (c) => {
    const actor = c.get('staffSession').actor;
    const fields = (await readFormBody(c)) ?? {};
    const back = filterQuery((key) => c.req.query(key));
    const decision = single(fields.decision);
    const numbers = decision === 'approve-page' ? list(fields.pageNumbers) : list(fields.numbers);
    const feedback = single(fields.feedback);
    const result =
      decision === 'reject'
        ? await moderation.reject(actor, numbers, parseId(single(fields.reasonId)) ?? 0, feedback)
        : decision === 'approve' || decision === 'approve-page'
          ? await moderation.approve(actor, numbers, feedback)
          : ({ ok: false, error: 'request.invalid' } as const);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      back.set('error', result.error);
    } else {
      back.set('done', String(result.value.done.length));
      back.set('skipped', String(result.value.skipped.length));
    }
    const returnTo = single(fields.returnTo);
    const detail = numbers.length === 1 ? normalizeRegistrationNumber(numbers[0]!) : null;
    if (returnTo === 'detail' && detail) {
      if (!result.ok) return detailPage(c, { number: detail, error: errorMessage(c.get('locale'), result.error), status: 422 });
      return c.redirect(`/console/moderation/${detail}?saved=1`, 303);
    }
    return c.redirect(`/console/moderation?${back.toString()}`, 303);
  });
}
