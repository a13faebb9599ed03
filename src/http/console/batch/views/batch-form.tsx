import { BATCH_LIMITS, type BatchError } from '../../../../domain/batch/batch-input.ts';
import { ORGANIZATIONS } from '../../../../domain/declaration/organizations.ts';
import { newSubmissionToken } from '../../../../domain/declaration/submission-token.ts';
import { errorMessage } from '../../../../i18n/index.ts';
import type { DuplicateWarning } from '../../../../services/batch/entry.ts';
import { ConsoleLayout, CsrfField } from '../../views/console-layout.tsx';
import { MAX_FORM_ROWS, MORE_ROWS, SHARED_FIELDS, controlId, type RowValues, type SharedValues } from '../form.ts';
import { batchMessages, fieldLabel } from '../messages.ts';
import { Acknowledge, RegionList, RowDetails, SharedFields, warningText } from './fields.tsx';
import type { ConsolePage } from './page.ts';

/** The batch form: a row per person, the shared fields, and the problems or possible duplicates of the last post. */
export function BatchFormPage(props: {
  page: ConsolePage;
  shared: SharedValues;
  rows: readonly RowValues[];
  errors?: readonly BatchError[] | undefined;
  duplicates?: readonly DuplicateWarning[] | undefined;
  focus?: string | undefined;
  /** The center a phone-bank call's declarations count for. */
  callCenter: string | null;
  /** The text of the inbox item the batch is entered from, to read the rows against. */
  inboxText: string | null;
}) {
  const { page, ...state } = props;
  const locale = page.locale;
  const b = batchMessages(locale);
  const f = b.form;
  const errors = state.errors ?? [];
  const duplicates = state.duplicates ?? [];
  const rows = state.rows;
  const message = (error: BatchError) => errorMessage(locale, error.code, error.params);
  const rowErrors = new Map<number, BatchError[]>();
  for (const error of errors) if (error.row > 0) rowErrors.set(error.row, [...(rowErrors.get(error.row) ?? []), error]);
  const sharedErrors = new Map(errors.filter((error) => error.row === 0).map((error) => [error.field, message(error)]));
  const warnings = new Map(duplicates.map((warning) => [warning.row, warning]));
  const first = errors[0];
  const focus = state.focus ?? (duplicates.length > 0 ? 'acknowledgeDuplicates' : first ? controlId(first.row, first.field) : 'name_1');
  const where = (error: BatchError): string | null => {
    if (error.row > 0) return f.cell(error.row, fieldLabel(b, error.field));
    return (SHARED_FIELDS as readonly string[]).includes(error.field) ? fieldLabel(b, error.field) : null;
  };
  const fieldError = (row: number, field: string) =>
    rowErrors.get(row)?.some((error) => error.field === field || (field === 'name' && error.field === 'row'));
  const invalid = (row: number, field: string) => (fieldError(row, field) ? 'true' : undefined);

  return (
    <ConsoleLayout {...page} title={f.title}>
      <p>{f.intro}</p>
      <form method="post" action="/console/batch" accept-charset="utf-8">
        <CsrfField session={page.session} />
        {/* One-use: posting this form again (a reload of the result) shows the first result. */}
        <input type="hidden" name="submission" value={newSubmissionToken()} />
        <input type="hidden" name="count" value={String(rows.length)} />
        {state.shared.call !== '' && <input type="hidden" name="call" value={state.shared.call} />}
        {state.shared.inboxItem !== '' && <input type="hidden" name="inboxItem" value={state.shared.inboxItem} />}
        {state.inboxText !== null && (
          <div class="item-text" id="inbox-text">
            {state.inboxText}
          </div>
        )}
        {state.callCenter !== null && (
          <dl class="facts" id="call-center">
            <dt>{b.centerStatistics.center}</dt>
            <dd>{state.callCenter}</dd>
          </dl>
        )}
        {errors.length > 0 && (
          <div class="errors" role="alert" id="problems">
            <p>
              <strong>{f.errorsHeading}</strong>
            </p>
            <ul>
              {errors.map((error) => {
                const label = where(error);
                return (
                  <li>
                    <a href={`#${controlId(error.row, error.field)}`}>{label ? f.problem(label, message(error)) : message(error)}</a>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {duplicates.length > 0 && (
          <div class="errors" role="alert" id="duplicates">
            <p>
              <strong>{errorMessage(locale, 'batch.duplicates')}</strong>
            </p>
            <ul>
              {duplicates.map((warning) => (
                <li>
                  <a href={`#name_${warning.row}`}>{f.problem(f.rowRef(warning.row), warningText(f, warning.inBatch, warning.recent))}</a>
                </li>
              ))}
            </ul>
            <Acknowledge b={b} focus={focus === 'acknowledgeDuplicates'} />
            <p>
              <button type="submit" name="action" value="submit">
                {f.submit}
              </button>
            </p>
          </div>
        )}
        <table class="batch">
          <thead>
            <tr>
              <th scope="col">{f.row}</th>
              <th scope="col">{f.name}</th>
              {ORGANIZATIONS.map((org) => (
                <th scope="col" class="org">
                  {f.orgs[org]}
                </th>
              ))}
              <th scope="col">{f.headcount}</th>
              <th scope="col">{f.region}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              const problems = rowErrors.get(n) ?? [];
              const warning = warnings.get(n);
              const noted = problems.length > 0 || warning !== undefined;
              const describedBy = noted ? `note_${n}` : undefined;
              return (
                <>
                  <tr id={`row-${n}`}>
                    <th scope="row">{n}</th>
                    <td class="name">
                      <input
                        type="text"
                        id={`name_${n}`}
                        name={`name_${n}`}
                        value={row.name}
                        maxlength={BATCH_LIMITS.name * 2}
                        autocomplete="off"
                        aria-label={f.cell(n, f.name)}
                        aria-invalid={invalid(n, 'name')}
                        aria-describedby={describedBy}
                        autofocus={focus === `name_${n}`}
                      />
                    </td>
                    {ORGANIZATIONS.map((org) => (
                      <td class="org">
                        <input
                          type="checkbox"
                          id={`orgs_${n}_${org}`}
                          name={`orgs_${n}`}
                          value={org}
                          checked={row.orgs.includes(org)}
                          aria-label={f.cell(n, f.orgs[org])}
                          aria-invalid={invalid(n, 'orgs')}
                          aria-describedby={describedBy}
                          autofocus={focus === `orgs_${n}_${org}`}
                        />
                      </td>
                    ))}
                    <td class="count">
                      <input
                        type="text"
                        id={`headcount_${n}`}
                        name={`headcount_${n}`}
                        value={row.headcount}
                        inputmode="numeric"
                        maxlength={8}
                        autocomplete="off"
                        aria-label={f.cell(n, f.headcount)}
                        aria-invalid={invalid(n, 'headcount')}
                        aria-describedby={describedBy}
                        autofocus={focus === `headcount_${n}`}
                      />
                    </td>
                    <td class="region">
                      <input
                        type="text"
                        id={`region_${n}`}
                        name={`region_${n}`}
                        value={row.region}
                        list="regions"
                        maxlength={BATCH_LIMITS.region * 2}
                        autocomplete="off"
                        aria-label={f.cell(n, f.region)}
                        aria-invalid={invalid(n, 'region')}
                        aria-describedby={describedBy}
                        autofocus={focus === `region_${n}`}
                      />
                    </td>
                  </tr>
                  <RowDetails b={b} t={page.t} n={n} row={row} focus={focus} invalid={invalid} describedBy={describedBy} />
                  {noted && (
                    <tr class="note">
                      <td />
                      <td colspan={ORGANIZATIONS.length + 3} id={`note_${n}`}>
                        {problems.map((error) => (
                          <p class="error">{f.problem(fieldLabel(b, error.field), message(error))}</p>
                        ))}
                        {warning && warning.inBatch !== null && <p class="warning">{f.sameAs(warning.inBatch)}</p>}
                        {warning && warning.recent > 0 && <p class="warning">{f.recent(warning.recent)}</p>}
                      </td>
                    </tr>
                  )}
                </>
              );
            })}
          </tbody>
        </table>
        <RegionList locale={locale} />
        <SharedFields b={b} values={state.shared} errors={sharedErrors} focus={focus} />
        <p class="hint" id="aliases-hint">
          {b.details.suggestHint}
        </p>
        <p class="actions">
          <button type="submit" name="action" value="submit">
            {f.submit}
          </button>
          <button type="submit" name="action" value="aliases" class="secondary" formnovalidate aria-describedby="aliases-hint">
            {b.details.suggest}
          </button>
          {rows.length < MAX_FORM_ROWS && (
            <button type="submit" name="action" value="more" class="secondary" formnovalidate>
              {f.more(Math.min(MORE_ROWS, MAX_FORM_ROWS - rows.length))}
            </button>
          )}
          <a class="button secondary" href="/console/batch/import">
            {f.toImport}
          </a>
        </p>
      </form>
    </ConsoleLayout>
  );
}
