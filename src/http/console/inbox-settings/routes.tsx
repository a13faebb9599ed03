import type { Context } from 'hono';
import type { InboxSettingsForm } from '../../../domain/channels/inbox-settings-input.ts';
import { errorMessage } from '../../../i18n/index.ts';
import { zonedDateTime } from '../../../i18n/zoned-time.ts';
import type { ChannelSettings, InboxSettingsView } from '../../../services/channels/channel-settings.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single, type FormFields } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { inboxSettingsMessages } from './messages.ts';
import { InboxSettingsListPage, InboxSettingsPage, type InboxSettingsFieldErrors } from './views/inbox-settings-pages.tsx';

const CHECKED = ['yes', 'on', 'true', '1'];

function formOf(settings: InboxSettingsView): InboxSettingsForm {
  return {
    address: settings.addressLocal,
    imapHost: settings.imap?.host ?? '',
    imapPort: settings.imap ? String(settings.imap.port) : '',
    imapTls: settings.imap?.tls ?? true,
    imapUser: settings.imap?.user ?? '',
    imapPassword: '',
    imapFolder: settings.imap?.folder ?? '',
  };
}

function formFrom(fields: FormFields): InboxSettingsForm {
  return {
    address: single(fields.address),
    imapHost: single(fields.imapHost),
    imapPort: single(fields.imapPort),
    imapTls: CHECKED.includes(single(fields.imapTls)),
    imapUser: single(fields.imapUser),
    imapPassword: single(fields.imapPassword),
    imapFolder: single(fields.imapFolder),
  };
}

/**
 * A center's inbox channels (docs/inbox.md, "How items arrive"): its address, IMAP mailbox and
 * voicemail webhook secret. Center admins see their own center, admins every center; a center
 * outside one's scope answers 404 like one that does not exist. The rules are in console-rules.ts;
 * the service checks the scope again.
 */
export function inboxSettingsRoutes(router: ConsoleRouter, settings: ChannelSettings, timeZone: string, publicUrl: string): void {
  function page(
    c: Context<SignedInEnv>,
    view: InboxSettingsView,
    options: { values?: InboxSettingsForm; errors?: InboxSettingsFieldErrors; saved?: boolean; newSecret?: string } = {},
  ) {
    const shell = consoleProps(c);
    return consolePage(
      c,
      <InboxSettingsPage
        shell={shell}
        m={inboxSettingsMessages(c.get('locale'))}
        settings={view}
        domain={settings.domain}
        publicUrl={publicUrl}
        values={options.values ?? formOf(view)}
        errors={options.errors ?? {}}
        saved={options.saved ?? false}
        secretSetAt={view.webhookSecretSetAt && zonedDateTime(view.webhookSecretSetAt, shell.t, timeZone)}
        newSecret={options.newSecret ?? null}
      />,
      options.errors ? 422 : 200,
    );
  }

  async function find(c: Context<SignedInEnv>) {
    const id = parseId(c.req.param('id'));
    if (id === null) return null;
    const result = await settings.get(c.get('staffSession').actor, id);
    return result.ok ? result.value : null;
  }

  consoleRoute(router, 'GET', '/console/inbox-settings', async (c) => {
    const result = await settings.list(c.get('staffSession').actor);
    if (!result.ok) return consoleError(c, 403, result.error);
    return consolePage(c, <InboxSettingsListPage shell={consoleProps(c)} m={inboxSettingsMessages(c.get('locale'))} list={result.value} />);
  });

  consoleRoute(router, 'GET', '/console/inbox-settings/:id', async (c) => {
    const view = await find(c);
    if (!view) return consoleError(c, 404, 'request.notFound');
    return page(c, view, { saved: c.req.query('saved') === '1' });
  });

  consoleRoute(router, 'POST', '/console/inbox-settings/:id', async (c) => {
    const view = await find(c);
    if (!view) return consoleError(c, 404, 'request.notFound');
    const values = formFrom((await readFormBody(c)) ?? {});
    const result = await settings.update(c.get('staffSession').actor, view.centerId, values);
    if (!result.ok) {
      if (!result.fields) return consoleError(c, 404, result.error);
      const locale = c.get('locale');
      const errors = Object.fromEntries(Object.entries(result.fields).map(([name, code]) => [name, errorMessage(locale, code)]));
      return page(c, view, { values: { ...values, imapPassword: '' }, errors });
    }
    return c.redirect(`/console/inbox-settings/${view.centerId}?saved=1`, 303);
  });

  // Answered with the page itself, not a redirect: the secret is in this one response and nowhere else.
  consoleRoute(router, 'POST', '/console/inbox-settings/:id/secret', async (c) => {
    const view = await find(c);
    if (!view) return consoleError(c, 404, 'request.notFound');
    const rotated = await settings.rotateWebhookSecret(c.get('staffSession').actor, view.centerId);
    if (!rotated.ok) return consoleError(c, 404, rotated.error);
    const updated = await find(c);
    return page(c, updated ?? view, { newSecret: rotated.value });
  });
}
