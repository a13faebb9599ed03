import { findTextProblem } from '../../../domain/declaration/safe-text.ts';
import type { AuditService } from '../../../services/audit-service.ts';
import { parseId } from '../../ids.ts';
import { consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { AuditLogPage } from './views/audit-log-page.tsx';

const PAGE_SIZE = 100;

export function auditRoutes(router: ConsoleRouter, audit: AuditService, timeZone: string) {
  consoleRoute(router, 'GET', '/console/audit', async (c) => {
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
    const [entries, verification] = await Promise.all([audit.list(filter), audit.verify()]);
    const older = new URLSearchParams();
    for (const [key, value] of Object.entries({ action: filter.action, actor: filter.actor, target: filter.targetId })) {
      if (value) older.set(key, value);
    }
    if (entries.length === PAGE_SIZE) older.set('before', String(entries.at(-1)!.id));
    return consolePage(
      c,
      <AuditLogPage
        {...consoleProps(c)}
        filter={filter}
        entries={entries}
        verification={verification}
        timeZone={timeZone}
        olderHref={older.has('before') ? `/console/audit?${older.toString()}` : undefined}
      />,
    );
  });
}
