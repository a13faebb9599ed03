import { errorMessage } from '../../../../i18n/index.ts';
import type { ImportSummary } from '../../../../services/outreach/import-service.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { OutreachMessages } from '../messages.ts';
import { ContactTable } from './campaign-page.tsx';

/** What an upload would import, each refused line with why, and the buttons that confirm or cancel it. */
export function ImportPreviewPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  summary: ImportSummary;
  error: string | undefined;
}) {
  const { m, summary, shell } = props;
  const locale = shell.locale;
  const path = `/console/import/${summary.importId}`;
  return (
    <ConsoleLayout {...shell} title={m.preview.title}>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <p>{m.preview.summary(summary.rows)}</p>
      <dl class="facts" id="import-counts">
        <dt>{m.preview.accepted}</dt>
        <dd data-count="accepted">{summary.accepted}</dd>
        <dt>{m.preview.duplicates}</dt>
        <dd data-count="duplicates">{summary.duplicates}</dd>
        <dt>{m.preview.doNotCall}</dt>
        <dd data-count="doNotCall">{summary.doNotCall}</dd>
        <dt>{m.preview.invalid}</dt>
        <dd data-count="invalid">{summary.invalid}</dd>
      </dl>
      {summary.errors.length > 0 && (
        <table id="import-errors">
          <thead>
            <tr>
              <th>{m.preview.line}</th>
              <th>{m.preview.problem}</th>
            </tr>
          </thead>
          <tbody>
            {summary.errors.map((error) => (
              <tr data-line={error.line}>
                <td>{error.line}</td>
                <td>{errorMessage(locale, error.code, error.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.sample.length > 0 && (
        <>
          <h2>{m.preview.sample}</h2>
          <ContactTable m={m} contacts={summary.sample} id="import-sample" />
        </>
      )}
      {summary.status === 'staged' && (
        <div class="row">
          {summary.accepted > 0 && (
            <form method="post" action={`${path}/confirm`}>
              <CsrfField session={shell.session} />
              <button type="submit">{m.preview.confirm}</button>
            </form>
          )}
          <form method="post" action={`${path}/discard`}>
            <CsrfField session={shell.session} />
            <button type="submit" class="secondary">
              {m.preview.discard}
            </button>
          </form>
        </div>
      )}
    </ConsoleLayout>
  );
}
