import type { Child } from 'hono/jsx';
import { formatQueryPassword } from '../../../../domain/declaration/query-password.ts';
import { formatRegistrationNumber } from '../../../../domain/declaration/registration-number.ts';
import type { EntryReceipt } from '../../../../services/batch/entry.ts';
import type { LineNote, ReceiptLine } from '../../../../services/batch/import.ts';
import { ConsoleLayout } from '../../views/console-layout.tsx';
import type { SharedValues } from '../form.ts';
import { batchMessages } from '../messages.ts';
import { NoteList } from './fields.tsx';
import type { ConsolePage } from './page.ts';

/** The receipts of what was entered, shown once: each person's number and query password. */
export function ReceiptsPage(props: {
  page: ConsolePage;
  kind: 'form' | 'import';
  status: EntryReceipt['status'];
  declarations: number;
  people: number;
  receipts: readonly ReceiptLine[];
  shared: SharedValues;
  skipped?: readonly LineNote[] | undefined;
  after?: Child;
}) {
  const { page, ...result } = props;
  const locale = page.locale;
  const b = batchMessages(locale);
  const r = b.receipts;
  const query = new URLSearchParams({ channel: result.shared.channel, date: result.shared.conversationDate }).toString();
  const links = [
    ['form', `/console/batch?${query}`, r.next],
    ['import', `/console/batch/import?${query}`, r.importAnother],
  ] as const;
  const ordered = result.kind === 'form' ? links : [links[1], links[0]];
  return (
    <ConsoleLayout {...page} title={r.title}>
      <p class="warning">
        <strong>{r.shownOnce}</strong>
      </p>
      <p class="lead" id="summary">
        {r.summary(result.declarations, result.people)} {result.status === 'published' ? r.published : r.pending}
      </p>
      <table class="codes" id="receipts" tabindex={0} aria-label={r.title}>
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
        <div class="errors" role="alert" id="skipped">
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
    </ConsoleLayout>
  );
}
