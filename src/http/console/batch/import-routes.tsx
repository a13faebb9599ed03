import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { BUSY_RETRY_AFTER_SECONDS } from '../../../db/database-busy.ts';
import { errorMessage } from '../../../i18n/index.ts';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import type { ImportResult, LineNote, Review } from '../../../services/batch/import.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { ErrorNote } from '../views/console-layout.tsx';
import { candidatesFrom, notesFrom, prefilled, sharedFrom, sharedInput, type SharedValues } from './form.ts';
import { batchMessages } from './messages.ts';
import { ImportPage } from './views/import-page.tsx';
import { PreviewPage, PreviewSection } from './views/preview.tsx';
import { ReceiptsPage } from './views/receipts.tsx';

type BatchImport = Pick<BatchEntryService, 'previewImport' | 'confirmImport'>;

/** The import of a file: upload or paste, preview every row, confirm to enter them as batches. */
export function importRoutes(router: ConsoleRouter, batchEntry: BatchImport, timeZone: string): void {
  const receiptsPage = (
    c: Context<SignedInEnv>,
    result: ImportResult,
    shared: SharedValues,
    skipped: readonly LineNote[],
    after?: Child,
  ) => {
    c.header('Cache-Control', 'no-store');
    return consolePage(
      c,
      <ReceiptsPage page={consoleProps(c)} kind="import" {...result} shared={shared} skipped={skipped} after={after} />,
    );
  };

  consoleRoute(router, 'GET', '/console/batch/import', (c) =>
    consolePage(c, <ImportPage page={consoleProps(c)} shared={prefilled(c, timeZone).shared} />),
  );

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
    const page = consoleProps(c);
    if (input === null)
      return consolePage(c, <ImportPage page={page} shared={shared} text={text} error={batchMessages(page.locale).import.noFile} />, 422);

    const preview = await batchEntry.previewImport(c.get('staffSession').actor, input, sharedInput(shared));
    if (!preview.ok) return consoleError(c, 403, preview.error);
    const { notes, skipped, review } = preview.value;
    // Pasted text is shown again; a file is not, so a broken file is not echoed back whole.
    if (review === null) return consolePage(c, <ImportPage page={page} shared={shared} text={upload ? '' : text} notes={notes} />, 422);
    const enterable = review.rows.some((row) => row.parsed !== null);
    return consolePage(
      c,
      <PreviewPage page={page} review={review} shared={shared} notes={notes} skipped={skipped} />,
      enterable ? 200 : 422,
    );
  });

  consoleRoute(router, 'POST', '/console/batch/import/confirm', async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.invalid');
    const candidates = candidatesFrom(single(fields.rows));
    const skipped = notesFrom(single(fields.skipped));
    if (!candidates || !skipped) return consoleError(c, 422, 'request.invalid');
    const shared = sharedFrom(fields);
    const locale = c.get('locale');
    const outcome = await batchEntry.confirmImport(
      c.get('staffSession').actor,
      { rows: candidates, shared: sharedInput(shared) },
      { acknowledgeDuplicates: single(fields.acknowledgeDuplicates) === 'yes', locale, token: single(fields.submission) || null },
    );
    const page = consoleProps(c);
    const preview = (review: Review, status: 409 | 422 | 503, error?: string) =>
      consolePage(c, <PreviewPage page={page} review={review} shared={shared} notes={skipped} skipped={skipped} error={error} />, status);

    switch (outcome.kind) {
      case 'forbidden':
        return consoleError(c, 403, 'auth.forbidden');
      case 'entered':
        return receiptsPage(c, outcome.result, shared, skipped);
      case 'refused':
        return preview(outcome.review, outcome.duplicates ? 409 : 422);
      case 'stopped': {
        const error =
          outcome.error === 'batch.duplicates' || outcome.error === 'request.invalid' ? undefined : errorMessage(locale, outcome.error);
        if (outcome.result.receipts.length === 0) {
          const busy = outcome.error === 'request.busy';
          if (busy) c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
          return preview(outcome.review, outcome.duplicates ? 409 : busy ? 503 : 422, error);
        }
        return receiptsPage(
          c,
          outcome.result,
          shared,
          skipped,
          <section id="unfinished">
            <h2 class="error">{batchMessages(locale).receipts.unfinished(outcome.unfinished)}</h2>
            <ErrorNote message={errorMessage(locale, outcome.error)} />
            <PreviewSection page={page} review={outcome.review} shared={shared} notes={[]} skipped={skipped} autofocus={false} />
          </section>,
        );
      }
    }
  });
}
