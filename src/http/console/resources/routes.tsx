import type { Context } from 'hono';
import { errorMessage, isLocale, type Locale } from '../../../i18n/index.ts';
import type { ResourcesService } from '../../../services/resources/resources-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { resourcesConsoleMessages } from './messages.ts';
import { ResourceEditor } from './views/resource-editor.tsx';
import { EMPTY_LINK_FORM, ResourcesOverview, type LinkFormValues } from './views/resources-overview.tsx';

/**
 * The resources page's editor (docs/resources.md): one text per language, saved as versions that are
 * only ever added, and the outside addresses the page may link to. Each route's rule is in
 * console-rules.ts (ResourcesEdit); the service checks it again and audits every change.
 */
export function resourcesRoutes(router: ConsoleRouter, resources: ResourcesService, timeZone: string): void {
  const messages = (c: Context<SignedInEnv>) => resourcesConsoleMessages(c.get('locale'));
  const actorOf = (c: Context<SignedInEnv>) => c.get('staffSession').actor;

  async function overview(c: Context<SignedInEnv>, options: { notice?: string; error?: string; values?: LinkFormValues } = {}) {
    const state = await resources.overview(actorOf(c));
    if (!state.ok) return consoleError(c, 403, state.error);
    return consolePage(
      c,
      <ResourcesOverview
        shell={consoleProps(c)}
        m={messages(c)}
        timeZone={timeZone}
        current={state.value.current}
        links={state.value.links}
        notice={options.notice}
        error={options.error}
        values={options.values ?? EMPTY_LINK_FORM}
      />,
      options.error ? 422 : 200,
    );
  }

  async function editor(c: Context<SignedInEnv>, locale: Locale, options: { text?: string; error?: string; notice?: string } = {}) {
    const actor = actorOf(c);
    const state = await resources.editor(actor, locale);
    if (!state.ok) return consoleError(c, 403, state.error);
    const versionId = c.req.method === 'GET' ? c.req.query('version') : undefined;
    const viewing = versionId === undefined ? undefined : await resources.version(actor, locale, parseId(versionId) ?? 0);
    if (viewing && !viewing.ok) return consoleError(c, 404, 'request.notFound');
    return consolePage(
      c,
      <ResourceEditor
        shell={consoleProps(c)}
        m={messages(c)}
        timeZone={timeZone}
        locale={locale}
        text={options.text ?? state.value.body}
        current={state.value.current}
        history={state.value.history}
        links={state.value.links}
        viewing={viewing?.ok ? viewing.value : undefined}
        notice={options.notice}
        error={options.error}
      />,
      options.error ? 422 : 200,
    );
  }

  const localeOf = (c: Context<SignedInEnv>): Locale | null => {
    const locale = c.req.param('locale') ?? '';
    return isLocale(locale) ? locale : null;
  };

  consoleRoute(router, 'GET', '/console/resources', (c) => {
    const done = c.req.query('done');
    const m = messages(c);
    return overview(c, { ...(done === 'added' ? { notice: m.added } : done === 'removed' ? { notice: m.removed } : {}) });
  });

  consoleRoute(router, 'GET', '/console/resources/:locale', (c) => {
    const locale = localeOf(c);
    if (!locale) return consoleError(c, 404, 'request.notFound');
    const done = c.req.query('done');
    const m = messages(c);
    return editor(c, locale, done === 'saved' ? { notice: m.saved } : done === 'restored' ? { notice: m.restored } : {});
  });

  consoleRoute(router, 'POST', '/console/resources/:locale', async (c) => {
    const locale = localeOf(c);
    if (!locale) return consoleError(c, 404, 'request.notFound');
    const text = single((await readFormBody(c))?.body);
    const saved = await resources.save(actorOf(c), locale, text);
    if (saved.ok) return c.redirect(`/console/resources/${locale}?done=saved`, 303);
    if (saved.error === 'auth.forbidden') return consoleError(c, 403, saved.error);
    return editor(c, locale, { text, error: errorMessage(c.get('locale'), saved.error, saved.params) });
  });

  consoleRoute(router, 'POST', '/console/resources/:locale/restore', async (c) => {
    const locale = localeOf(c);
    if (!locale) return consoleError(c, 404, 'request.notFound');
    const from = parseId(single((await readFormBody(c))?.version));
    const restored = await resources.restore(actorOf(c), locale, from ?? 0);
    if (restored.ok) return c.redirect(`/console/resources/${locale}?done=restored`, 303);
    if (restored.error === 'auth.forbidden') return consoleError(c, 403, restored.error);
    if (restored.error === 'request.notFound') return consoleError(c, 404, restored.error);
    return editor(c, locale, { error: errorMessage(c.get('locale'), restored.error, restored.params) });
  });

  consoleRoute(router, 'POST', '/console/resource-links', async (c) => {
    const fields = (await readFormBody(c)) ?? {};
    const values = { url: single(fields.url), kind: single(fields.kind), label: single(fields.label) };
    const added = await resources.addLink(actorOf(c), values);
    if (added.ok) return c.redirect('/console/resources?done=added#links', 303);
    if (added.error === 'auth.forbidden') return consoleError(c, 403, added.error);
    return overview(c, { error: errorMessage(c.get('locale'), added.error), values });
  });

  consoleRoute(router, 'POST', '/console/resource-links/:id/remove', async (c) => {
    const removed = await resources.removeLink(actorOf(c), parseId(c.req.param('id')) ?? 0);
    if (removed.ok) return c.redirect('/console/resources?done=removed#links', 303);
    return consoleError(c, removed.error === 'auth.forbidden' ? 403 : 404, removed.error);
  });
}
