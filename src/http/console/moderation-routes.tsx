import type { Context } from 'hono';
import { formatRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import type { Organization } from '../../domain/declaration/organizations.ts';
import { defaultTitle } from '../../i18n/declaration-title.ts';
import { LOCALES, catalogFor, errorMessage, isLocale, type Locale } from '../../i18n/index.ts';
import { zoneName, zonedDay, zonedStamp } from '../../i18n/zoned-time.ts';
import { Permission, can } from '../../policies/permissions.ts';
import type { CentersService } from '../../services/centers-service.ts';
import type { ContactService } from '../../services/contact-service.ts';
import { FEEDBACK_MAX_LENGTH } from '../../services/moderation/decisions.ts';
import type { ModerationService } from '../../services/moderation/moderation-service.ts';
import type { QueueItem } from '../../services/moderation/queue.ts';
import { EXPORT_SCOPES, type ExportScope } from '../../services/moderation/selection.ts';
import { exportDate, toCsv, toHtml, toMarkdown } from '../../services/selection-export.tsx';
import type { SignedInEnv } from '../env.ts';
import { list, readFormBody, single } from '../form-body.ts';
import { parseId } from '../ids.ts';
import { normalizeRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { moderationMessages } from './moderation-messages.ts';
import { CenterSelect } from './views/center-select.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from './views/console-layout.tsx';

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

/** The declarant's title, or the default one, dimmed: a moderator sees that the declarant wrote none. */
function ShownTitle(props: { item: { title: string | null; orgs: readonly Organization[] }; locale: Locale }) {
  const { item, locale } = props;
  return item.title ?? <span class="hint">{defaultTitle(item.orgs, locale)}</span>;
}

export function moderationRoutes(
  router: ConsoleRouter,
  moderation: ModerationService,
  contacts: ContactService,
  centers: Pick<CentersService, 'choices'>,
  timeZone: string,
) {
  function Signals({ item, m }: { item: QueueItem; m: ReturnType<typeof moderationMessages> }) {
    const flags = [
      // The badge leads to the list of the declarations it counts, each with its "mark as duplicate" button.
      item.likelyDuplicates > 0 ? (
        <a href={`/console/moderation/${item.registrationNumber}#suspected-originals`}>{m.signals.duplicates(item.likelyDuplicates)}</a>
      ) : null,
      item.burstFlagged ? m.signals.burst(item.burst) : null,
    ].filter((flag) => flag !== null);
    return (
      <>
        {flags.length === 0 ? m.signals.none : flags.map((flag) => <strong class="error">⚠ {flag} </strong>)}
        <br />
        {m.admissions[item.admission]} · {m.channels[item.channel] ?? item.channel}
      </>
    );
  }

  /** Optional words to the declarant, sent with an approval or a rejection and read on their receipt. */
  function FeedbackField({ m }: { m: ReturnType<typeof moderationMessages> }) {
    return (
      <div class="field">
        <label for="feedback">{m.feedback}</label>
        <p class="hint" id="feedback-hint">
          {m.feedbackHint}
        </p>
        <textarea id="feedback" name="feedback" rows={2} maxlength={FEEDBACK_MAX_LENGTH} aria-describedby="feedback-hint" />
      </div>
    );
  }

  consoleRoute(router, 'GET', '/console/moderation', async (c) => {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const session = c.get('staffSession');
    const filters = filterQuery((key) => c.req.query(key));
    const page = await moderation.queue(session.actor, { ...Object.fromEntries(filters), beforeId: c.req.query('beforeId') });
    if (!page.ok) return consolePage(c, <ConsoleLayout {...props} title={m.queueTitle}><ErrorNote message={errorMessage(c.get('locale'), page.error)} /></ConsoleLayout>, 422);
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
        {Number.isInteger(done) && c.req.query('done') !== undefined && <p class="notice">{m.outcome(done, Number.isInteger(skipped) ? skipped : 0)}</p>}
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
            <table>
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
                    <td>
                      {mayDecide && status === 'pending' && (
                        <input type="checkbox" name="numbers" value={item.registrationNumber} aria-label={item.registrationNumber} />
                      )}
                    </td>
                    <td>
                      <a href={`/console/moderation/${item.registrationNumber}`}>{formatRegistrationNumber(item.registrationNumber)}</a>
                    </td>
                    <td>
                      {item.names.join('、')}
                      {item.headcount > item.names.length && ` (${item.headcount})`}
                    </td>
                    <td>{item.orgs.map((org) => props.t.form.orgs[org]).join(props.t.form.orgsJoiner)}</td>
                    <td>
                      <ShownTitle item={item} locale={c.get('locale')} />
                      {item.statement && <div class="hint">{item.statement.length > 200 ? `${item.statement.slice(0, 200)}…` : item.statement}</div>}
                    </td>
                    <td>{item.region ?? ''}</td>
                    <td data-behalf={item.behalf}>{props.t.declaration.behalf[item.behalf]}</td>
                    <td>
                      <Signals item={item} m={m} />
                    </td>
                    <td>{zonedStamp(item.createdAt, timeZone)}</td>
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

  async function detailPage(c: Context<SignedInEnv>, options: { number?: string; error?: string; contact?: string | null; status?: 200 | 422 } = {}) {
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
                      <a href={`/console/moderation/${original.registrationNumber}`}>{formatRegistrationNumber(original.registrationNumber)}</a>
                    </td>
                    <td>{original.names.join('、')}</td>
                    <td>{original.region ?? ''}</td>
                    <td>{original.isDuplicate ? `${m.statuses[original.status]} · ${m.suspectedIsDuplicate}` : m.statuses[original.status]}</td>
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
            {suspected.value.total > suspected.value.items.length && <p class="hint">{m.suspectedMore(suspected.value.total - suspected.value.items.length)}</p>}
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
                <input id="redact-title" name="title" value={item.title ?? ''} placeholder={defaultTitle(item.orgs, c.get('locale'))} maxlength={100} />
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
                    {props.t.zone.labelled(m.day, zoneName(props.t, timeZone))} <input name="day" type="date" value={item.featuredOn ?? moderation.today()} />
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
  }

  consoleRoute(router, 'GET', '/console/moderation/:number', (c) => detailPage(c));

  /** Runs one detail-page action: 303 back on success, the page with the error otherwise. */
  async function act(c: Context<SignedInEnv>, run: (fields: Record<string, string | string[]>, number: string) => Promise<{ ok: true } | { ok: false; error: Parameters<typeof errorMessage>[1] }>) {
    const number = c.req.param('number') ?? '';
    const fields = (await readFormBody(c)) ?? {};
    const result = await run(fields, number);
    if (result.ok) return c.redirect(`/console/moderation/${number}?saved=1`, 303);
    if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
    if (result.error === 'request.notFound') return consoleError(c, 404, 'request.notFound');
    return detailPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
  }

  consoleRoute(router, 'POST', '/console/moderation/:number/redact', (c) =>
    act(c, (fields, number) => {
      const statement = single(fields.statement);
      // A form from before names and region could be redacted leaves them as they are.
      const names = fields.names === undefined ? undefined : single(fields.names);
      const region = fields.region === undefined ? undefined : single(fields.region);
      return moderation.redact(c.get('staffSession').actor, number, {
        title: single(fields.title),
        statement: statement.trim() === '' ? null : statement,
        names,
        region: region === undefined || region.trim() !== '' ? region : null,
      });
    }),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/duplicate', (c) =>
    act(c, (fields, number) => moderation.markDuplicate(c.get('staffSession').actor, number, single(fields.original))),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/unpublish', (c) =>
    act(c, (fields, number) => moderation.unpublish(c.get('staffSession').actor, number, parseId(single(fields.reasonId)) ?? 0)),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/feature', (c) =>
    act(c, (fields, number) =>
      moderation.feature(c.get('staffSession').actor, number, single(fields.day), single(fields.featured) !== 'no'),
    ),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/contact', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const reason = single(fields.reason).trim();
    if (!reason) return detailPage(c, { error: errorMessage(c.get('locale'), 'text.required'), status: 422 });
    const result = await contacts.reveal(c.get('staffSession').actor, c.req.param('number') ?? '', reason);
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 404, result.error);
    return detailPage(c, { contact: result.value });
  });

  async function reasonsPage(c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const session = c.get('staffSession');
    const reasons = await moderation.allReasons(session.actor);
    if (!reasons.ok) return consoleError(c, 403, reasons.error);
    const locales = ['zh-hans', 'zh-hant', 'en'] as const;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.reasonsTitle}>
        <p>{m.reasonsIntro}</p>
        <ErrorNote message={error} />
        <table>
          <thead>
            <tr>
              {locales.map((locale) => (
                <th>{m.reasonLabels[locale]}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {reasons.value.map((reason) => (
              <tr data-reason={reason.id}>
                {locales.map((locale) => (
                  <td>{reason.labels[locale]}</td>
                ))}
                <td>
                  {reason.active ? m.reasonActive : m.reasonRetired}{' '}
                  <form method="post" action={`/console/reasons/${reason.id}/${reason.active ? 'retire' : 'restore'}`} class="inline">
                    <CsrfField session={session} />
                    <button type="submit" class="chip">
                      {reason.active ? m.retire : m.restore}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{m.addReason}</h2>
        <form method="post" action="/console/reasons">
          <CsrfField session={session} />
          {locales.map((locale) => (
            <div class="field">
              <label for={`reason-${locale}`}>{m.reasonLabels[locale]}</label>
              <input id={`reason-${locale}`} name={locale} required maxlength={200} />
            </div>
          ))}
          <button type="submit">{m.addReason}</button>
        </form>
      </ConsoleLayout>,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/reasons', (c) => reasonsPage(c));

  consoleRoute(router, 'POST', '/console/reasons', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const result = await moderation.addReason(c.get('staffSession').actor, {
      'zh-hans': single(fields['zh-hans']),
      'zh-hant': single(fields['zh-hant']),
      en: single(fields.en),
    });
    if (!result.ok) return reasonsPage(c, errorMessage(c.get('locale'), result.error), 422);
    return c.redirect('/console/reasons', 303);
  });

  consoleRoute(router, 'POST', '/console/reasons/:id/:action', async (c) => {
    const action = c.req.param('action');
    if (action !== 'retire' && action !== 'restore') return consoleError(c, 404, 'request.notFound');
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const result = await moderation.setReasonActive(c.get('staffSession').actor, id, action === 'restore');
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 404, result.error);
    return c.redirect('/console/reasons', 303);
  });

  consoleRoute(router, 'GET', '/console/selection', async (c) => {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const day = c.req.query('day') || moderation.today();
    const selection = await moderation.dailySelection(c.get('staffSession').actor, day);
    const items = selection.ok ? selection.value : [];
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.selectionTitle}>
        <p>{m.selectionIntro}</p>
        <ErrorNote message={selection.ok ? undefined : errorMessage(c.get('locale'), 'request.dayInvalid')} />
        <form method="get" action="/console/selection" class="row">
          <label>
            {props.t.zone.labelled(m.day, zoneName(props.t, timeZone))} <input name="day" type="date" value={day} />
          </label>
          <button type="submit" class="secondary">
            {m.show}
          </button>
        </form>
        {selection.ok && (
          <form method="post" action="/console/selection/export">
            <CsrfField session={c.get('staffSession')} />
            <input type="hidden" name="day" value={day} />
            <fieldset>
              <legend>{m.exportScope}</legend>
              {EXPORT_SCOPES.map((scope) => (
                <label>
                  <input type="radio" name="scope" value={scope} checked={scope === (items.length > 0 ? 'featured' : 'day')} /> {m.exportScopes[scope]}
                </label>
              ))}
            </fieldset>
            <p class="row">
              <label>
                {m.exportLanguage}{' '}
                <select name="language">
                  {LOCALES.map((locale) => (
                    <option value={locale} selected={locale === c.get('locale')}>
                      {m.reasonLabels[locale]}
                    </option>
                  ))}
                </select>
              </label>
              {m.exportAs}
              {(['md', 'html', 'csv'] as const).map((format) => (
                <button type="submit" name="format" value={format} class="chip">
                  {format.toUpperCase()}
                </button>
              ))}
            </p>
          </form>
        )}
        {items.length === 0 ? (
          <p>{m.selectionEmpty}</p>
        ) : (
          <ol>
            {items.map((item) => (
              <li>
                <a href={`/console/moderation/${item.registrationNumber}`}>
                  <ShownTitle item={item} locale={c.get('locale')} />
                </a> — {item.names.join('、')}
              </li>
            ))}
          </ol>
        )}
      </ConsoleLayout>,
      selection.ok ? 200 : 422,
    );
  });

  // A POST: an export is an audited act, so no link or prefetch may trigger it.
  consoleRoute(router, 'POST', '/console/selection/export', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const format = single(fields.format);
    if (format !== 'md' && format !== 'html' && format !== 'csv') return consoleError(c, 404, 'request.notFound');
    const day = single(fields.day).slice(0, 10);
    const scopeField = single(fields.scope) || 'featured';
    if (!(EXPORT_SCOPES as readonly string[]).includes(scopeField)) return consoleError(c, 422, 'request.invalid');
    const scope = scopeField as ExportScope;
    const languageField = single(fields.language);
    const language = isLocale(languageField) ? languageField : c.get('locale');
    const result = await moderation.exportSelection(c.get('staffSession').actor, day, format, { scope, language });
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 422, result.error);
    const words = moderationMessages(language);
    const timeZone = moderation.timeZone;
    const options = { locale: language, timeZone, heading: words.exportHeadings[scope](exportDate(day, timeZone, catalogFor(language))) };
    const [body, type] =
      format === 'md'
        ? [toMarkdown(result.value, options), 'text/markdown; charset=utf-8']
        : format === 'html'
          ? [toHtml(result.value, options), 'text/html; charset=utf-8']
          : [toCsv(result.value, { timeZone }), 'text/csv; charset=utf-8'];
    // CSV holds data, not labels: the same file whatever the language.
    const name = `${scope === 'featured' ? 'selection' : 'published'}-${day}${format === 'csv' ? '' : `.${language}`}.${format}`;
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return c.body(body);
  });
}
