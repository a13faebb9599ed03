import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scriptText } from '../../../domain/outreach/script-text.ts';
import { Permission, can } from '../../../domain/staff/permissions.ts';
import type { CentersService } from '../../../services/centers-service.ts';
import type { OutreachService } from '../../../services/outreach/outreach-service.ts';
import type { StaffAdminService } from '../../../services/staff-admin-service.ts';
import type { SignedInEnv } from '../../env.ts';
import { consoleError, consolePage, consoleProps } from '../console-kit.tsx';
import { campaignFormValues, type CampaignFieldErrors, type CampaignFormValues } from './form.ts';
import { outreachMessages, type OutreachMessages } from './messages.ts';
import { CampaignPage } from './views/campaign-page.tsx';

/** What the outreach pages are given by the console. */
export interface OutreachPageDeps {
  outreach: OutreachService;
  centers: Pick<CentersService, 'choices'>;
  staffAdmin: Pick<StaffAdminService, 'list'>;
}

/** The notices a redirect back to a campaign page may name. */
const NOTICES = [
  'taken',
  'poolEmpty',
  'released',
  'assigned',
  'revoked',
  'saved',
  'committed',
  'discarded',
  'scriptSaved',
  'consequencesSaved',
] as const;
type Notice = (typeof NOTICES)[number];

export function noticePath(path: string, notice: Notice, count = 0): string {
  return `${path}?notice=${notice}&count=${count}`;
}

function noticeText(m: OutreachMessages, c: Context<SignedInEnv>): string | undefined {
  const notice = c.req.query('notice') as Notice | undefined;
  if (!notice || !NOTICES.includes(notice)) return undefined;
  const count = Math.max(0, Math.min(Number.parseInt(c.req.query('count') ?? '0', 10) || 0, 10_000_000));
  const texts: Record<Notice, string> = {
    taken: m.campaign.taken(count),
    poolEmpty: m.campaign.poolEmpty,
    released: m.campaign.released(count),
    assigned: m.campaign.assigned(count),
    revoked: m.campaign.revoked(count),
    saved: m.form.saved,
    committed: m.preview.committed(count),
    discarded: m.preview.discarded,
    scriptSaved: m.script.saved(count),
    consequencesSaved: m.consequences.saved,
  };
  return texts[notice];
}

/** The centers a manager may choose for a campaign: every one for global admins, else their own. */
export async function centerChoices(deps: OutreachPageDeps, c: Context<SignedInEnv>) {
  const actor = c.get('staffSession').actor;
  const all = await deps.centers.choices();
  return can(actor, Permission.OutreachManageAll) ? all : all.filter((center) => center.id === actor.centerId);
}

/** A campaign's page, with a form's values and errors or an error of an action when one failed. */
export async function campaignPage(
  deps: OutreachPageDeps,
  c: Context<SignedInEnv>,
  id: number,
  options: {
    values?: CampaignFormValues;
    errors?: CampaignFieldErrors;
    error?: string;
    scriptText?: string;
    status?: ContentfulStatusCode;
  } = {},
): Promise<Response> {
  const actor = c.get('staffSession').actor;
  const overview = await deps.outreach.campaigns.overview(actor, id);
  if (!overview.ok) return consoleError(c, overview.error === 'auth.forbidden' ? 403 : 404, overview.error);
  const held = await deps.outreach.leases.held(actor, id);
  const { campaign } = overview.value;
  const m = outreachMessages(c.get('locale'));
  const manages =
    can(actor, Permission.OutreachManageAll) || (can(actor, Permission.OutreachManageCenter) && actor.centerId === campaign.centerId);
  const members = manages
    ? (await deps.staffAdmin.list(actor))
        .filter(
          (member) =>
            member.active && member.centerId === campaign.centerId && (member.role === 'volunteer' || member.role === 'center_admin'),
        )
        .map((member) => ({ id: member.id, name: member.name }))
    : [];
  return consolePage(
    c,
    <CampaignPage
      shell={consoleProps(c)}
      m={m}
      campaign={campaign}
      counts={overview.value.contacts}
      scriptVersion={overview.value.script?.version ?? null}
      figures={overview.value.figures}
      daily={overview.value.daily}
      held={held.ok ? held.value : []}
      notice={noticeText(m, c)}
      error={options.error}
      manage={
        manages
          ? {
              values: options.values ?? campaignFormValues(campaign),
              errors: options.errors ?? {},
              centers: await centerChoices(deps, c),
              members,
              scriptText: options.scriptText ?? (overview.value.script ? scriptText(overview.value.script.script) : ''),
            }
          : null
      }
    />,
    options.status ?? 200,
  );
}
