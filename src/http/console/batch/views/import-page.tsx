import type { LineNote } from '../../../../services/batch/import.ts';
import { ConsoleLayout, CsrfField, ErrorNote } from '../../views/console-layout.tsx';
import type { SharedValues } from '../form.ts';
import { batchMessages } from '../messages.ts';
import { NoteList, SharedFields } from './fields.tsx';
import type { ConsolePage } from './page.ts';

/** The import's first page: a file or pasted cells, the shared fields, and the format. */
export function ImportPage(props: {
  page: ConsolePage;
  shared: SharedValues;
  text?: string | undefined;
  notes?: readonly LineNote[] | undefined;
  error?: string | undefined;
}) {
  const { page, ...state } = props;
  const locale = page.locale;
  const b = batchMessages(locale);
  const i = b.import;
  const notes = state.notes ?? [];
  return (
    <ConsoleLayout {...page} title={i.title}>
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
        <CsrfField session={page.session} />
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
    </ConsoleLayout>
  );
}
