import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import {
  BATCH_CHANNELS,
  BATCH_CONSENT,
  BATCH_LIMITS,
  EARLIEST_CONVERSATION_DATE,
  MAX_BATCH_INPUT_ROWS,
  MAX_BATCH_ROWS,
  batchRowSchema,
  parseBatchInput,
  type BatchError,
  type BatchRow,
} from '../../domain/batch/batch-input.ts';
import { BUSY_RETRY_AFTER_SECONDS } from '../../db/database-busy.ts';
import { MAX_CSV_ROWS, parseCsvRows } from '../../domain/batch/csv-rows.ts';
import { countingDay, latestDateOnEarth } from '../../domain/counting/counting-day.ts';
import { suggestAliases } from '../../domain/alias/alias-generator.ts';
import { aliasKey } from '../../domain/declaration/alias-key.ts';
import { BEHALVES, issueError } from '../../domain/declaration/fields.ts';
import { ORGANIZATIONS } from '../../domain/declaration/organizations.ts';
import { formatQueryPassword } from '../../domain/declaration/query-password.ts';
import { formatRegistrationNumber } from '../../domain/declaration/registration-number.ts';
import { REGIONS } from '../../domain/declaration/regions.ts';
import { newSubmissionToken } from '../../domain/declaration/submission-token.ts';
import { catalogFor, errorMessage, type Locale } from '../../i18n/index.ts';
import { inReaderScript } from '../../i18n/script-conversion.ts';
import { zoneName } from '../../i18n/zoned-time.ts';
import { Permission, can, type Actor } from '../../policies/permissions.ts';
import type { BatchEntryService, BatchReceipt, DuplicateWarning, EntryReceipt } from '../../services/batch-entry-service.ts';
import type { SignedInEnv } from '../env.ts';
import { list, readFormBody, single, type FormFields } from '../form-body.ts';
import { batchMessages, type BatchMessages } from './batch-messages.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from './views/console-layout.tsx';

/*
 * Field names. Everything works without JavaScript, so the names are flat and any form
 * parser reads them:
 *  - one row: the 1-based row number shown in its first column is the suffix:
 *      name_3, orgs_3 (repeated: one value per ticked box: party, league, pioneers),
 *      headcount_3, region_3, behalf_3 (self | family | deceased), title_3, statement_3;
 *  - count: how many rows the form showed (a higher row number in the body wins);
 *  - shared: channel, conversationDate, consent (= "confirmed" when ticked), note;
 *  - acknowledgeDuplicates = "yes"; action = "submit" | "more" | "aliases" (suggested
 *    aliases fill the names left empty). The submit button comes before the others in the
 *    form, so Enter in any field submits.
 *  - submission: the form's one-use token; a repeated post of it shows the first result.
 * The import's confirm form carries the checked rows as one hidden JSON field `rows`,
 * [[line, name, [orgs…], headcount, region, behalf, title, statement], …], and the lines that
 * will not be entered as `skipped`, [[line, field | null, code, params], …]. It posts
 * multipart, so the JSON is not percent-encoded: about as large as the file it came from,
 * which the same 1 MB body limit bounds. It carries a one-use `submission` token too: posted
 * again, each of its batches shows its first result.
 */

/** Rows on a fresh form, and how many `more` adds. */
export const FORM_ROWS = 25;
const MORE_ROWS = 25;
/** The service takes at most this many filled rows at once; the form never grows past it. */
const MAX_FORM_ROWS = MAX_BATCH_ROWS;
const SHARED_FIELDS = ['channel', 'conversationDate', 'consent', 'note'] as const;
/** CSV notes about the header: a column was ignored, but no row is lost. */
const HEADER_NOTES = new Set(['csv.unknownHeader', 'csv.duplicateHeader']);
/** CSV notes about the whole file, where a line number says nothing. */
const FILE_NOTES = new Set(['csv.notUtf8', 'csv.empty']);
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const ROW_FIELD = /^(?:name|orgs|headcount|region|behalf|title|statement)_([0-9]{1,6})$/;


interface SharedValues {
  channel: string;
  conversationDate: string;
  consent: boolean;
  note: string;
}

interface RowValues {
  name: string;
  orgs: string[];
  headcount: string;
  region: string;
  behalf: string;
  title: string;
  statement: string;
}

/** A row read from a file, with the line it starts on. */
interface Candidate extends RowValues {
  line: number;
}

/** Something about one line of a file: an unreadable line, or a row that failed the checks. */
interface LineNote {
  line: number;
  field: string | null;
  code: string;
  params: Readonly<Record<string, string | number>>;
}

interface RowProblem {
  field: string;
  code: string;
  params: Readonly<Record<string, string | number>>;
}

interface ReviewedRow {
  candidate: Candidate;
  parsed: BatchRow | null;
  problems: RowProblem[];
  /** The file line of an earlier row with the same name and region. */
  sameAs: number | null;
  /** Entries with the same name and region in the last 30 days. */
  recent: number;
}

