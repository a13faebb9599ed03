import type { Context } from 'hono';
import { errorMessage } from '../../../i18n/index.ts';
import type { ModerationService } from '../../../services/moderation/moderation-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { ConsoleLayout, CsrfField, ErrorNote } from '../views/console-layout.tsx';
import { moderationMessages } from './messages.ts';

/** The managed reject reasons: the list, a new reason, retiring and restoring one. */
export function reasonsRoutes(router: ConsoleRouter, moderation: ModerationService) {
  async function reasonsPage(c: Context<SignedInEnv>, error?: string, status: 200 | 422 = 200) {
    const props = consoleProps(c);
    const m = moderationMessages(c.get('locale'));
    const session = c.get('staffSession');
    const reasons = await moderation.allReasons(session.actor);
    if (!reasons.ok) return consoleError(c, 403, reasons.error);
    const locales = ['zh-hans', 'zh-hant', 'en'] as const;
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.reasonsTitle}>
        <p>{m.reasonsIntro}</p>
        <ErrorNote message={error} />
        <table>
          <thead>
            <tr>
              {locales.map((locale) => (
                <th>{m.reasonLabels[locale]}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {reasons.value.map((reason) => (
              <tr data-reason={reason.id}>
                {locales.map((locale) => (
                  <td>{reason.labels[locale]}</td>
                ))}
                <td>
                  {reason.active ? m.reasonActive : m.reasonRetired}{' '}
                  <form method="post" action={`/console/reasons/${reason.id}/${reason.active ? 'retire' : 'restore'}`} class="inline">
                    <CsrfField session={session} />
                    <button type="submit" class="chip">
                      {reason.active ? m.retire : m.restore}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{m.addReason}</h2>
        <form method="post" action="/console/reasons">
          <CsrfField session={session} />
          {locales.map((locale) => (
            <div class="field">
              <label for={`reason-${locale}`}>{m.reasonLabels[locale]}</label>
              <input id={`reason-${locale}`} name={locale} required maxlength={200} />
            </div>
          ))}
          <button type="submit">{m.addReason}</button>
        </form>
      </ConsoleLayout>,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/reasons', (c) => reasonsPage(c));

  consoleRoute(router, 'POST', '/console/reasons', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const result = await moderation.addReason(c.get('staffSession').actor, {
      'zh-hans': single(fields['zh-hans']),
      'zh-hant': single(fields['zh-hant']),
      en: single(fields.en),
    });
    if (!result.ok) return reasonsPage(c, errorMessage(c.get('locale'), result.error), 422);
    return c.redirect('/console/reasons', 303);
  });

  consoleRoute(router, 'POST', '/console/reasons/:id/:action', async (c) => {
    const action = c.req.param('action');
    if (action !== 'retire' && action !== 'restore') return consoleError(c, 404, 'request.notFound');
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const result = await moderation.setReasonActive(c.get('staffSession').actor, id, action === 'restore');
    if (!result.ok) return consoleError(c, result.error === 'auth.forbidden' ? 403 : 404, result.error);
    return c.redirect('/console/reasons', 303);
  });
}
