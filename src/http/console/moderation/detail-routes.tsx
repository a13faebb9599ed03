import type { Context } from 'hono';
import { errorMessage } from '../../../i18n/index.ts';
import type { ContactService } from '../../../services/contact-service.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import type { DetailPage } from './detail-page.tsx';

/** The detail page and its actions: redact, mark as a duplicate, unpublish, feature, reveal the contact. */
export function detailRoutes(router: ConsoleRouter, moderation: ModerationService, contacts: ContactService, detailPage: DetailPage) {
  consoleRoute(router, 'GET', '/console/moderation/:number', (c) => detailPage(c));

  /** Runs one detail-page action: 303 back on success, the page with the error otherwise. */
  async function act(
    c: Context<SignedInEnv>,
    run: (
      fields: Record<string, string | string[]>,
      number: string,
    ) => Promise<{ ok: true } | { ok: false; error: Parameters<typeof errorMessage>[1] }>,
  ) {
    const number = c.req.param('number') ?? '';
    const fields = (await readFormBody(c)) ?? {};
    const result = await run(fields, number);
    if (result.ok) return c.redirect(`/console/moderation/${number}?saved=1`, 303);
    if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
    if (result.error === 'request.notFound') return consoleError(c, 404, 'request.notFound');
    return detailPage(c, { error: errorMessage(c.get('locale'), result.error), status: 422 });
  }

  consoleRoute(router, 'POST', '/console/moderation/:number/redact', (c) =>
    act(c, (fields, number) => {
      const statement = single(fields.statement);
      // A form from before names and region could be redacted leaves them as they are.
      const names = fields.names === undefined ? undefined : single(fields.names);
      const region = fields.region === undefined ? undefined : single(fields.region);
      return moderation.redact(c.get('staffSession').actor, number, {
        title: single(fields.title),
        statement: statement.trim() === '' ? null : statement,
        names,
        region: region === undefined || region.trim() !== '' ? region : null,
      });
    }),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/duplicate', (c) =>
    act(c, (fields, number) => moderation.markDuplicate(c.get('staffSession').actor, number, single(fields.original))),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/unpublish', (c) =>
    act(c, (fields, number) => moderation.unpublish(c.get('staffSession').actor, number, parseId(single(fields.reasonId)) ?? 0)),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/feature', (c) =>
    act(c, (fields, number) =>
      moderation.feature(c.get('staffSession').actor, number, single(fields.day), single(fields.featured) !== 'no'),
    ),
  );

  consoleRoute(router, 'POST', '/console/moderation/:number/contact', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const reason = single(fields.reason).trim();
    if (!reason) return detailPage(c, { error: errorMessage(c.get('locale'), 'text.required'), status: 422 });
    const result = await contacts.reveal(c.get('staffSession').actor, c.req.param('number') ?? '', reason);
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 404, result.error);
    return detailPage(c, { contact: result.value });
  });
}
