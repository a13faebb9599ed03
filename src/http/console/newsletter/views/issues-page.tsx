import { SUBSCRIBER_STATUSES, type SubscriberStatus } from '../../../../domain/newsletter/statuses.ts';
import { zonedDateTime } from '../../../../i18n/zoned-time.ts';
import type { IssueRecord } from '../../../../services/newsletter/issues.ts';
import { ConsoleLayout, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { NewsletterConsoleMessages } from '../messages.ts';

/** The issues, newest first, and how many subscribers stand where. */
export function IssuesPage(props: {
  shell: ConsoleShellProps;
  m: NewsletterConsoleMessages;
  issues: IssueRecord[];
  subscribers: Record<SubscriberStatus, number>;
  timeZone: string;
}) {
  const { m, shell } = props;
  const subjectOf = (issue: IssueRecord) => issue.texts[shell.locale].subject || issue.texts['zh-hans'].subject || issue.texts.en.subject;
  return (
    <ConsoleLayout {...shell} title={m.title}>
      <h2>{m.subscribers}</h2>
      <p id="subscriber-counts">
        {SUBSCRIBER_STATUSES.map((status) => `${m.subscriberStatus[status]}${m.colon}${props.subscribers[status]}`).join(' · ')}
      </p>
      <p>
        <a class="button" href="/console/newsletter/new">
          {m.write}
        </a>
      </p>
      {props.issues.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <table id="issues">
          <thead>
            <tr>
              <th>#</th>
              <th>{m.subject}</th>
              <th>{m.status}</th>
              <th>{m.updated}</th>
            </tr>
          </thead>
          <tbody>
            {props.issues.map((issue) => (
              <tr>
                <td>{issue.id}</td>
                <td>
                  <a href={`/console/newsletter-issue/${issue.id}`}>{subjectOf(issue) || m.issue(issue.id)}</a>
                </td>
                <td>{m.issueStatus[issue.status]}</td>
                <td>{zonedDateTime(issue.updatedAt, shell.t, props.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
