import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import { findTextProblem } from '../../domain/declaration/safe-text.ts';
import { zoneName, zonedStamp } from '../../i18n/zoned-time.ts';
import { parseId } from '../ids.ts';
import { consolePage, consoleProps, consoleRoute, type ConsoleRouter } from './console-kit.tsx';
import { ConsoleLayout } from './views/console-layout.tsx';
import { auditMessages } from './audit/messages.ts';

const PAGE_SIZE = 100;

export function auditRoutes(router: ConsoleRouter, db: Kysely<Database>, audit: AuditRepository, timeZone: string) {
  consoleRoute(router, 'GET', '/console/audit', async (c) => {
    const props = consoleProps(c);
    const m = auditMessages(props.locale);
    const text = (name: string) => {
      const value = (c.req.query(name) ?? '').slice(0, 200);
      return value && !findTextProblem(value, { maxLength: 200, multiline: false }) ? value : undefined;
    };
    const before = parseId(c.req.query('before'));
    const filter = {
      action: text('action'),
      actor: text('actor'),
      targetId: text('target'),
      beforeId: before ?? undefined,
      limit: PAGE_SIZE,
    };
    const [entries, verification] = await Promise.all([audit.list(db, filter), audit.verify(db)]);
    const older = new URLSearchParams();
    for (const [key, value] of Object.entries({ action: filter.action, actor: filter.actor, target: filter.targetId })) {
      if (value) older.set(key, value);
    }
    if (entries.length === PAGE_SIZE) older.set('before', String(entries.at(-1)!.id));
    return consolePage(
      c,
      <ConsoleLayout {...props} title={m.title}>
        <p>{m.intro}</p>
        <p class={verification.brokenAt === null ? 'notice' : 'error'} id="chain-status">
          {verification.brokenAt === null ? m.intact(verification.checked) : m.broken(verification.brokenAt)}
        </p>
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
        <table>
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
        {older.has('before') && (
          <p>
            <a href={`/console/audit?${older.toString()}`}>{m.older}</a>
          </p>
        )}
      </ConsoleLayout>,
    );
  });
}
