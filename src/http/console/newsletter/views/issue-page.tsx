import { DELIVERY_STATUSES, type DeliveryStatus } from '../../../../domain/newsletter/statuses.ts';
import { ISSUE_LIMITS, type IssueTexts } from '../../../../domain/newsletter/issue-input.ts';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../../../../domain/newsletter/subscription-input.ts';
import { catalogFor } from '../../../../i18n/index.ts';
import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { NewsletterConsoleMessages } from '../messages.ts';

/** The three languages' subject and text, as a form (a draft) or as the mail will read (a preview). */
function Editor(props: {
  shell: ConsoleShellProps;
  m: NewsletterConsoleMessages;
  action: string;
  submit: string;
  values: IssueTexts;
  errors: Readonly<Record<string, string>>;
}) {
  const { m, values, errors } = props;
  return (
    <form method="post" action={props.action} id="issue-form">
      <CsrfField session={props.shell.session} />
      <p class="hint">{m.hint}</p>
      {NEWSLETTER_LANGUAGES.map((language) => {
        const subject = `subject.${language}`;
        const body = `body.${language}`;
        return (
          <fieldset lang={catalogFor(language).lang}>
            <legend>{m.languages[language]}</legend>
            <label for={subject}>{m.subject}</label>
            <input id={subject} name={subject} type="text" maxlength={ISSUE_LIMITS.subject} value={values[language].subject} />
            <ErrorNote message={errors[subject]} />
            <label for={body}>{m.body}</label>
            <textarea id={body} name={body} rows={12} maxlength={ISSUE_LIMITS.body}>
              {values[language].body}
            </textarea>
            <ErrorNote message={errors[body]} />
          </fieldset>
        );
      })}
      <button type="submit">{props.submit}</button>
    </form>
  );
}

/** A new issue: the empty editor. */
export function NewIssuePage(props: {
  shell: ConsoleShellProps;
  m: NewsletterConsoleMessages;
  values: IssueTexts;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <ConsoleLayout {...props.shell} title={props.m.newTitle}>
      <Editor
        shell={props.shell}
        m={props.m}
        action="/console/newsletter"
        submit={props.m.create}
        values={props.values}
        errors={props.errors}
      />
    </ConsoleLayout>
  );
}

export interface IssueView {
  id: number;
  status: 'draft' | 'sending' | 'sent';
  recipients: number;
  counts: Record<DeliveryStatus, number>;
  previews: Record<NewsletterLanguage, { subject: string; text: string }>;
}

/**
 * One issue: while a draft, its editor and the send form; once sending, how far it has come. The
 * preview is the mail as each language's subscribers will get it.
 */
export function IssuePage(props: {
  shell: ConsoleShellProps;
  m: NewsletterConsoleMessages;
  issue: IssueView;
  values: IssueTexts;
  errors: Readonly<Record<string, string>>;
  notice: string | undefined;
  error: string | undefined;
  confirmed: number;
}) {
  const { m, shell, issue } = props;
  const draft = issue.status === 'draft';
  return (
    <ConsoleLayout {...shell} title={`${m.issue(issue.id)} · ${m.issueStatus[issue.status]}`}>
      <p>
        <a href="/console/newsletter">{m.back}</a>
      </p>
      {props.notice && (
        <p class="notice" role="status" id="notice">
          {props.notice}
        </p>
      )}
      <ErrorNote message={props.error} />
      {!draft && (
        <section id="progress">
          <h2>{m.progress.heading}</h2>
          <p>{m.progress.recipients(issue.recipients)}</p>
          <table>
            <tbody>
              {DELIVERY_STATUSES.map((status) => (
                <tr>
                  <th>{m.progress.delivery[status]}</th>
                  <td id={`count-${status}`}>{issue.counts[status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {draft && (
        <Editor
          shell={shell}
          m={m}
          action={`/console/newsletter-issue/${issue.id}`}
          submit={m.save}
          values={props.values}
          errors={props.errors}
        />
      )}
      <section id="preview">
        <h2>{m.preview}</h2>
        <p class="hint">{m.previewHint}</p>
        {NEWSLETTER_LANGUAGES.map((language) => (
          <article lang={catalogFor(language).lang}>
            <h3>
              {m.languages[language]}
              {m.colon}
              {issue.previews[language].subject}
            </h3>
            <pre class="example">{issue.previews[language].text}</pre>
          </article>
        ))}
      </section>
      {draft && (
        <section id="send">
          <h2>{m.send.heading}</h2>
          <p>{m.send.text(props.confirmed)}</p>
          <form method="post" action={`/console/newsletter-issue/${issue.id}/send`}>
            <CsrfField session={shell.session} />
            <label>
              <input type="checkbox" name="confirm" value="yes" required /> {m.send.confirm}
            </label>
            <button type="submit">{m.send.button}</button>
          </form>
        </section>
      )}
    </ConsoleLayout>
  );
}
