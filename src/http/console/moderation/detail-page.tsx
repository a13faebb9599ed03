import type { Context } from 'hono';
import { formatRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import { defaultTitle } from '../../../i18n/declaration-title.ts';
import { zoneName, zonedDay, zonedStamp } from '../../../i18n/zoned-time.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { consoleError, consolePage, consoleProps } from '../console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';
import { moderationMessages } from './messages.ts';
import { FeedbackField, ShownTitle, Signals } from './views/parts.tsx';

export type DetailPage = (
  c: Context<SignedInEnv>,
  options?: { number?: string; error?: string; contact?: string | null; status?: 200 | 422 },
) => Promise<Response>;

/** One declaration with everything an editor may do with it; shown again, with the error, when an action fails. */
export function detailPageOf(moderation: ModerationService, timeZone: string): DetailPage {
  return async function detailPage(c, options = {}) {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const session = c.get('staffSession');
    const found = await moderation.item(session.actor, options.number ?? c.req.param('number') ?? '');
    if (!found.ok) return consoleError(c, found.error === 'auth.forbidden' ? 403 : 404, found.error);
    const item = found.value;
    const reasons = await moderation.reasons();
    const mayDecide = can(session.actor, Permission.ModerationDecide);
    const base = `/console/moderation/${item.registrationNumber}`;
    const suspected = await moderation.suspectedOriginals(session.actor, item.registrationNumber);
    const markable = (item.status === 'pending' || item.status === 'published') && item.duplicateOf === null;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={`${m.detailTitle} ${formatRegistrationNumber(item.registrationNumber)}`}>
        {c.req.query('saved') && <p class="notice">{m.saved}</p>}
        <ErrorNote message={options.error} />
        <dl class="facts">
          <dt>{m.filter.status}</dt>
          <dd id="status">{m.statuses[item.status]}</dd>
          <dt>{m.columns.names}</dt>
          <dd>
            {item.names.join('、')} ({props.t.declaration.people(item.headcount)})
          </dd>
          <dt>{m.columns.orgs}</dt>
          <dd>{item.orgs.map((org) => props.t.form.orgs[org]).join(props.t.form.orgsJoiner)}</dd>
          <dt>{m.columns.title}</dt>
          <dd id="title">
            <ShownTitle item={item} locale={c.get('locale')} />
          </dd>
          <dt>{m.columns.region}</dt>
          <dd>{item.region ?? '—'}</dd>
          <dt>{m.behalf}</dt>
          <dd>{props.t.declaration.behalf[item.behalf]}</dd>
          <dt>{m.columns.signals}</dt>
          <dd>
            <Signals item={item} m={m} />
          </dd>
          {item.duplicateOf && (
            <>
              <dt>{m.duplicateOf}</dt>
              <dd>
                <a href={`/console/moderation/${item.duplicateOf}`}>{formatRegistrationNumber(item.duplicateOf)}</a>
              </dd>
            </>
          )}
          {item.featuredOn && (
            <>
              <dt>{m.featuredOn}</dt>
              <dd>{zonedDay(item.featuredOn, props.t, timeZone)}</dd>
            </>
          )}
        </dl>
        {item.statement && (
          <>
            <h2>{m.statement}</h2>
            <div class="statement" id="statement">
              {item.statement}
            </div>
          </>
        )}
        {suspected.ok && suspected.value.total > 0 && (
          <section id="suspected-originals">
            <h2>{m.suspectedTitle}</h2>
            <p class="hint">{m.suspectedHint}</p>
            <table>
              <thead>
                <tr>
                  <th>{m.columns.number}</th>
                  <th>{m.columns.names}</th>
                  <th>{m.columns.region}</th>
                  <th>{m.filter.status}</th>
                  <th>{props.t.zone.labelled(m.columns.created, zoneName(props.t, timeZone))}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {suspected.value.items.map((original) => (
                  <tr data-original={original.registrationNumber}>
                    <td>
                      <a href={`/console/moderation/${original.registrationNumber}`}>
                        {formatRegistrationNumber(original.registrationNumber)}
                      </a>
                    </td>
                    <td>{original.names.join('、')}</td>
                    <td>{original.region ?? ''}</td>
                    <td>
                      {original.isDuplicate ? `${m.statuses[original.status]} · ${m.suspectedIsDuplicate}` : m.statuses[original.status]}
                    </td>
                    <td>{zonedStamp(original.createdAt, timeZone, 'minute')}</td>
                    <td>
                      {mayDecide && markable && !original.isDuplicate && (
                        <form method="post" action={`${base}/duplicate`} class="inline">
                          <CsrfField session={session} />
                          <input type="hidden" name="original" value={original.registrationNumber} />
                          <button type="submit" class="chip">
                            {m.markDuplicateOfThis}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {suspected.value.total > suspected.value.items.length && (
              <p class="hint">{m.suspectedMore(suspected.value.total - suspected.value.items.length)}</p>
            )}
          </section>
        )}
        {mayDecide && item.status === 'pending' && (
          <form method="post" action="/console/moderation" class="row">
            <CsrfField session={session} />
            <input type="hidden" name="numbers" value={item.registrationNumber} />
            <input type="hidden" name="returnTo" value="detail" />
            <FeedbackField m={m} />
            <button type="submit" name="decision" value="approve" accesskey="a">
              {m.approve}
            </button>
            <select name="reasonId" aria-label={m.reason}>
              {reasons.map((reason) => (
                <option value={reason.id}>{reason.labels[c.get('locale')]}</option>
              ))}
            </select>
            <button type="submit" name="decision" value="reject" class="secondary" accesskey="r">
              {m.reject}
            </button>
          </form>
        )}
        {mayDecide && (
          <>
            <h2>{m.redactTitle}</h2>
            <p class="hint">{m.redactHint}</p>
            <form method="post" action={`${base}/redact`}>
              <CsrfField session={session} />
              <div class="field">
                <label for="redact-names">{m.columns.names}</label>
                <p class="hint" id="redact-names-hint">
                  {m.redactNamesHint}
                </p>
                <input id="redact-names" name="names" value={item.names.join('、')} aria-describedby="redact-names-hint" />
              </div>
              <div class="field">
                <label for="redact-region">{m.columns.region}</label>
                <input id="redact-region" name="region" value={item.region ?? ''} maxlength={50} />
              </div>
              <div class="field">
                <label for="redact-title">{m.columns.title}</label>
                <input
                  id="redact-title"
                  name="title"
                  value={item.title ?? ''}
                  placeholder={defaultTitle(item.orgs, c.get('locale'))}
                  maxlength={100}
                />
              </div>
              <div class="field">
                <label for="redact-statement">{m.statement}</label>
                <textarea id="redact-statement" name="statement" rows={5} maxlength={5000}>
                  {item.statement ?? ''}
                </textarea>
              </div>
              <button type="submit" class="secondary">
                {m.redact}
              </button>
            </form>
            {markable && (
              <>
                <h2>{m.duplicateTitle}</h2>
                {item.status === 'published' && <p class="hint">{m.duplicatePublishedHint}</p>}
                <form method="post" action={`${base}/duplicate`} class="row">
                  <CsrfField session={session} />
                  <label>
                    {m.originalNumber} <input name="original" inputmode="numeric" maxlength={24} required />
                  </label>
                  <button type="submit" class="secondary">
                    {m.markDuplicate}
                  </button>
                </form>
              </>
            )}
            {item.status === 'published' && (
              <>
                <h2>{m.featureTitle}</h2>
                <form method="post" action={`${base}/feature`} class="row">
                  <CsrfField session={session} />
                  <label>
                    {props.t.zone.labelled(m.day, zoneName(props.t, timeZone))}{' '}
                    <input name="day" type="date" value={item.featuredOn ?? moderation.today()} />
                  </label>
                  <button type="submit" name="featured" value="yes" class="secondary">
                    {m.feature}
                  </button>
                  {item.featuredOn && (
                    <button type="submit" name="featured" value="no" class="secondary">
                      {m.unfeature}
                    </button>
                  )}
                </form>
              </>
            )}
            {item.status === 'published' && (
              <>
                <h2>{m.unpublishTitle}</h2>
                <p class="hint">{m.unpublishHint}</p>
                <form method="post" action={`${base}/unpublish`} class="row">
                  <CsrfField session={session} />
                  <label>
                    {m.reason}
                    <select name="reasonId">
                      {reasons.map((reason) => (
                        <option value={reason.id}>{reason.labels[c.get('locale')]}</option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" class="secondary">
                    {m.unpublish}
                  </button>
                </form>
              </>
            )}
          </>
        )}
        {can(session.actor, Permission.ContactReveal) && (
          <>
            <h2>{m.contactTitle}</h2>
            {options.contact !== undefined && (
              <p class="secret" id="contact">
                {options.contact === null ? m.contactNone : `${m.contactIs} ${options.contact}`}
              </p>
            )}
            <p class="hint">{m.contactHint}</p>
            <form method="post" action={`${base}/contact`} class="row">
              <CsrfField session={session} />
              <label>
                {m.contactReason} <input name="reason" required maxlength={500} />
              </label>
              <button type="submit" class="secondary">
                {m.reveal}
              </button>
            </form>
          </>
        )}
      </ConsoleLayout>,
      options.status ?? 200,
    );
  };
}
