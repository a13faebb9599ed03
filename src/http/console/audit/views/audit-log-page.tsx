import { zoneName, zonedStamp } from '../../../../i18n/zoned-time.ts';
import type { AnchorSource, AuditEntry } from '../../../../services/audit-service.ts';
import { auditMessages } from '../messages.ts';
import { ConsoleLayout, type ConsolePageProps } from '../../views/console-layout.tsx';

interface AuditLogPageProps extends Omit<ConsolePageProps, 'title' | 'children'> {
  filter: { action?: string | undefined; actor?: string | undefined; targetId?: string | undefined };
  entries: AuditEntry[];
  verification: { checked: number; brokenAt: number | null; anchoredBy?: AnchorSource[]; unverifiedCheckpoints?: number[] };
  timeZone: string;
  /** The next (older) page, when there is one. */
  olderHref: string | undefined;
}

export function AuditLogPage({ filter, entries, verification, timeZone, olderHref, ...props }: AuditLogPageProps) {
  const m = auditMessages(props.locale);
  return (
    <ConsoleLayout {...props} title={m.title}>
      <p>{m.intro}</p>
      <p class={verification.brokenAt === null ? 'notice' : 'error'} id="chain-status">
        {verification.brokenAt === null ? m.intact(verification.checked) : m.broken(verification.brokenAt)}
        {verification.anchoredBy?.length
          ? ` ${m.contradictedBy(verification.anchoredBy.map((source) => (source === 'file' ? m.anchorsFile : m.checkpoint(source.checkpoint))))}`
          : null}
      </p>
      {verification.unverifiedCheckpoints?.length ? (
        <p class="error" id="checkpoints-status">
          {m.unverifiedCheckpoints(verification.unverifiedCheckpoints.length)}
        </p>
      ) : null}
      <form method="get" action="/console/audit" class="row">
        <label>
          {m.action} <input name="action" value={filter.action ?? ''} />
        </label>
        <label>
          {m.actor} <input name="actor" value={filter.actor ?? ''} />
        </label>
        <label>
          {m.target} <input name="target" value={filter.targetId ?? ''} />
        </label>
        <button type="submit">{m.filter}</button>
      </form>
      {/* Focusable: on a phone the table scrolls sideways in its own box, and the keyboard must reach it. */}
      <table tabindex={0} aria-label={m.title}>
        <thead>
          <tr>
            <th>#</th>
            <th>{props.t.zone.labelled(m.time, zoneName(props.t, timeZone))}</th>
            <th>{m.actor}</th>
            <th>{m.action}</th>
            <th>{m.target}</th>
            <th>{m.details}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr>
              <td>{entry.id}</td>
              <td>{zonedStamp(entry.at, timeZone, 'second')}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : ''}</td>
              <td>
                <code>{JSON.stringify(entry.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {olderHref && (
        <p>
          <a href={olderHref}>{m.older}</a>
        </p>
      )}
    </ConsoleLayout>
  );
}
