import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorMessage } from '../../../i18n/index.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single, type FormFields } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { batchLink, declaredFrom, noDeclared, readDeclared, type DeclaredValues } from './declared-form.ts';
import { outreachMessages } from './messages.ts';
import type { OutreachPageDeps } from './page.tsx';
import { CallPage } from './views/call-page.tsx';

/** A script has at most 50 questions; more answer fields than that are not a script's. */
const MAX_ANSWERS = 50;

function answersFrom(fields: FormFields): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields).slice(0, MAX_ANSWERS * 2)) {
    if (name.startsWith('answer.')) answers[name.slice('answer.'.length)] = single(value);
  }
  return answers;
}

/** The calling screen: the next contact, its audited reveal, and the outcome that frees the next. */
export function callRoutes(router: ConsoleRouter, { outreach }: OutreachPageDeps): void {
  async function page(
    c: Context<SignedInEnv>,
    campaignId: number,
    shown: {
      revealed?: { number: string; href: string };
      error?: string;
      values?: { outcome: string; callbackAt: string; answers: Record<string, string>; declared: DeclaredValues };
    } = {},
    status: ContentfulStatusCode = 200,
  ) {
    const screen = await outreach.calls.screen(c.get('staffSession').actor, campaignId);
    if (!screen.ok) return consoleError(c, screen.error === 'auth.forbidden' ? 403 : 404, screen.error);
    const m = outreachMessages(c.get('locale'));
    return consolePage(
      c,
      <CallPage
        shell={consoleProps(c)}
        m={m}
        screen={screen.value}
        revealed={shown.revealed ?? null}
        notice={c.req.query('recorded') === '1' ? m.call.recorded : undefined}
        error={shown.error}
        values={shown.values ?? { outcome: '', callbackAt: '', answers: {}, declared: noDeclared() }}
      />,
      status,
    );
  }

  consoleRoute(router, 'GET', '/console/campaign/:id/call', (c) => {
    const id = parseId(c.req.param('id'));
    return id === null ? consoleError(c, 404, 'request.notFound') : page(c, id);
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/call/:contact/reveal', async (c) => {
    const id = parseId(c.req.param('id'));
    const contact = parseId(c.req.param('contact'));
    if (id === null || contact === null) return consoleError(c, 404, 'request.notFound');
    const revealed = await outreach.calls.reveal(c.get('staffSession').actor, id, contact);
    if (!revealed.ok) {
      if (revealed.error === 'auth.forbidden' || revealed.error === 'request.notFound')
        return consoleError(c, revealed.error === 'auth.forbidden' ? 403 : 404, revealed.error);
      return page(c, id, { error: errorMessage(c.get('locale'), revealed.error) }, 409);
    }
    return page(c, id, { revealed: revealed.value });
  });

  consoleRoute(router, 'POST', '/console/campaign/:id/call/:contact', async (c) => {
    const id = parseId(c.req.param('id'));
    const contact = parseId(c.req.param('contact'));
    if (id === null || contact === null) return consoleError(c, 404, 'request.notFound');
    const fields = (await readFormBody(c)) ?? {};
    const values = {
      outcome: single(fields.outcome),
      callbackAt: single(fields.callbackAt),
      answers: answersFrom(fields),
      declared: declaredFrom(fields),
    };
    // What a "declared" call agreed to is checked before anything is recorded: a refusal records nothing.
    const declared = values.outcome === 'declared' ? readDeclared(values.declared, c.get('locale')) : null;
    if (declared && !declared.ok) return page(c, id, { error: declared.errors.join(' '), values }, 422);
    const recorded = await outreach.calls.record(c.get('staffSession').actor, id, contact, values);
    if (recorded.ok) {
      // A declaration is entered at once, in batch entry, prefilled and linked to this call.
      if (declared?.ok) return c.redirect(batchLink(recorded.value.attemptId, declared.value), 303);
      return c.redirect(`/console/campaign/${id}/call?recorded=1`, 303);
    }
    if (recorded.error === 'auth.forbidden' || recorded.error === 'request.notFound')
      return consoleError(c, recorded.error === 'auth.forbidden' ? 403 : 404, recorded.error);
    return page(c, id, { error: errorMessage(c.get('locale'), recorded.error), values }, recorded.error === 'outreach.notHeld' ? 409 : 422);
  });
}
