import type { Campaign } from '../../../../services/outreach/campaigns-service.ts';
import type { CenterChoice } from '../../../../services/centers-service.ts';
import { ConsoleLayout, type ConsoleShellProps } from '../../views/console-layout.tsx';
import { centerName } from '../../views/center-select.tsx';
import type { OutreachMessages } from '../messages.ts';

/** The campaigns of the actor's center (every center's for global admins). */
export function CampaignsPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  campaigns: readonly Campaign[];
  centers: readonly CenterChoice[];
  manage: boolean;
}) {
  const { m } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.campaigns.title}>
      <p class="row">
        <a href="/console/callbacks">{m.callbacks.link}</a>
        <a href="/console/calls">{m.calls.link}</a>
      </p>
      {props.manage && (
        <p class="row">
          <a class="button" href="/console/campaigns/new">
            {m.campaigns.add}
          </a>
          <a href="/console/do-not-call">{m.campaigns.doNotCall}</a>
        </p>
      )}
      {props.campaigns.length === 0 ? (
        <p id="no-campaigns">{m.campaigns.empty}</p>
      ) : (
        <table id="campaigns">
          <thead>
            <tr>
              <th>{m.form.fields.name}</th>
              <th>{m.form.fields.centerId}</th>
              <th>{m.campaigns.dates}</th>
              <th>{m.campaigns.hours}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map((campaign) => (
              <tr data-campaign-id={campaign.id}>
                <td>{campaign.name}</td>
                <td>{centerName(props.centers, campaign.centerId)}</td>
                <td>
                  {campaign.startsOn} – {campaign.endsOn}
                </td>
                <td>
                  {campaign.callingFrom}–{campaign.callingUntil} ({campaign.timeZone})
                </td>
                <td>
                  <a href={`/console/campaign/${campaign.id}`}>{m.campaigns.open}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}
