import type { Context } from 'hono';
import { readIssueTexts, type IssueTexts } from '../../../domain/newsletter/issue-input.ts';
import { NEWSLETTER_LANGUAGES } from '../../../domain/newsletter/subscription-input.ts';
import { errorMessage, type Locale } from '../../../i18n/index.ts';
import type { IssueProgress, Issues } from '../../../services/newsletter/issues.ts';
import type { SignedInEnv } from '../../env.ts';
import { readFormBody, single, type FormFields } from '../../form-body.ts';
import { parseId } from '../../ids.ts';
import { consoleError, consolePage, consoleProps, consoleRoute, type ConsoleRouter } from '../console-kit.tsx';
import { newsletterConsoleMessages } from './messages.ts';
import { IssuePage, NewIssuePage } from './views/issue-page.tsx';
import { IssuesPage } from './views/issues-page.tsx';

const EMPTY: IssueTexts = Object.fromEntries(NEWSLETTER_LANGUAGES.map((language) => [language, { subject: '', body: '' }])) as IssueTexts;

/** The editor's six fields, each read as one string. */
function issueFields(fields: FormFields): Record<string, string> {
  const read: Record<string, string> = {};
  for (const language of NEWSLETTER_LANGUAGES) {
    for (const part of ['subject', 'body']) read[`${part}.${language}`] = single(fields[`${part}.${language}`]);
  }
  return read;
}

const localized = (locale: Locale, errors: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(errors).map(([field, code]) => [field, errorMessage(locale, code, { max: field.startsWith('subject') ? 150 : 20_000 })]),
  );

/**
 * The newsletter in the console (docs/newsletter.md): the issues, the editor of a draft in three
 * languages with its preview, sending, and the progress of a sending. Every route needs
 * Permission.NewsletterSend (console-rules.ts), and the service checks it again.
 */
export function newsletterConsoleRoutes(router: ConsoleRouter, issues: Issues, timeZone: string): void {
  const actorOf = (c: Context<SignedInEnv>) => c.get('staffSession').actor;

  function issuePage(
    c: Context<SignedInEnv>,
    progress: IssueProgress,
    shown: { values?: IssueTexts; errors?: Record<string, string>; notice?: string; error?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) {
    const { issue } = progress;
    const previews = Object.fromEntries(NEWSLETTER_LANGUAGES.map((language) => [language, issues.preview(issue, language)])) as Record<
      (typeof NEWSLETTER_LANGUAGES)[number],
      { subject: string; text: string }
    >;
    return consolePage(
      c,
      <IssuePage
        shell={consoleProps(c)}
        m={newsletterConsoleMessages(c.get('locale'))}
        issue={{ id: issue.id, status: issue.status, recipients: issue.recipients, counts: progress.counts, previews }}
        values={shown.values ?? issue.texts}
        errors={shown.errors ?? {}}
        notice={shown.notice}
        error={shown.error}
        confirmed={progress.confirmed}
      />,
      status,
    );
  }

  async function load(c: Context<SignedInEnv>) {
    const id = parseId(c.req.param('id'));
    return id === null ? null : issues.get(actorOf(c), id);
  }

  consoleRoute(router, 'GET', '/console/newsletter', async (c) => {
    const listed = await issues.list(actorOf(c));
    if (!listed.ok) return consoleError(c, 403, listed.error);
    return consolePage(
      c,
      <IssuesPage
        shell={consoleProps(c)}
        m={newsletterConsoleMessages(c.get('locale'))}
        issues={listed.value.issues}
        subscribers={listed.value.subscribers}
        timeZone={timeZone}
      />,
    );
  });

  consoleRoute(router, 'GET', '/console/newsletter/new', (c) =>
    consolePage(c, <NewIssuePage shell={consoleProps(c)} m={newsletterConsoleMessages(c.get('locale'))} values={EMPTY} errors={{}} />),
  );

  consoleRoute(router, 'POST', '/console/newsletter', async (c) => {
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.malformed');
    const read = readIssueTexts(issueFields(fields));
    if (!read.ok) {
      const m = newsletterConsoleMessages(c.get('locale'));
      return consolePage(
        c,
        <NewIssuePage shell={consoleProps(c)} m={m} values={read.value} errors={localized(c.get('locale'), read.errors)} />,
        422,
      );
    }
    const created = await issues.create(actorOf(c), read.value);
    if (!created.ok) return consoleError(c, 403, created.error);
    return c.redirect(`/console/newsletter-issue/${created.value}?done=created`, 303);
  });

  consoleRoute(router, 'GET', '/console/newsletter-issue/:id', async (c) => {
    const found = await load(c);
    if (!found?.ok) return consoleError(c, found?.error === 'auth.forbidden' ? 403 : 404, found?.error ?? 'request.notFound');
    // After a redirect from creating or sending, say that it happened: the page alone does not show it.
    const done = c.req.query('done');
    const notices = newsletterConsoleMessages(c.get('locale')).done;
    return issuePage(c, found.value, { notice: done === 'created' || done === 'sending' ? notices[done] : undefined });
  });

  consoleRoute(router, 'POST', '/console/newsletter-issue/:id', async (c) => {
    const found = await load(c);
    if (!found?.ok) return consoleError(c, found?.error === 'auth.forbidden' ? 403 : 404, found?.error ?? 'request.notFound');
    const locale = c.get('locale');
    // A body that cannot be read is refused, never taken for an empty draft that would erase the words.
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.malformed');
    const read = readIssueTexts(issueFields(fields));
    if (!read.ok) return issuePage(c, found.value, { values: read.value, errors: localized(locale, read.errors) }, 422);
    const saved = await issues.update(actorOf(c), found.value.issue.id, read.value);
    if (!saved.ok) return issuePage(c, found.value, { error: errorMessage(locale, saved.error) }, 409);
    const again = await issues.get(actorOf(c), found.value.issue.id);
    return again.ok
      ? issuePage(c, again.value, { notice: newsletterConsoleMessages(locale).saved })
      : consoleError(c, 404, 'request.notFound');
  });

  consoleRoute(router, 'POST', '/console/newsletter-issue/:id/send', async (c) => {
    const found = await load(c);
    if (!found?.ok) return consoleError(c, found?.error === 'auth.forbidden' ? 403 : 404, found?.error ?? 'request.notFound');
    const locale = c.get('locale');
    const fields = await readFormBody(c);
    if (!fields) return consoleError(c, 400, 'request.malformed');
    if (single(fields.confirm) !== 'yes')
      return issuePage(c, found.value, { error: newsletterConsoleMessages(locale).send.confirmRequired }, 422);
    const sent = await issues.send(actorOf(c), found.value.issue.id);
    if (sent.ok) return c.redirect(`/console/newsletter-issue/${found.value.issue.id}?done=sending`, 303);
    const { refusal } = sent;
    if (refusal.code === 'auth.forbidden' || refusal.code === 'request.notFound') {
      return consoleError(c, refusal.code === 'auth.forbidden' ? 403 : 404, refusal.code);
    }
    const errors = refusal.code === 'newsletter.incomplete' ? localized(locale, refusal.fields) : {};
    return issuePage(
      c,
      found.value,
      { errors, error: errorMessage(locale, refusal.code) },
      refusal.code === 'newsletter.incomplete' ? 422 : 409,
    );
  });
}
