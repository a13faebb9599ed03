import type { Context } from 'hono';
import { BUSY_RETRY_AFTER_SECONDS } from '../../../db/database-busy.ts';
import { MAX_BATCH_ROWS, type BatchError } from '../../../domain/batch/batch-input.ts';
import type { BatchEntryService } from '../../../services/batch/batch-entry-service.ts';
import type { InboxService } from '../../../services/inbox/inbox-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { centerStatisticsRoutes } from './center-statistics-routes.tsx';
import {
  FORM_ROWS,
  MAX_FORM_ROWS,
  MORE_ROWS,
  emptyRows,
  formRowInput,
  prefilled,
  rowsFrom,
  sharedFrom,
  sharedInput,
  withSuggestedAliases,
} from './form.ts';
import { importRoutes } from './import-routes.tsx';
import { BatchFormPage } from './views/batch-form.tsx';
import { ReceiptsPage } from './views/receipts.tsx';

/**
 * Batch entry in the console: the form of many rows, the import of a file (import-routes.tsx)
 * and the center's tallies of what was entered (center-statistics-routes.tsx).
 */
export function batchRoutes(
  router: ConsoleRouter,
  batchEntry: BatchEntryService,
  timeZone: string,
  inbox: Pick<InboxService, 'draft'>,
): void {
  const formPage = async (
    c: Context<SignedInEnv>,
    state: Omit<Parameters<typeof BatchFormPage>[0], 'page' | 'callCenter' | 'inboxText'>,
    status: 200 | 409 | 422 | 503 = 200,
  ) => {
    // A call's batch names the center it counts for: its campaign's.
    const callCenter =
      state.shared.call === '' ? null : await batchEntry.callCenter(c.get('staffSession').actor, Number(state.shared.call));
    // An inbox item's batch shows the item's text beside the rows it was read into.
    const draft = state.shared.inboxItem === '' ? null : await inbox.draft(c.get('staffSession').actor, Number(state.shared.inboxItem));
    const inboxText = draft?.ok ? draft.value.text : null;
    return consolePage(c, <BatchFormPage page={consoleProps(c)} callCenter={callCenter} inboxText={inboxText} {...state} />, status);
  };

  consoleRoute(router, 'GET', '/console/batch', async (c) => {
    const state = prefilled(c, timeZone);
    if (state.shared.inboxItem !== '') {
      const draft = await inbox.draft(c.get('staffSession').actor, Number(state.shared.inboxItem));
      if (!draft.ok)
        return consoleError(c, draft.error === 'auth.forbidden' ? 403 : draft.error === 'request.notFound' ? 404 : 409, draft.error);
      draft.value.names.forEach((name, i) => {
        if (state.rows[i]) state.rows[i] = { ...state.rows[i], name };
      });
    }
    return formPage(c, state);
  });

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
      c.get('staffSession').actor,
      { ...sharedInput(shared), rows: rows.map(formRowInput) },
      {
        acknowledgeDuplicates: single(fields.acknowledgeDuplicates) === 'yes',
        locale: c.get('locale'),
        token: single(fields.submission) || null,
        call: shared.call === '' ? null : Number(shared.call),
        inboxItem: shared.inboxItem === '' ? null : Number(shared.inboxItem),
      },
    );
    if (outcome.ok) {
      const value = outcome.value;
      c.header('Cache-Control', 'no-store');
      return consolePage(
        c,
        <ReceiptsPage
          page={consoleProps(c)}
          kind="form"
          status={value.status}
          declarations={value.declarations}
          people={value.people}
          receipts={value.receipts.map((receipt) => ({ ...receipt, ref: receipt.row }))}
          shared={shared}
        />,
      );
    }
    if (outcome.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
    if (outcome.duplicates) return formPage(c, { shared, rows: shown, duplicates: outcome.duplicates }, 409);
    const errors = outcome.rowErrors ?? [{ row: 0, field: 'batch', code: outcome.error, params: {} }];
    // Nothing was entered; the rows stay in the form to be sent again.
    if (outcome.error === 'request.busy') c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    return formPage(c, { shared, rows: shown, errors }, outcome.error === 'request.busy' ? 503 : 422);
  });

  importRoutes(router, batchEntry, timeZone);
  centerStatisticsRoutes(router, batchEntry, timeZone);
}
