import { parseScriptText } from '../../../domain/outreach/script-text.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import { errorMessage } from '../../../i18n/index.ts';
import { readFormBody, single } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { ConsoleLayout } from '../views/console-layout.tsx';
import { overridesFrom } from './consequences-form.ts';
import { campaignFieldErrors, campaignFormFrom, emptyCampaignForm, type CampaignFieldErrors, type CampaignFormValues } from './form.ts';
import { outreachMessages } from './messages.ts';
import { campaignPage, centerChoices, noticePath, type OutreachPageDeps } from './page.tsx';
import { CampaignForm } from './views/campaign-form.tsx';
import { CampaignsPage } from './views/campaigns-page.tsx';

/**
 * Campaigns: the list, a new one, one campaign's page and its settings, and the leases taken,
 * given back, assigned and taken back from it. Each route's rule is in console-rules.ts; the
 * service checks the permission and the campaign's center again.
 */
export function campaignRoutes(router: ConsoleRouter, deps: OutreachPageDeps): void {
  const { outreach } = deps;

  consoleRoute(router, 'GET', '/console/campaigns', async (c) => {
    const actor = c.get('staffSession').actor;
    const campaigns = await outreach.campaigns.list(actor);
    if (!campaigns.ok) return consoleError(c, 403, campaigns.error);
    const manage = can(actor, Permission.OutreachManageCenter) || can(actor, Permission.OutreachManageAll);
    return consolePage(
      c,
      <CampaignsPage
        shell={consoleProps(c)}
        m={outreachMessages(c.get('locale'))}
        campaigns={campaigns.value}
        centers={await deps.centers.choices()}
        manage={manage}
      />,
    );
  });

  async function newForm(
    c: Parameters<Parameters<typeof consoleRoute>[3]>[0],
    values: CampaignFormValues,
    errors: CampaignFieldErrors = {},
  ) {
    const m = outreachMessages(c.get('locale'));
    const shell = consoleProps(c);
    return consolePage(
      c,
      <ConsoleLayout {...shell} title={m.form.newTitle}>
        <CampaignForm
          m={m}
          session={shell.session}
          action="/console/campaigns"
          submit={m.form.create}
          values={values}
          errors={errors}
          centers={await centerChoices(deps, c)}
        />
      </ConsoleLayout>,
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  // One campaign is /console/campaign/:id, not /console/campaigns/:id beside this one: see createApp.
  consoleRoute(router, 'GET', '/console/campaigns/new', (c) => newForm(c, emptyCampaignForm(c.get('staffSession').actor.centerId)));

  consoleRoute(router, 'POST', '/console/campaigns', async (c) => {
    const values = campaignFormFrom((await readFormBody(c)) ?? {});
    const created = await outreach.campaigns.create(c.get('staffSession').actor, values);
    if (created.ok) return c.redirect(noticePath(`/console/campaign/${created.value.id}`, 'saved'), 303);
    if (created.error === 'auth.forbidden') return consoleError(c, 403, created.error);
    return newForm(c, values, campaignFieldErrors(c.get('locale'), created.fields ?? {}));
  });

  consoleRoute(router, 'GET', '/console/campaign/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    return id === null ? consoleError(c, 404, 'request.notFound') : campaignPage(deps, c, id);
  });

  consoleRoute(router, 'POST', '/console/campaign/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const values = campaignFormFrom((await readFormBody(c)) ?? {});
    const updated = await outreach.campaigns.update(c.get('staffSession').actor, id, values);
    if (updated.ok) return c.redirect(noticePath(`/console/campaign/${id}`, 'saved'), 303);
    if (updated.error !== 'request.invalid') return consoleError(c, updated.error === 'auth.forbidden' ? 403 : 404, updated.error);
    return campaignPage(deps, c, id, { values, errors: campaignFieldErrors(c.get('locale'), updated.fields ?? {}), status: 422 });
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/lease', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const lease = await outreach.leases.take(c.get('staffSession').actor, id);
    if (!lease.ok) return consoleError(c, lease.error === 'auth.forbidden' ? 403 : 404, lease.error);
    const path = `/console/campaign/${id}`;
    return c.redirect(lease.value.taken > 0 ? noticePath(path, 'taken', lease.value.taken) : noticePath(path, 'poolEmpty'), 303);
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/release', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const released = await outreach.leases.release(c.get('staffSession').actor, id);
    if (!released.ok) return consoleError(c, released.error === 'auth.forbidden' ? 403 : 404, released.error);
    return c.redirect(noticePath(`/console/campaign/${id}`, 'released', released.value), 303);
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/script', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const text = single((await readFormBody(c))?.script);
    const locale = c.get('locale');
    const parsed = parseScriptText(text);
    if (!parsed.ok) {
      const error =
        parsed.line === null ? errorMessage(locale, 'outreach.scriptInvalid') : outreachMessages(locale).script.lineError(parsed.line);
      return campaignPage(deps, c, id, { error, scriptText: text, status: 422 });
    }
    const saved = await outreach.campaigns.saveScript(c.get('staffSession').actor, id, parsed.script);
    if (!saved.ok) {
      if (saved.error === 'auth.forbidden' || saved.error === 'request.notFound')
        return consoleError(c, saved.error === 'auth.forbidden' ? 403 : 404, saved.error);
      return campaignPage(deps, c, id, { error: errorMessage(locale, saved.error), scriptText: text, status: 422 });
    }
    return c.redirect(noticePath(`/console/campaign/${id}`, 'scriptSaved', saved.value), 303);
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/consequences', async (c) => {
    const id = parseId(c.req.param('id'));
    if (id === null) return consoleError(c, 404, 'request.notFound');
    const saved = await outreach.campaigns.setConsequences(c.get('staffSession').actor, id, overridesFrom((await readFormBody(c)) ?? {}));
    if (saved.ok) return c.redirect(noticePath(`/console/campaign/${id}`, 'consequencesSaved'), 303);
    if (saved.error === 'auth.forbidden' || saved.error === 'request.notFound')
      return consoleError(c, saved.error === 'auth.forbidden' ? 403 : 404, saved.error);
    return campaignPage(deps, c, id, { error: errorMessage(c.get('locale'), saved.error), status: 422 });
  });

  for (const action of ['assign', 'revoke'] as const) {
    consoleRoute(router, 'POST', `/console/campaign/:id/${action}`, async (c) => {
      const id = parseId(c.req.param('id'));
      if (id === null) return consoleError(c, 404, 'request.notFound');
      const fields = (await readFormBody(c)) ?? {};
      const member = parseId(single(fields.member)) ?? 0;
      const actor = c.get('staffSession').actor;
      const count = Number.parseInt(single(fields.count), 10);
      const result =
        action === 'assign'
          ? await outreach.leases.assign(actor, id, member, Number.isSafeInteger(count) && count > 0 ? count : undefined)
          : await outreach.leases.releaseMember(actor, id, member);
      if (!result.ok) {
        if (result.error === 'auth.forbidden' || result.error === 'request.notFound')
          return consoleError(c, result.error === 'auth.forbidden' ? 403 : 404, result.error);
        return campaignPage(deps, c, id, { error: errorMessage(c.get('locale'), result.error), status: 422 });
      }
      const changed = typeof result.value === 'number' ? result.value : result.value.taken;
      return c.redirect(noticePath(`/console/campaign/${id}`, action === 'assign' ? 'assigned' : 'revoked', changed), 303);
    });
  }
}
