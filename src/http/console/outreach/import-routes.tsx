import { errorMessage } from '../../../i18n/index.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { outreachMessages } from './messages.ts';
import { campaignPage, noticePath, type OutreachPageDeps } from './page.tsx';
import { ImportPreviewPage } from './views/import-preview.tsx';

/**
 * A call list's import: the upload is streamed into staged contacts, the preview shows the counts
 * and each refused line, and confirming (or cancelling) finishes it. Nothing joins the pool before.
 */
export function importRoutes(router: ConsoleRouter, deps: OutreachPageDeps): void {
  const { outreach } = deps;

  consoleRoute(router, 'POST', '/console/campaign/:id/import', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const locale = c.get('locale');
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody({ all: true });
    } catch {
      return consoleError(c, 400, 'request.invalid');
    }
    const upload = [body.csv].flat().find((value): value is File => value instanceof File && value.size > 0);
    if (!upload) return campaignPage(deps, c, id, { error: errorMessage(locale, 'outreach.fileMissing'), status: 422 });
    const staged = await outreach.imports.stage(c.get('staffSession').actor, id, upload.stream());
    if (!staged.ok) return consoleError(c, staged.error === 'auth.forbidden' ? 403 : 404, staged.error);
    if (staged.value.kind === 'unreadable') {
      const { problem } = staged.value;
      const error = outreachMessages(locale).preview.unreadable(problem.line) + errorMessage(locale, problem.code, problem.params);
      return campaignPage(deps, c, id, { error, status: 422 });
    }
    return c.redirect(`/console/import/${staged.value.summary.importId}`, 303);
  });

  consoleRoute(router, 'GET', '/console/import/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const summary = await outreach.imports.summary(c.get('staffSession').actor, id);
    if (!summary.ok) return consoleError(c, summary.error === 'auth.forbidden' ? 403 : 404, summary.error);
    return consolePage(
      c,
      <ImportPreviewPage shell={consoleProps(c)} m={outreachMessages(c.get('locale'))} summary={summary.value} error={undefined} />,
    );
  });

  for (const action of ['confirm', 'discard'] as const) {
    consoleRoute(router, 'POST', `/console/import/:id/${action}`, async (c) => {
      const id = parseId(c.req.param('id'));
      if (id === null) return consoleError(c, 404, 'request.notFound');
      const actor = c.get('staffSession').actor;
      const found = await outreach.imports.summary(actor, id);
      if (!found.ok) return consoleError(c, found.error === 'auth.forbidden' ? 403 : 404, found.error);
      const path = `/console/campaign/${found.value.campaignId}`;
      const done = action === 'confirm' ? await outreach.imports.commit(actor, id) : await outreach.imports.discard(actor, id);
      if (!done.ok) {
        const error = errorMessage(c.get('locale'), done.error);
        return consolePage(
          c,
          <ImportPreviewPage shell={consoleProps(c)} m={outreachMessages(c.get('locale'))} summary={found.value} error={error} />,
          409,
        );
      }
      return c.redirect(action === 'confirm' ? noticePath(path, 'committed', found.value.accepted) : noticePath(path, 'discarded'), 303);
    });
  }
}