interface Review {
  rows: ReviewedRow[];
  sharedErrors: BatchError[];
}

interface ReceiptLine {
  /** The form row or the file line. */
  ref: number;
  name: string;
  registrationNumber: string;
  queryPassword: string;
}

// ---------------------------------------------------------------------------
// Reading the forms.

function sharedFrom(fields: FormFields): SharedValues {
  return {
    channel: single(fields.channel),
    conversationDate: single(fields.conversationDate),
    consent: single(fields.consent) === BATCH_CONSENT,
    note: single(fields.note),
  };
}

/** A fresh form starts from today, and from the channel and date of the last batch when the link carries them. */
function prefilled(c: Context<SignedInEnv>, timeZone: string): SharedValues {
  const channel = c.req.query('channel') ?? '';
  const date = c.req.query('date') ?? '';
  return {
    channel: (BATCH_CHANNELS as readonly string[]).includes(channel) ? channel : '',
    conversationDate: ISO_DATE.test(date) ? date : countingDay(new Date(), timeZone),
    consent: false,
    note: '',
  };
}

function sharedInput(shared: SharedValues) {
  return {
    channel: shared.channel,
    conversationDate: shared.conversationDate,
    consent: shared.consent ? BATCH_CONSENT : undefined,
    note: shared.note,
  };
}

function rowInput(row: RowValues) {
  return {
    name: row.name,
    orgs: row.orgs,
    headcount: row.headcount,
    region: row.region,
    behalf: row.behalf,
    title: row.title,
    statement: row.statement,
  };
}

/** A form row left as the form showed it (the head-count's default 1 and "self" included) is no person. */
function isUntouched(row: RowValues): boolean {
  return (
    row.name.trim() === '' &&
    row.orgs.length === 0 &&
    row.region.trim() === '' &&
    ['', '1'].includes(row.headcount.trim()) &&
    ['', 'self'].includes(row.behalf) &&
    row.title.trim() === '' &&
    row.statement.trim() === ''
  );
}

function formRowInput(row: RowValues) {
  return isUntouched(row) ? {} : rowInput(row);
}

/**
 * The alias helper without JavaScript: suggested aliases fill the names left empty in rows
 * that hold something else (the organizations ticked, say), or the first empty row when no
 * row does. Returns the rows and the first row filled.
 */
function withSuggestedAliases(rows: readonly RowValues[], locale: Locale): { rows: RowValues[]; first: number | null } {
  const nameless = rows.flatMap((row, index) => (row.name.trim() === '' && !isUntouched(row) ? [index] : []));
  const firstEmpty = rows.findIndex((row) => row.name.trim() === '');
  const targets = nameless.length > 0 ? nameless : firstEmpty === -1 ? [] : [firstEmpty];
  const suggestions: string[] = [];
  while (suggestions.length < targets.length) {
    for (const alias of suggestAliases(Math.min(24, targets.length - suggestions.length))) {
      if (!suggestions.includes(alias) && suggestions.length < targets.length) suggestions.push(alias);
    }
  }
  const filled = rows.map((row) => ({ ...row }));
  targets.forEach((index, i) => {
    filled[index]!.name = inReaderScript(suggestions[i]!, locale);
  });
  return { rows: filled, first: targets.length > 0 ? targets[0]! + 1 : null };
}

const emptyRow = (): RowValues => ({ name: '', orgs: [], headcount: '1', region: '', behalf: 'self', title: '', statement: '' });
const emptyRows = (count: number): RowValues[] => Array.from({ length: count }, emptyRow);

/** The rows of a posted form, or null when it claims more rows than a batch may hold. */
function rowsFrom(fields: FormFields): RowValues[] | null {
  let count = Number.parseInt(single(fields.count), 10);
  if (!Number.isSafeInteger(count) || count < 0) count = 0;
  for (const key of Object.keys(fields)) {
    const match = ROW_FIELD.exec(key);
    if (match) count = Math.max(count, Number(match[1]));
  }
  if (count > MAX_BATCH_INPUT_ROWS) return null;
  const rows: RowValues[] = [];
  for (let row = 1; row <= count; row++) {
    rows.push({
      name: single(fields[`name_${row}`]),
      orgs: list(fields[`orgs_${row}`]),
      headcount: single(fields[`headcount_${row}`]),
      region: single(fields[`region_${row}`]),
      behalf: single(fields[`behalf_${row}`]),
      title: single(fields[`title_${row}`]),
      statement: single(fields[`statement_${row}`]),
    });
  }
  return rows;
}

const isStringRecord = (value: unknown): value is Record<string, string | number> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number');
const isLine = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** The confirm form's rows, or null if the field is not what the preview wrote. */
function candidatesFrom(text: string): Candidate[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data) || data.length > MAX_CSV_ROWS) return null;
  const candidates: Candidate[] = [];
  for (const item of data) {
    if (!Array.isArray(item) || item.length !== 8) return null;
    const [line, name, orgs, headcount, region, behalf, title, statement] = item as unknown[];
    if (!isLine(line) || typeof name !== 'string' || typeof headcount !== 'string' || typeof region !== 'string') return null;
    if (typeof behalf !== 'string' || typeof title !== 'string' || typeof statement !== 'string') return null;
    if (!Array.isArray(orgs) || orgs.length > ORGANIZATIONS.length * 4 || !orgs.every((org) => typeof org === 'string')) return null;
    candidates.push({ line, name, orgs: orgs as string[], headcount, region, behalf, title, statement });
  }
  return candidates;
}

