import { BATCH_CHANNELS, BATCH_CONSENT, BATCH_LIMITS, EARLIEST_CONVERSATION_DATE } from '../../../../domain/batch/batch-input.ts';
import { latestDateOnEarth } from '../../../../domain/counter/counting-day.ts';
import { BEHALVES } from '../../../../domain/declaration/fields.ts';
import { ORGANIZATIONS } from '../../../../domain/declaration/organizations.ts';
import { REGIONS } from '../../../../domain/declaration/regions.ts';
import { errorMessage, type Catalog, type Locale } from '../../../../i18n/index.ts';
import { inReaderScript } from '../../../../i18n/script-conversion.ts';
import type { LineNote } from '../../../../services/batch/import.ts';
import type { RowValues, SharedValues } from '../form.ts';
import { fieldLabel, type BatchMessages } from '../messages.ts';

/** CSV notes about the whole file, where a line number says nothing. */
const FILE_NOTES = new Set(['csv.notUtf8', 'csv.empty']);

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

export function RegionList({ locale }: { locale: Locale }) {
  return (
    <datalist id="regions">
      {REGIONS.map((region) => (
        <option value={locale === 'en' ? region.en : inReaderScript(region.zh, locale)} />
      ))}
    </datalist>
  );
}

/** Channel, date, note and consent: what every row of the batch shares. */
export function SharedFields(props: { b: BatchMessages; values: SharedValues; errors: ReadonlyMap<string, string>; focus: string | null }) {
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
export function RowDetails(props: {
  b: BatchMessages;
  t: Catalog;
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
            <input
              {...common('title')}
              type="text"
              value={row.title}
              maxlength={BATCH_LIMITS.title * 2}
              autocomplete="off"
              placeholder={d.titleHint}
              aria-label={b.form.cell(n, d.title)}
            />
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
export function warningText(f: BatchMessages['form'], inBatch: number | null, recent: number): string {
  return [inBatch !== null ? f.sameAs(inBatch) : '', recent > 0 ? f.recent(recent) : ''].filter(Boolean).join(' ');
}

/** "Submit anyway": the volunteer has looked at the warned rows. */
export function Acknowledge({ b, focus }: { b: BatchMessages; focus: boolean }) {
  return (
    <>
      <label>
        <input type="checkbox" id="acknowledgeDuplicates" name="acknowledgeDuplicates" value="yes" autofocus={focus} /> {b.form.acknowledge}
      </label>
      <p class="hint">{b.form.acknowledgeHint}</p>
    </>
  );
}

/** Problems of a file, each with its line (and field) where it has one. */
export function NoteList({ b, locale, notes }: { b: BatchMessages; locale: Locale; notes: readonly LineNote[] }) {
  const p = b.preview;
  return (
    <ul>
      {notes.map((note) => {
        const text = errorMessage(locale, note.code, note.params);
        if (FILE_NOTES.has(note.code)) return <li>{text}</li>;
        const where = note.field ? p.lineCell(note.line, fieldLabel(b, note.field)) : p.lineRef(note.line);
        return <li data-line={note.line}>{b.form.problem(where, text)}</li>;
      })}
    </ul>
  );
}
