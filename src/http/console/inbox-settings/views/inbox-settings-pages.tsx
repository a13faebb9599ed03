import type { Child } from 'hono/jsx';
import { IMAP_LIMITS, type InboxSettingsField, type InboxSettingsForm } from '../../../../domain/channels/inbox-settings-input.ts';
import type { InboxSettingsView } from '../../../../services/channels/channel-settings.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { InboxSettingsMessages } from '../messages.ts';

/** Every center the actor manages, with its address and which channels are set up. */
export function InboxSettingsListPage(props: { shell: ConsoleShellProps; m: InboxSettingsMessages; list: InboxSettingsView[] }) {
  const { m, list } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.title}>
      <p>{m.intro}</p>
      {list.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{m.center}</th>
              <th>{m.address}</th>
              <th>{m.webhook}</th>
              <th>{m.mailbox}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((item) => (
              <tr>
                <td>{item.centerName}</td>
                <td>
                  <code>{item.address}</code>
                </td>
                <td>{item.webhookSecretSetAt ? m.set : m.none}</td>
                <td>{item.imap ? `${item.imap.user} @ ${item.imap.host}` : m.none}</td>
                <td>
                  <a href={`/console/inbox-settings/${item.centerId}`}>{m.edit}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

export type InboxSettingsFieldErrors = Partial<Record<InboxSettingsField, string>>;

/** One center's settings: the address and mailbox form, and the webhook with its secret (shown once, after rotating). */
export function InboxSettingsPage(props: {
  shell: ConsoleShellProps;
  m: InboxSettingsMessages;
  settings: InboxSettingsView;
  domain: string;
  publicUrl: string;
  values: InboxSettingsForm;
  errors: InboxSettingsFieldErrors;
  saved: boolean;
  secretSetAt: string | null;
  newSecret: string | null;
}) {
  const { m, settings, values, errors } = props;
  const session = props.shell.session;
  const action = `/console/inbox-settings/${settings.centerId}`;
  const control = (name: InboxSettingsField) => ({
    id: name,
    name,
    'aria-invalid': errors[name] ? 'true' : undefined,
    'aria-describedby': errors[name] ? `${name}-hint ${name}-error` : `${name}-hint`,
  });
  const field = (name: InboxSettingsField, hint: string, children: Child) => (
    <div class="field">
      <label for={name}>{m.fields[name]}</label>
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
      {children}
      {errors[name] && (
        <p class="error" id={`${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  const errorList = (Object.keys(m.fields) as InboxSettingsField[]).filter((name) => errors[name]);
  return (
    <ConsoleLayout {...props.shell} title={`${m.title}${m.colon}${settings.centerName}`}>
      {props.saved && (
        <p class="notice" role="status">
          {m.saved}
        </p>
      )}
      {props.newSecret && (
        <div class="notice" role="status">
          <p>{m.secretShown}</p>
          <table class="codes">
            <tbody>
              <tr>
                <td class="code">{props.newSecret}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={action} accept-charset="utf-8">
        <CsrfField session={session} />
        {errorList.length > 0 && (
          <div class="errors" role="alert">
            <p>{m.errorsHeading}</p>
            <ul>
              {errorList.map((name) => (
                <li>
                  <a href={`#${name}`}>{m.fields[name]}</a>
                  {m.colon}
                  {errors[name]}
                </li>
              ))}
            </ul>
          </div>
        )}
        <h2>{m.addressHeading}</h2>
        {field(
          'address',
          m.addressHint(props.domain),
          <span>
            <input {...control('address')} type="text" maxlength={40} required value={values.address} />
            {` @${props.domain}`}
          </span>,
        )}
        <h2>{m.mailboxHeading}</h2>
        <p>{m.mailboxIntro}</p>
        {field('imapHost', m.hints.imapHost, <input {...control('imapHost')} type="text" maxlength={255} value={values.imapHost} />)}
        {field(
          'imapPort',
          m.hints.imapPort,
          <input {...control('imapPort')} type="text" inputmode="numeric" maxlength={5} value={values.imapPort} />,
        )}
        <div class="field">
          <label>
            <input type="checkbox" name="imapTls" value="yes" checked={values.imapTls} /> {m.fields.imapTls}
          </label>
        </div>
        {field(
          'imapUser',
          '',
          <input {...control('imapUser')} type="text" autocomplete="off" maxlength={IMAP_LIMITS.user} value={values.imapUser} />,
        )}
        {field(
          'imapPassword',
          m.hints.imapPassword,
          <input {...control('imapPassword')} type="password" autocomplete="new-password" maxlength={IMAP_LIMITS.password} value="" />,
        )}
        {field(
          'imapFolder',
          m.hints.imapFolder,
          <input {...control('imapFolder')} type="text" maxlength={IMAP_LIMITS.folder} value={values.imapFolder} />,
        )}
        <p>
          <button type="submit">{m.save}</button>
        </p>
      </form>
      <h2>{m.webhookHeading}</h2>
      <p>{m.webhookIntro}</p>
      <p>
        <code>{`POST ${props.publicUrl}${settings.webhookPath}`}</code>
      </p>
      <p class="hint">{m.webhookSignature}</p>
      <p class="hint">{m.webhookFields}</p>
      <p>{props.secretSetAt ? m.secretSetAt(props.secretSetAt) : m.secretNone}</p>
      <form method="post" action={`${action}/secret`} class="inline">
        <CsrfField session={session} />
        <button type="submit" class="secondary">
          {m.rotate}
        </button>{' '}
        <span class="hint">{m.rotateHint}</span>
      </form>
      <p>
        <a href="/console/inbox-settings">{m.back}</a>
      </p>
    </ConsoleLayout>
  );
}
