import type { Context } from 'hono';
import { errorMessage } from '../../../i18n/index.ts';
import { can, Permission } from '../../../domain/staff/permissions.ts';
import type { Center, CentersService } from '../../../services/centers-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { EMPTY_CENTER_FORM, centerFormValues, parseCenterForm, type CenterFieldErrors, type CenterFormValues } from './form.ts';
import { centersMessages } from './messages.ts';
import { CenterFactsPage } from './views/center-facts.tsx';
import { CenterFormPage } from './views/center-form.tsx';
import { CentersPage } from './views/centers-page.tsx';

/**
 * The service centers: admins (CentersManage) list, create and edit every
 * center; a center admin sees their own center, read-only. Each route's rule
 * is in http/console/console-rules.ts; the service checks the scope again.
 */
export function centersRoutes(router: ConsoleRouter, centers: CentersService): void {
  function newForm(c: Context<SignedInEnv>, values: CenterFormValues, errors?: CenterFieldErrors) {
    const m = centersMessages(c.get('locale'));
    return consolePage(
      c,
      <CenterFormPage
        shell={consoleProps(c)}
        m={m}
        title={m.newTitle}
        action="/console/centers"
        submit={m.create}
        values={values}
        errors={errors ?? {}}
        saved={undefined}
      />,
      errors ? 422 : 200,
    );
  }

  function editForm(
    c: Context<SignedInEnv>,
    center: Center,
    values: CenterFormValues,
    options: { errors?: CenterFieldErrors; saved?: boolean } = {},
  ) {
    const m = centersMessages(c.get('locale'));
    return consolePage(
      c,
      <CenterFormPage
        shell={consoleProps(c)}
        m={m}
        title={center.name}
        action={`/console/center/${center.id}`}
        submit={m.save}
        values={values}
        errors={options.errors ?? {}}
        saved={options.saved}
      />,
      options.errors ? 422 : 200,
    );
  }

  /**
   * A center outside the actor's scope answers 404, like one that does not
   * exist: the route rule already admitted the role, and an unlisted center
   * stays unlisted.
   */
  async function findCenter(c: Context<SignedInEnv>) {
    const id = parseId(c.req.param('id'));
    if (id === null) return null;
    const result = await centers.get(c.get('staffSession').actor, id);
    return result.ok ? result.value : null;
  }

  consoleRoute(router, 'GET', '/console/centers', async (c) => {
    const actor = c.get('staffSession').actor;
    const result = await centers.list(actor);
    if (!result.ok) return consoleError(c, 403, result.error);
    return consolePage(
      c,
      <CentersPage
        shell={consoleProps(c)}
        m={centersMessages(c.get('locale'))}
        centers={result.value}
        manage={can(actor, Permission.CentersManage)}
        hasCenter={actor.centerId !== null}
      />,
    );
  });

  // One center is /console/center/:id, not /console/centers/:id beside this one: see createApp.
  consoleRoute(router, 'GET', '/console/centers/new', (c) => newForm(c, EMPTY_CENTER_FORM));

  consoleRoute(router, 'POST', '/console/centers', async (c) => {
    const form = parseCenterForm(c.get('locale'), (await readFormBody(c)) ?? {});
    if (!form.ok) return newForm(c, form.values, form.errors);
    const result = await centers.create(c.get('staffSession').actor, form.input);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, result.error);
      return newForm(c, form.values, { name: errorMessage(c.get('locale'), result.error) });
    }
    return c.redirect(`/console/center/${result.value.id}?saved=1`, 303);
  });

  consoleRoute(router, 'GET', '/console/center/:id', async (c) => {
    const center = await findCenter(c);
    if (!center) return consoleError(c, 404, 'request.notFound');
    const saved = c.req.query('saved') === '1';
    if (can(c.get('staffSession').actor, Permission.CentersManage)) return editForm(c, center, centerFormValues(center), { saved });
    return consolePage(c, <CenterFactsPage shell={consoleProps(c)} m={centersMessages(c.get('locale'))} center={center} />);
  });

  consoleRoute(router, 'POST', '/console/center/:id', async (c) => {
    const center = await findCenter(c);
    if (!center) return consoleError(c, 404, 'request.notFound');
    const form = parseCenterForm(c.get('locale'), (await readFormBody(c)) ?? {});
    if (!form.ok) return editForm(c, center, form.values, { errors: form.errors });
    const result = await centers.update(c.get('staffSession').actor, center.id, form.input);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, result.error);
      if (result.error === 'request.notFound') return consoleError(c, 404, result.error);
      return editForm(c, center, form.values, { errors: { name: errorMessage(c.get('locale'), result.error) } });
    }
    return c.redirect(`/console/center/${center.id}?saved=1`, 303);
  });
}