function notesFrom(text: string): LineNote[] | null {
  if (text.trim() === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data) || data.length > MAX_CSV_ROWS * 2) return null;
  const notes: LineNote[] = [];
  for (const item of data) {
    if (!Array.isArray(item) || item.length !== 4) return null;
    const [line, field, code, params] = item as unknown[];
    if (!isLine(line) || (field !== null && typeof field !== 'string') || typeof code !== 'string' || !isStringRecord(params)) return null;
    notes.push({ line, field, code, params });
  }
  return notes;
}

const candidateJson = (rows: readonly ReviewedRow[]) =>
  JSON.stringify(rows.map(({ candidate: c }) => [c.line, c.name, c.orgs, c.headcount, c.region, c.behalf, c.title, c.statement]));
const notesJson = (notes: readonly LineNote[]) => JSON.stringify(notes.map((n) => [n.line, n.field, n.code, n.params]));

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The first problem of each field of one row, as the batch schema reports it. */
function rowProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): RowProblem[] {
  const seen = new Set<string>();
  const problems: RowProblem[] = [];
  for (const issue of issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'row';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, ...issueError(issue) });
  }
  return problems;
}

/** As the service groups possible duplicates: the folded name and region. */
const duplicateKey = (row: BatchRow) => `${aliasKey(row.name)}\u0000${row.region === null ? '' : aliasKey(row.region)}`;

/** The id of the control an error belongs to, for the summary's links and for autofocus. */
function controlId(row: number, field: string): string {
  if (row === 0) return (SHARED_FIELDS as readonly string[]).includes(field) ? field : 'name_1';
  if (field === 'orgs') return `orgs_${row}_${ORGANIZATIONS[0]}`;
  if (['headcount', 'region', 'behalf', 'title', 'statement'].includes(field)) return `${field}_${row}`;
  return `name_${row}`;
}

// ---------------------------------------------------------------------------
// Shared pieces of the pages.


function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

function RegionList({ locale }: { locale: Locale }) {
  return (
    <datalist id="regions">
      {REGIONS.map((region) => (
        <option value={locale === 'en' ? region.en : inReaderScript(region.zh, locale)} />
      ))}
    </datalist>
  );
}

/** Channel, date, note and consent: what every row of the batch shares. */
function SharedFields(props: { b: BatchMessages; values: SharedValues; errors: ReadonlyMap<string, string>; focus: string | null }) {
  const { b, values, errors, focus } = props;
  const f = b.form;
  const attributes = (id: string) => ({
    id,
    name: id,
    autofocus: focus === id,
    'aria-invalid': errors.has(id) ? 'true' : undefined,
    'aria-describedby': errors.has(id) ? `${id}-error` : undefined,
  });
  return (
    <fieldset class="shared">
      <legend>{f.shared}</legend>
      <div class="row">
        <div>
          <label class="line" for="channel">
            {f.channel}
          </label>
          <select {...attributes('channel')} required>
            <option value="">{f.channelChoose}</option>
            {BATCH_CHANNELS.map((channel) => (
              <option value={channel} selected={values.channel === channel}>
                {b.channels[channel]}
              </option>
            ))}
          </select>
          <FieldError id="channel" message={errors.get('channel')} />
        </div>
        <div>
          <label class="line" for="conversationDate">
            {f.conversationDate}
          </label>
          <input
            {...attributes('conversationDate')}
            type="date"
            required
            min={EARLIEST_CONVERSATION_DATE}
            max={latestDateOnEarth(new Date())}
            value={values.conversationDate}
          />
          <FieldError id="conversationDate" message={errors.get('conversationDate')} />
        </div>
      </div>
      <label class="line" for="note">
        {f.note}
      </label>
      <input {...attributes('note')} type="text" maxlength={BATCH_LIMITS.note} autocomplete="off" value={values.note} />
      <FieldError id="note" message={errors.get('note')} />
      <label>
        <input {...attributes('consent')} type="checkbox" value={BATCH_CONSENT} checked={values.consent} required />
        {f.consent}
      </label>
      <FieldError id="consent" message={errors.get('consent')} />
    </fieldset>
  );
}

