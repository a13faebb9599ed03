import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorMessage } from '../../../i18n/index.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { outreachMessages } from './messages.ts';
import type { OutreachPageDeps } from './page.tsx';
import { DoNotCallPage } from './views/do-not-call-page.tsx';

/** The do-not-call list: add a number, check one. The page never shows a number it did not receive. */
export function doNotCallRoutes(router: ConsoleRouter, { outreach }: OutreachPageDeps): void {
  async function page(
    c: Context<SignedInEnv>,
    shown: { notice?: string; error?: string; phone?: string },
    status: ContentfulStatusCode = 200,
  ) {
    const count = await outreach.doNotCall.count(c.get('staffSession').actor);
    if (!count.ok) return consoleError(c, 403, count.error);
    const m = outreachMessages(c.get('locale'));
    return consolePage(
      c,
      <DoNotCallPage
        shell={consoleProps(c)}
        m={m}
        count={count.value}
        notice={shown.notice}
        error={shown.error}
        phone={shown.phone ?? ''}
      />,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/do-not-call', (c) => page(c, {}));

  consoleRoute(router, 'POST', '/console/do-not-call', async (c) => {
    const phone = single((await readFormBody(c))?.phone);
    const added = await outreach.doNotCall.add(c.get('staffSession').actor, phone);
    const m = outreachMessages(c.get('locale'));
    if (!added.ok)
      return added.error === 'auth.forbidden'
        ? consoleError(c, 403, added.error)
        : page(c, { error: errorMessage(c.get('locale'), added.error), phone }, 422);
    return page(c, { notice: added.value.added ? m.doNotCall.added(added.value.suppressed) : m.doNotCall.already });
  });

  consoleRoute(router, 'POST', '/console/do-not-call/check', async (c) => {
    const phone = single((await readFormBody(c))?.phone);
    const listed = await outreach.doNotCall.isListed(c.get('staffSession').actor, phone);
    const m = outreachMessages(c.get('locale'));
    if (!listed.ok)
      return listed.error === 'auth.forbidden'
        ? consoleError(c, 403, listed.error)
        : page(c, { error: errorMessage(c.get('locale'), listed.error), phone }, 422);
    return page(c, { notice: listed.value ? m.doNotCall.listed : m.doNotCall.notListed, phone });
  });
}
