import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorMessage } from '../../../i18n/index.ts';
import type { SignedInEnv } from '../../env.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { outreachMessages } from './messages.ts';
import type { OutreachPageDeps } from './page.tsx';
import { CallbacksPage } from './views/callbacks-page.tsx';

/** The callbacks queue, and taking one into one's lease to call it next. */
export function callbackRoutes(router: ConsoleRouter, { outreach }: OutreachPageDeps): void {
  async function page(c: Context<SignedInEnv>, error?: string, status: ContentfulStatusCode = 200) {
    const queue = await outreach.callbacks.queue(c.get('staffSession').actor);
    if (!queue.ok) return consoleError(c, 403, queue.error);
    return consolePage(
      c,
      <CallbacksPage shell={consoleProps(c)} m={outreachMessages(c.get('locale'))} items={queue.value} error={error} />,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/callbacks', (c) => page(c));

  consoleRoute(router, 'POST', '/console/callbacks/:id/take', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const taken = await outreach.callbacks.take(c.get('staffSession').actor, id);
    if (taken.ok) return c.redirect(`/console/campaign/${taken.value}/call`, 303);
    if (taken.error === 'auth.forbidden' || taken.error === 'request.notFound')
      return consoleError(c, taken.error === 'auth.forbidden' ? 403 : 404, taken.error);
    return page(c, errorMessage(c.get('locale'), taken.error), 409);
  });
}
