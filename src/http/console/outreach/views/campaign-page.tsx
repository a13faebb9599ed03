import { CONTACT_STATUSES, type ContactStatus } from '../../../../domain/outreach/contact-status.ts';
import type { Campaign } from '../../../../services/outreach/campaigns-service.ts';
import type { CenterChoice } from '../../../../services/centers-service.ts';
import type { Figures } from '../../../../services/outreach/campaigns-service.ts';
import type { ContactCard } from '../../../../services/outreach/outreach-deps.ts';
import { OUTCOMES } from '../../../../domain/outreach/outcomes.ts';
import { ConsoleLayout, CsrfField, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { CampaignFieldErrors, CampaignFormValues } from '../form.ts';
import type { OutreachMessages } from '../messages.ts';
import { ChartFigure } from '../../../views/charts/chart-figure.tsx';
import { columnChartSvg } from '../../../views/charts/column-chart.ts';
import { CampaignForm } from './campaign-form.tsx';
import { ConsequencesForm } from './consequences-form.tsx';

export interface Member {
  id: number;
  name: string;
}

/** The cards of contacts: everything but the number, which only the calling screen reveals. */
export function ContactTable(props: { m: OutreachMessages; contacts: readonly ContactCard[]; id: string }) {
  const labels = props.m.campaign.contact;
  return (
    <table id={props.id}>
      <thead>
        <tr>
          <th>{labels.phone}</th>
          <th>{labels.name}</th>
          <th>{labels.title}</th>
          <th>{labels.organisation}</th>
          <th>{labels.region}</th>
          <th>{labels.notes}</th>
        </tr>
      </thead>
      <tbody>
        {props.contacts.map((contact) => (
          <tr data-contact-id={contact.id}>
            <td>{contact.maskedPhone}</td>
            <td>{contact.name}</td>
            <td>{contact.title}</td>
            <td>{contact.organisation}</td>
            <td>{contact.region}</td>
            <td>{contact.notes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Attempts ⊇ people reached ⊇ people who declared, and the calls by outcome. */
function FiguresSection(props: { m: OutreachMessages; figures: Figures; daily: readonly { day: string; attempts: number }[] }) {
  const { m, figures } = props;
  const svg = columnChartSvg({
    id: 'chart-calls',
    title: m.figures.daily,
    description: m.figures.dailyDescription(props.daily.reduce((sum, row) => sum + row.attempts, 0)),
    columns: props.daily.map((row) => ({ key: row.day, label: row.day.slice(5), value: row.attempts })),
    formatTick: String,
    tickSteps: [1, 7, 14],
  });
  return (
    <>
      <h2>{m.figures.title}</h2>
      <dl class="facts" id="figures">
        <dt>{m.figures.attempts}</dt>
        <dd data-figure="attempts">{figures.attempts}</dd>
        <dt>{m.figures.reached}</dt>
        <dd data-figure="reached">{figures.reached}</dd>
        <dt>{m.figures.declared}</dt>
        <dd data-figure="declared">{figures.declared}</dd>
      </dl>
      <h3>{m.figures.daily}</h3>
      <ChartFigure
        svg={svg}
        empty={m.figures.dailyEmpty}
        tableLabel={m.figures.dailyTable}
        table={{ columns: [m.figures.day, m.figures.count], rows: props.daily.map((row) => [row.day, String(row.attempts)] as const) }}
      />
      {figures.attempts > 0 && (
        <table id="outcomes">
          <thead>
            <tr>
              <th>{m.figures.outcome}</th>
              <th>{m.figures.count}</th>
            </tr>
          </thead>
          <tbody>
            {OUTCOMES.filter((outcome) => figures.byOutcome[outcome] > 0).map((outcome) => (
              <tr data-outcome={outcome}>
                <td>{m.call.outcomes[outcome]}</td>
                <td>{figures.byOutcome[outcome]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** One campaign: its list's figures, the volunteer's lease, and for those who run it, settings, import and assignment. */
export function CampaignPage(props: {
  shell: ConsoleShellProps;
  m: OutreachMessages;
  campaign: Campaign;
  counts: Record<ContactStatus, number>;
  held: readonly ContactCard[];
  scriptVersion: number | null;
  figures: Figures | null;
  daily: readonly { day: string; attempts: number }[] | null;
  notice: string | undefined;
  error: string | undefined;
  manage: {
    values: CampaignFormValues;
    errors: CampaignFieldErrors;
    centers: readonly CenterChoice[];
    members: readonly Member[];
    scriptText: string;
  } | null;
}) {
  const { m, campaign, shell } = props;
  const path = `/console/campaign/${campaign.id}`;
  const csrf = <CsrfField session={shell.session} />;
  return (
    <ConsoleLayout {...shell} title={campaign.name}>
      {props.notice && (
        <p class="notice" role="status" id="notice">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="error" role="alert" id="error">
          {props.error}
        </p>
      )}
      <h2>{m.campaign.contacts}</h2>
      <dl class="facts" id="counts">
        {CONTACT_STATUSES.map((status) => (
          <>
            <dt>{m.campaign.status[status]}</dt>
            <dd data-status={status}>{props.counts[status]}</dd>
          </>
        ))}
      </dl>

      {props.figures && <FiguresSection m={m} figures={props.figures} daily={props.daily ?? []} />}

      <h2>{m.campaign.myLease}</h2>
      <p>
        <a class="button" href={`${path}/call`} id="start-calling">
          {m.call.open}
        </a>
      </p>
      {props.held.length === 0 ? <p id="no-lease">{m.campaign.noLease}</p> : <ContactTable m={m} contacts={props.held} id="lease" />}
      <div class="row">
        {props.held.length < campaign.leaseSize && (
          <form method="post" action={`${path}/lease`}>
            {csrf}
            <button type="submit">{m.campaign.take(campaign.leaseSize - props.held.length)}</button>
          </form>
        )}
        {props.held.length > 0 && (
          <form method="post" action={`${path}/release`}>
            {csrf}
            <button type="submit" class="secondary">
              {m.campaign.release}
            </button>
          </form>
        )}
      </div>

      {props.manage && (
        <>
          <h2>{m.campaign.import}</h2>
          <p class="hint">{m.campaign.importHint}</p>
          <form method="post" action={`${path}/import`} enctype="multipart/form-data" id="import-form">
            {csrf}
            <label for="csv">{m.campaign.file}</label>
            <input type="file" id="csv" name="csv" accept=".csv,text/csv" required />
            <button type="submit">{m.campaign.upload}</button>
          </form>

          <h2>{m.script.title}</h2>
          <p>{props.scriptVersion === null ? m.script.none : m.script.version(props.scriptVersion)}</p>
          <form method="post" action={`${path}/script`} id="script-form">
            {csrf}
            <p class="hint" id="script-hint">
              {m.script.hint}
            </p>
            <textarea name="script" rows={14} aria-describedby="script-hint" aria-label={m.script.title}>
              {props.manage.scriptText}
            </textarea>
            <button type="submit">{m.script.save}</button>
          </form>

          <h2>{m.campaign.assign}</h2>
          <form method="post" action={`${path}/assign`} class="row" id="assign-form">
            {csrf}
            <div>
              <label for="member">{m.campaign.member}</label>
              <select id="member" name="member">
                {props.manage.members.map((member) => (
                  <option value={String(member.id)}>{member.name}</option>
                ))}
              </select>
            </div>
            <div>
              <label for="count">{m.campaign.count}</label>
              <input id="count" name="count" type="number" min="1" max={String(campaign.leaseSize)} value={String(campaign.leaseSize)} />
            </div>
            <button type="submit">{m.campaign.assignButton}</button>
            <button type="submit" class="secondary" formaction={`${path}/revoke`}>
              {m.campaign.revoke}
            </button>
          </form>

          <h2>{m.consequences.title}</h2>
          <ConsequencesForm m={m} session={shell.session} action={`${path}/consequences`} overrides={campaign.consequences} />

          <h2>{m.campaign.settings}</h2>
          <CampaignForm
            m={m}
            session={shell.session}
            action={path}
            submit={m.form.save}
            values={props.manage.values}
            errors={props.manage.errors}
            centers={props.manage.centers}
          />
        </>
      )}
    </ConsoleLayout>
  );
}