/** The second line of a person's row: on whose behalf, the title and the statement. */
function RowDetails(props: {
  b: BatchMessages;
  t: ReturnType<typeof catalogFor>;
  n: number;
  row: RowValues;
  focus: string;
  invalid: (row: number, field: string) => 'true' | undefined;
  describedBy: string | undefined;
}) {
  const { b, t, n, row, focus, invalid, describedBy } = props;
  const d = b.details;
  const common = (field: string) => ({
    id: `${field}_${n}`,
    name: `${field}_${n}`,
    'aria-invalid': invalid(n, field),
    'aria-describedby': describedBy,
    autofocus: focus === `${field}_${n}`,
  });
  return (
    <tr class="details">
      <td />
      <td colspan={ORGANIZATIONS.length + 3}>
        <div class="row">
          <label>
            {d.behalf}{' '}
            <select {...common('behalf')} aria-label={b.form.cell(n, d.behalf)}>
              {BEHALVES.map((behalf) => (
                <option value={behalf} selected={(row.behalf || 'self') === behalf}>
                  {t.form.behalf[behalf]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {d.title}{' '}
            <input {...common('title')} type="text" value={row.title} maxlength={BATCH_LIMITS.title * 2} autocomplete="off" placeholder={d.titleHint} aria-label={b.form.cell(n, d.title)} />
          </label>
        </div>
        <label class="line" for={`statement_${n}`}>
          {b.form.cell(n, d.statement)}
        </label>
        <textarea {...common('statement')} rows={1} maxlength={BATCH_LIMITS.statement * 2}>
          {row.statement}
        </textarea>
      </td>
    </tr>
  );
}

/** Why a form row may be a duplicate, in one sentence or two. */
function warningText(f: BatchMessages['form'], inBatch: number | null, recent: number): string {
  return [inBatch !== null ? f.sameAs(inBatch) : '', recent > 0 ? f.recent(recent) : ''].filter(Boolean).join(' ');
}

/** "Submit anyway": the volunteer has looked at the warned rows. */
function Acknowledge({ b, focus }: { b: BatchMessages; focus: boolean }) {
  return (
    <>
      <label>
        <input type="checkbox" id="acknowledgeDuplicates" name="acknowledgeDuplicates" value="yes" autofocus={focus} />{' '}
        {b.form.acknowledge}
      </label>
      <p class="hint">{b.form.acknowledgeHint}</p>
    </>
  );
}

// ---------------------------------------------------------------------------

export function batchRoutes(router: ConsoleRouter, batchEntry: BatchEntryService, timeZone: string): void {
  const actorOf = (c: Context<SignedInEnv>): Actor => c.get('staffSession').actor;

  // ----- the form --------------------------------------------------------

  function formPage(
    c: Context<SignedInEnv>,
    state: { shared: SharedValues; rows: RowValues[]; errors?: readonly BatchError[]; duplicates?: readonly DuplicateWarning[]; focus?: string },
    status: 200 | 409 | 422 | 503 = 200,
  ): Response {
    const props = consoleProps(c);
    const locale = c.get('locale');
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
    const focus =
      state.focus ?? (duplicates.length > 0 ? 'acknowledgeDuplicates' : first ? controlId(first.row, first.field) : 'name_1');
    const where = (error: BatchError): string | null => {
      if (error.row > 0) return f.cell(error.row, f.fields[error.field] ?? error.field);
      return (SHARED_FIELDS as readonly string[]).includes(error.field) ? (f.fields[error.field] ?? null) : null;
    };
    const fieldError = (row: number, field: string) => rowErrors.get(row)?.some((error) => error.field === field || (field === 'name' && error.field === 'row'));
    const invalid = (row: number, field: string) => (fieldError(row, field) ? 'true' : undefined);

    return consolePage(
      c,
      <ConsoleLayout {...props} title={f.title}>
        <p>{f.intro}</p>
        <form method="post" action="/console/batch" accept-charset="utf-8">
          <CsrfField session={c.get('staffSession')} />
          {/* One-use: posting this form again (a reload of the result) shows the first result. */}
          <input type="hidden" name="submission" value={newSubmissionToken()} />
          <input type="hidden" name="count" value={String(rows.length)} />
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
                    <RowDetails b={b} t={props.t} n={n} row={row} focus={focus} invalid={invalid} describedBy={describedBy} />
                    {noted && (
                      <tr class="note">
                        <td />
                        <td colspan={ORGANIZATIONS.length + 3} id={`note_${n}`}>
                          {problems.map((error) => (
                            <p class="error">{f.problem(f.fields[error.field] ?? error.field, message(error))}</p>
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
      </ConsoleLayout>,
      status,
    );
  }

  // ----- the receipts ----------------------------------------------------

  function receiptsPage(
    c: Context<SignedInEnv>,
    result: {
      kind: 'form' | 'import';
      status: EntryReceipt['status'];
      declarations: number;
      people: number;
      receipts: ReceiptLine[];
      shared: SharedValues;
      skipped?: readonly LineNote[];
      after?: Child;
    },
  ): Response {
    const props = consoleProps(c);
    const locale = c.get('locale');
    const b = batchMessages(locale);
    const r = b.receipts;
    const query = new URLSearchParams({ channel: result.shared.channel, date: result.shared.conversationDate }).toString();
    const links = [
      ['form', `/console/batch?${query}`, r.next],
      ['import', `/console/batch/import?${query}`, r.importAnother],
    ] as const;
    const ordered = result.kind === 'form' ? links : [links[1], links[0]];
    c.header('Cache-Control', 'no-store');
    return consolePage(
      c,
      <ConsoleLayout {...props} title={r.title}>
        <p class="warning">
          <strong>{r.shownOnce}</strong>
        </p>
        <p class="lead" id="summary">
          {r.summary(result.declarations, result.people)} {result.status === 'published' ? r.published : r.pending}
        </p>
        <table class="codes" id="receipts">
          <thead>
            <tr>
              <th scope="col">{result.kind === 'form' ? r.row : r.line}</th>
              <th scope="col">{r.name}</th>
              <th scope="col">{r.number}</th>
              <th scope="col">{r.password}</th>
            </tr>
          </thead>
          <tbody>
            {result.receipts.map((receipt) => (
              <tr>
                <td>{receipt.ref}</td>
                <td>{receipt.name}</td>
                <td class="code">{formatRegistrationNumber(receipt.registrationNumber)}</td>
                <td class="code">{formatQueryPassword(receipt.queryPassword)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{r.advice}</p>
        {result.skipped && result.skipped.length > 0 && (
          <div class="errors" id="skipped">
            <p>
              <strong>{r.skippedHeading}</strong>
            </p>
            <NoteList b={b} locale={locale} notes={result.skipped} />
          </div>
        )}
        {result.after}
        <p class="actions">
          {ordered.map(([, href, label], index) => (
            <a class={index === 0 ? 'button' : 'button secondary'} href={href}>
              {label}
            </a>
          ))}
        </p>
      </ConsoleLayout>,
    );
  }

  // ----- the import ------------------------------------------------------

  function NoteList({ b, locale, notes }: { b: BatchMessages; locale: Locale; notes: readonly LineNote[] }) {
    const p = b.preview;
    return (
      <ul>
        {notes.map((note) => {
          const text = errorMessage(locale, note.code, note.params);
          if (FILE_NOTES.has(note.code)) return <li>{text}</li>;
          const where = note.field ? p.lineCell(note.line, b.form.fields[note.field] ?? note.field) : p.lineRef(note.line);
          return <li data-line={note.line}>{b.form.problem(where, text)}</li>;
        })}
      </ul>
    );
  }

  function importPage(
    c: Context<SignedInEnv>,
    state: { shared: SharedValues; text?: string; notes?: readonly LineNote[]; error?: string },
    status: 200 | 422 = 200,
  ): Response {
    const props = consoleProps(c);
    const locale = c.get('locale');
    const b = batchMessages(locale);
    const i = b.import;
    const notes = state.notes ?? [];
    return consolePage(
      c,
      <ConsoleLayout {...props} title={i.title}>
        <p>{i.intro}</p>
        <ErrorNote message={state.error} />
        {notes.length > 0 && (
          <div class="errors" role="alert" id="file-problems">
            <p>
              <strong>{b.preview.notesHeading}</strong>
            </p>
            <NoteList b={b} locale={locale} notes={notes} />
          </div>
        )}
        <form method="post" action="/console/batch/import" enctype="multipart/form-data" accept-charset="utf-8">
          <CsrfField session={c.get('staffSession')} />
          <div class="field">
            <label for="csv">{i.file}</label>
            <input type="file" id="csv" name="csv" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" autofocus />
          </div>
          <div class="field">
            <label for="text">{i.paste}</label>
            <p class="hint" id="text-hint">
              {i.pasteHint}
            </p>
            <textarea id="text" name="text" rows={5} aria-describedby="text-hint">
              {state.text ?? ''}
            </textarea>
          </div>
          <SharedFields b={b} values={state.shared} errors={new Map()} focus={null} />
          <p class="actions">
            <button type="submit">{i.preview}</button>
            <a class="button secondary" href="/console/batch">
              {i.toForm}
            </a>
          </p>
        </form>
        <h2>{i.formatHeading}</h2>
        <ul>
          {[...i.format, ...b.details.format].map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <p>{i.exampleLabel}</p>
        <pre class="example">{i.example}</pre>
      </ConsoleLayout>,
      status,
    );
  }

  /**
   * Checks rows read from a file: each row against the batch schema, the shared fields, and
   * (when asked and everything else is in order) possible duplicates, across the whole file
   * even when it is entered as several batches.
   */
  async function review(actor: Actor, candidates: readonly Candidate[], shared: SharedValues, duplicates: boolean): Promise<Review | null> {
    const rows: ReviewedRow[] = candidates.map((candidate) => {
      const result = batchRowSchema.safeParse(rowInput(candidate));
      return result.success
        ? { candidate, parsed: { row: 0, ...result.data }, problems: [], sameAs: null, recent: 0 }
        : { candidate, parsed: null, problems: rowProblems(result.error.issues), sameAs: null, recent: 0 };
    });
    let valid = rows.filter((row) => row.parsed !== null);
    const sample = valid[0];
    const checked = parseBatchInput({ ...sharedInput(shared), rows: sample ? [rowInput(sample.candidate)] : [] });
    const sharedErrors = checked.ok ? [] : checked.errors.filter((error) => error.row === 0 && error.field !== 'rows');
    if (!duplicates || sharedErrors.length > 0 || valid.length === 0) return { rows, sharedErrors };

    for (const chunk of chunked(valid, MAX_BATCH_ROWS)) {
      const outcome = await batchEntry.checkDuplicates(actor, { ...sharedInput(shared), rows: chunk.map((row) => rowInput(row.candidate)) });
      if (outcome.ok) {
        for (const warning of outcome.value) {
          const row = chunk[warning.row - 1];
          if (row) row.recent = warning.recent;
        }
        continue;
      }
      if (outcome.error === 'auth.forbidden') return null;
      // Only if the rules moved between the two checks (the date at midnight, say).
      for (const error of outcome.rowErrors ?? [{ row: 0, field: 'batch', code: outcome.error, params: {} }]) {
        const row = error.row > 0 ? chunk[error.row - 1] : undefined;
        if (!row) {
          if (!sharedErrors.some((known) => known.field === error.field)) sharedErrors.push(error);
          continue;
        }
        row.parsed = null;
        row.problems.push({ field: error.field, code: error.code, params: error.params });
      }
    }
    valid = valid.filter((row) => row.parsed !== null);
    const firstLine = new Map<string, number>();
    for (const row of valid) {
      const key = duplicateKey(row.parsed!);
      const earlier = firstLine.get(key);
      if (earlier === undefined) firstLine.set(key, row.candidate.line);
      else row.sameAs = earlier;
    }
    return { rows, sharedErrors };
  }

  /** The preview: what will be entered, what will not and why, and the form that enters it. */
  function PreviewSection(props: {
    c: Context<SignedInEnv>;
    review: Review;
    shared: SharedValues;
    /** Shown above the form: the file's problems. */
    notes: readonly LineNote[];
    /** Carried to the receipts: lines that will not be entered. */
    skipped: readonly LineNote[];
    autofocus: boolean;
  }) {
    const { c, review: checked, shared, notes } = props;
    const locale = c.get('locale');
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
    const problemText = (problem: RowProblem) => f.problem(f.fields[problem.field] ?? problem.field, errorMessage(locale, problem.code, problem.params));

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
          <div class="errors" id="file-problems">
            <p>
              <strong>{p.notesHeading}</strong>
            </p>
            <NoteList b={b} locale={locale} notes={notes} />
          </div>
        )}
        {valid.length > 0 ? (
          <form method="post" action="/console/batch/import/confirm" enctype="multipart/form-data" accept-charset="utf-8">
            <CsrfField session={c.get('staffSession')} />
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
                        {f.problem(p.lineRef(row.candidate.line), [row.sameAs !== null ? p.sameAs(row.sameAs) : '', row.recent > 0 ? f.recent(row.recent) : ''].filter(Boolean).join(' '))}
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
                    {candidate.statement && <p class="hint">{candidate.statement.length > 200 ? `${candidate.statement.slice(0, 200)}…` : candidate.statement}</p>}
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

  function previewPage(
    c: Context<SignedInEnv>,
    state: { review: Review; shared: SharedValues; notes: readonly LineNote[]; skipped: readonly LineNote[]; error?: string },
    status: 200 | 409 | 422 | 503,
  ): Response {
    const props = consoleProps(c);
    return consolePage(
      c,
      <ConsoleLayout {...props} title={batchMessages(c.get('locale')).preview.title}>
        <ErrorNote message={state.error} />
        <PreviewSection c={c} review={state.review} shared={state.shared} notes={state.notes} skipped={state.skipped} autofocus />
      </ConsoleLayout>,
      status,
    );
  }

  const receiptLines = (receipts: readonly EntryReceipt[], refOf: (row: number) => number): ReceiptLine[] =>
    receipts.map((receipt) => ({
      ref: refOf(receipt.row),
      name: receipt.name,
      registrationNumber: receipt.registrationNumber,
      queryPassword: receipt.queryPassword,
    }));

  // ----- routes ----------------------------------------------------------

  consoleRoute(router, 'GET', '/console/batch', (c) =>
    formPage(c, { shared: prefilled(c, timeZone), rows: emptyRows(FORM_ROWS) }),
  );

  consoleRoute(router, 'POST', '/console/batch', async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.invalid');
    const shared = sharedFrom(fields);
    const rows = rowsFrom(fields);
    if (rows === null) {
      const error: BatchError = { row: 0, field: 'rows', code: 'batch.tooManyRows', params: { max: MAX_BATCH_ROWS } };
      return formPage(c, { shared, rows: emptyRows(FORM_ROWS), errors: [error] }, 422);
    }
    const shown = rows.length > 0 ? rows : emptyRows(FORM_ROWS);

    if (single(fields.action) === 'aliases') {
      const suggested = withSuggestedAliases(shown, c.get('locale'));
      return formPage(c, { shared, rows: suggested.rows, focus: `name_${suggested.first ?? 1}` });
    }

    if (single(fields.action) === 'more') {
      const count = Math.max(shown.length, Math.min(shown.length + MORE_ROWS, MAX_FORM_ROWS));
      const grown = [...shown, ...emptyRows(count - shown.length)];
      return formPage(c, { shared, rows: grown, focus: count > shown.length ? `name_${shown.length + 1}` : 'name_1' });
    }

    const outcome = await batchEntry.submitBatch(
      actorOf(c),
      { ...sharedInput(shared), rows: rows.map(formRowInput) },
      { acknowledgeDuplicates: single(fields.acknowledgeDuplicates) === 'yes', locale: c.get('locale'), token: single(fields.submission) || null },
    );
    if (outcome.ok) {
      const value = outcome.value;
      return receiptsPage(c, {
        kind: 'form',
        status: value.status,
        declarations: value.declarations,
        people: value.people,
        receipts: receiptLines(value.receipts, (row) => row),
        shared,
      });
    }
    if (outcome.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
    if (outcome.duplicates) return formPage(c, { shared, rows: shown, duplicates: outcome.duplicates }, 409);
    const errors = outcome.rowErrors ?? [{ row: 0, field: 'batch', code: outcome.error, params: {} }];
    // Nothing was entered; the rows stay in the form to be sent again.
    if (outcome.error === 'request.busy') c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    return formPage(c, { shared, rows: shown, errors }, outcome.error === 'request.busy' ? 503 : 422);
  });

  consoleRoute(router, 'GET', '/console/batch/import', (c) => importPage(c, { shared: prefilled(c, timeZone) }));

  consoleRoute(router, 'POST', '/console/batch/import', async (c) => {
    const fields = await readFormBody(c);
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody({ all: true });
    } catch {
      return consoleError(c, 400, 'request.invalid');
    }
    if (!fields) return consoleError(c, 400, 'request.invalid');
    const shared = sharedFrom(fields);
    const text = single(fields.text);
    const upload = [body.csv].flat().find((value): value is File => value instanceof File && value.size > 0);
    const input = upload ? new Uint8Array(await upload.arrayBuffer()) : text.trim() !== '' ? text : null;
    if (input === null) return importPage(c, { shared, text, error: batchMessages(c.get('locale')).import.noFile }, 422);

    const parsed = parseCsvRows(input);
    const notes: LineNote[] = parsed.errors.map((error) => ({ line: error.line, field: null, code: error.code, params: error.params }));
    // Pasted text is shown again; a file is not, so a broken file is not echoed back whole.
    if (parsed.rows.length === 0) return importPage(c, { shared, text: upload ? '' : text, notes }, 422);

    const candidates: Candidate[] = parsed.rows.map((row) => ({
      line: row.line,
      name: row.name,
      orgs: row.orgs,
      headcount: row.headcount,
      region: row.region,
      behalf: row.behalf,
      title: row.title,
      statement: row.statement,
    }));
    const checked = await review(actorOf(c), candidates, shared, true);
    if (!checked) return consoleError(c, 403, 'auth.forbidden');
    const skipped = notes.filter((note) => !HEADER_NOTES.has(note.code));
    const enterable = checked.rows.some((row) => row.parsed !== null);
    return previewPage(c, { review: checked, shared, notes, skipped }, enterable ? 200 : 422);
  });

  consoleRoute(router, 'POST', '/console/batch/import/confirm', async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.invalid');
    const candidates = candidatesFrom(single(fields.rows));
    const skipped = notesFrom(single(fields.skipped));
    if (!candidates || !skipped) return consoleError(c, 422, 'request.invalid');
    const shared = sharedFrom(fields);
    const acknowledged = single(fields.acknowledgeDuplicates) === 'yes';
    const actor = actorOf(c);
    const locale = c.get('locale');

    // Posted again (a reload of its result): the batches it entered, as first shown, and nothing more.
    const token = single(fields.submission);
    const entered: BatchReceipt[] = [];
    for (let part = 0; token; part++) {
      const first = await batchEntry.enteredBatch(actor, token, part);
      if (!first) break;
      entered.push(first);
    }
    if (entered.length > 0) {
      const parts = chunked(candidates, MAX_BATCH_ROWS);
      return receiptsPage(c, {
        kind: 'import',
        status: entered[0]!.status,
        declarations: entered.reduce((sum, part) => sum + part.declarations, 0),
        people: entered.reduce((sum, part) => sum + part.people, 0),
        receipts: entered.flatMap((part, index) => receiptLines(part.receipts, (row) => parts[index]?.[row - 1]?.line ?? row)),
        shared,
        skipped,
      });
    }

    // Everything is checked before the first write: a file longer than one batch is entered as
    // several, and none of them should start unless all of them can.
    const checked = await review(actor, candidates, shared, true);
    if (!checked) return consoleError(c, 403, 'auth.forbidden');
    const valid = checked.rows.filter((row) => row.parsed !== null);
    if (checked.sharedErrors.length > 0 || valid.length < checked.rows.length || valid.length === 0) {
      return previewPage(c, { review: checked, shared, notes: skipped, skipped }, 422);
    }
    if (!acknowledged && valid.some((row) => row.sameAs !== null || row.recent > 0)) {
      return previewPage(c, { review: checked, shared, notes: skipped, skipped }, 409);
    }

    const receipts: ReceiptLine[] = [];
    let declarations = 0;
    let people = 0;
    let status: EntryReceipt['status'] = 'pending';
    const chunks = chunked(valid, MAX_BATCH_ROWS);
    for (const [index, chunk] of chunks.entries()) {
      const outcome = await batchEntry.submitBatch(
        actor,
        { ...sharedInput(shared), rows: chunk.map((row) => rowInput(row.candidate)) },
        { acknowledgeDuplicates: acknowledged, locale, token: single(fields.submission) || null, part: index },
      );
      if (outcome.ok) {
        receipts.push(...receiptLines(outcome.value.receipts, (row) => chunk[row - 1]?.candidate.line ?? row));
        declarations += outcome.value.declarations;
        people += outcome.value.people;
        status = outcome.value.status;
        continue;
      }
      // Something changed since the check (someone entered the same name a moment ago, say):
      // this batch and the rest were not entered. Receipts already drawn must still be shown.
      if (outcome.error === 'auth.forbidden' && receipts.length === 0) return consoleError(c, 403, 'auth.forbidden');
      const rest = chunks.slice(index).flat().map((row) => row.candidate);
      const again = (await review(actor, rest, shared, true)) ?? { rows: [], sharedErrors: [] };
      const error = outcome.error === 'batch.duplicates' || outcome.error === 'request.invalid' ? undefined : errorMessage(locale, outcome.error);
      if (receipts.length === 0) {
        const busy = outcome.error === 'request.busy';
        if (busy) c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        return previewPage(c, { review: again, shared, notes: skipped, skipped, ...(error ? { error } : {}) }, outcome.duplicates ? 409 : busy ? 503 : 422);
      }
      const m = batchMessages(locale);
      return receiptsPage(c, {
        kind: 'import',
        status,
        declarations,
        people,
        receipts,
        shared,
        skipped,
        after: (
          <section id="unfinished">
            <h2 class="error">{m.receipts.unfinished(rest.length)}</h2>
            <ErrorNote message={error ?? errorMessage(locale, outcome.error)} />
            <PreviewSection c={c} review={again} shared={shared} notes={[]} skipped={skipped} autofocus={false} />
          </section>
        ),
      });
    }
    return receiptsPage(c, { kind: 'import', status, declarations, people, receipts, shared, skipped });
  });

  // ----- center figures --------------------------------------------------

  consoleRoute(router, 'GET', '/console/stats/center', async (c) => {
    const actor = actorOf(c);
    const result = await batchEntry.centerTallies(actor, new Date(), timeZone);
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 500, result.error);
    const props = consoleProps(c);
    const locale = c.get('locale');
    const s = batchMessages(locale).centerStats;
    const number = new Intl.NumberFormat(catalogFor(locale).lang);
    const everyCenter = can(actor, Permission.StaffManageAll);
    const rows = result.value;
    const sum = (pick: (row: (typeof rows)[number]) => number) => number.format(rows.reduce((total, row) => total + pick(row), 0));
    return consolePage(
      c,
      <ConsoleLayout {...props} title={s.title}>
        <p>{s.intro(zoneName(props.t, timeZone))}</p>
        {rows.length === 0 ? (
          <p id="no-tallies">{s.empty}</p>
        ) : (
          <table id="center-tallies">
            <thead>
              <tr>
                <th scope="col" rowspan={2}>
                  {s.name}
                </th>
                {everyCenter && (
                  <th scope="col" rowspan={2}>
                    {s.center}
                  </th>
                )}
                <th scope="colgroup" colspan={2}>
                  {s.thisMonth}
                </th>
                <th scope="colgroup" colspan={2}>
                  {s.allTime}
                </th>
              </tr>
              <tr>
                <th scope="col">{s.declarations}</th>
                <th scope="col">{s.people}</th>
                <th scope="col">{s.declarations}</th>
                <th scope="col">{s.people}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-staff-id={row.staffId}>
                  <th scope="row">{row.name}</th>
                  {everyCenter && <td>{row.centerName ?? '—'}</td>}
                  <td>{number.format(row.thisMonth.declarations)}</td>
                  <td>{number.format(row.thisMonth.people)}</td>
                  <td>{number.format(row.allTime.declarations)}</td>
                  <td>{number.format(row.allTime.people)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{s.total}</th>
                {everyCenter && <td />}
                <td>{sum((row) => row.thisMonth.declarations)}</td>
                <td>{sum((row) => row.thisMonth.people)}</td>
                <td>{sum((row) => row.allTime.declarations)}</td>
                <td>{sum((row) => row.allTime.people)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </ConsoleLayout>,
    );
  });
}

