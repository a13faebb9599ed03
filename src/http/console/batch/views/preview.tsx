import { catalogFor, errorMessage } from '../../../../i18n/index.ts';
import { newSubmissionToken } from '../../../../domain/declaration/submission-token.ts';
import type { LineNote, Review, RowProblem } from '../../../../services/batch/import.ts';
import { ConsoleLayout, CsrfField, ErrorNote } from '../../views/console-layout.tsx';
import { candidateJson, controlId, notesJson, type SharedValues } from '../form.ts';
import { batchMessages, fieldLabel } from '../messages.ts';
import { Acknowledge, NoteList, SharedFields } from './fields.tsx';
import type { ConsolePage } from './page.ts';

/** The preview: what will be entered, what will not and why, and the form that enters it. */
export function PreviewSection(props: {
  page: ConsolePage;
  review: Review;
  shared: SharedValues;
  /** Shown above the form: the file's problems. */
  notes: readonly LineNote[];
  /** Carried to the receipts: lines that will not be entered. */
  skipped: readonly LineNote[];
  autofocus: boolean;
}) {
  const { page, review: checked, shared, notes } = props;
  const locale = page.locale;
  const b = batchMessages(locale);
  const f = b.form;
  const p = b.preview;
  const joiner = catalogFor(locale).form.orgsJoiner;
  const valid = checked.rows.filter((row) => row.parsed !== null);
  const invalid = checked.rows.filter((row) => row.parsed === null);
  const warned = valid.filter((row) => row.sameAs !== null || row.recent > 0);
  const people = valid.reduce((sum, row) => sum + row.parsed!.headcount, 0);
  const skipped: LineNote[] = [
    ...props.skipped,
    ...invalid.map((row) => {
      const problem = row.problems[0] ?? { field: 'row', code: 'request.invalid', params: {} };
      return { line: row.candidate.line, field: problem.field, code: problem.code, params: problem.params };
    }),
  ].sort((a, b) => a.line - b.line);
  const sharedErrors = new Map(checked.sharedErrors.map((error) => [error.field, errorMessage(locale, error.code, error.params)]));
  const firstShared = checked.sharedErrors[0];
  const focus = !props.autofocus
    ? null
    : warned.length > 0
      ? 'acknowledgeDuplicates'
      : firstShared
        ? controlId(0, firstShared.field)
        : valid.length > 0
          ? 'confirm'
          : 'another';
  const problemText = (problem: RowProblem) => f.problem(fieldLabel(b, problem.field), errorMessage(locale, problem.code, problem.params));

  return (
    <>
      <p class="lead" id="preview-summary">
        {valid.length > 0 ? p.summary(valid.length, people) : p.nothing}
        {invalid.length > 0 && (
          <>
            {' '}
            <span class="error">{p.problems(invalid.length)}</span>
          </>
        )}
      </p>
      {notes.length > 0 && (
        <div class="errors" role="alert" id="file-problems">
          <p>
            <strong>{p.notesHeading}</strong>
          </p>
          <NoteList b={b} locale={locale} notes={notes} />
        </div>
      )}
      {valid.length > 0 ? (
        <form method="post" action="/console/batch/import/confirm" enctype="multipart/form-data" accept-charset="utf-8">
          <CsrfField session={page.session} />
          <input type="hidden" name="submission" value={newSubmissionToken()} />
          <input type="hidden" name="rows" value={candidateJson(valid)} />
          <input type="hidden" name="skipped" value={notesJson(skipped)} />
          {warned.length > 0 && (
            <div class="errors" role="alert" id="duplicates">
              <p>
                <strong>{errorMessage(locale, 'batch.duplicates')}</strong>
              </p>
              <ul>
                {warned.map((row) => (
                  <li>
                    <a href={`#line-${row.candidate.line}`}>
                      {f.problem(
                        p.lineRef(row.candidate.line),
                        [row.sameAs !== null ? p.sameAs(row.sameAs) : '', row.recent > 0 ? f.recent(row.recent) : '']
                          .filter(Boolean)
                          .join(' '),
                      )}
                    </a>
                  </li>
                ))}
              </ul>
              <Acknowledge b={b} focus={focus === 'acknowledgeDuplicates'} />
            </div>
          )}
          <SharedFields b={b} values={shared} errors={sharedErrors} focus={focus} />
          <p class="actions">
            <button type="submit" id="confirm" name="action" value="confirm" autofocus={focus === 'confirm'}>
              {p.confirm(valid.length)}
            </button>
            <a class="button secondary" href="/console/batch/import">
              {p.another}
            </a>
          </p>
        </form>
      ) : (
        <p class="actions">
          <a class="button secondary" id="another" href="/console/batch/import" autofocus={focus === 'another'}>
            {p.another}
          </a>
        </p>
      )}
      <table class="preview">
        <thead>
          <tr>
            <th scope="col">{p.line}</th>
            <th scope="col">{f.name}</th>
            <th scope="col">{f.fields.orgs}</th>
            <th scope="col">{f.headcount}</th>
            <th scope="col">{f.region}</th>
            <th scope="col">{b.details.behalf}</th>
            <th scope="col">{b.details.title}</th>
            <th scope="col">{p.result}</th>
          </tr>
        </thead>
        <tbody>
          {checked.rows.map((row) => {
            const { candidate, parsed } = row;
            return (
              <tr id={`line-${candidate.line}`}>
                <td>{candidate.line}</td>
                <td>{candidate.name}</td>
                <td>{parsed ? parsed.orgs.map((org) => f.orgs[org]).join(joiner) : candidate.orgs.join(' ')}</td>
                <td>{parsed ? parsed.headcount : candidate.headcount}</td>
                <td>{candidate.region}</td>
                <td>{parsed ? catalogFor(locale).form.behalf[parsed.behalf] : candidate.behalf}</td>
                <td>
                  {candidate.title}
                  {candidate.statement && (
                    <p class="hint">{candidate.statement.length > 200 ? `${candidate.statement.slice(0, 200)}…` : candidate.statement}</p>
                  )}
                </td>
                <td>
                  {row.problems.map((problem) => (
                    <p class="error">{problemText(problem)}</p>
                  ))}
                  {parsed && row.sameAs !== null && <p class="warning">{p.sameAs(row.sameAs)}</p>}
                  {parsed && row.recent > 0 && <p class="warning">{f.recent(row.recent)}</p>}
                  {parsed && row.sameAs === null && row.recent === 0 && p.ok}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The preview as a page of its own. */
export function PreviewPage(props: {
  page: ConsolePage;
  review: Review;
  shared: SharedValues;
  notes: readonly LineNote[];
  skipped: readonly LineNote[];
  error?: string | undefined;
}) {
  const { page, error, ...section } = props;
  return (
    <ConsoleLayout {...page} title={batchMessages(page.locale).preview.title}>
      <ErrorNote message={error} />
      <PreviewSection page={page} {...section} autofocus />
    </ConsoleLayout>
  );
}
