import { campaignInputSchema, type CampaignFormInput } from '../../domain/outreach/campaign-input.ts';
import { addDays, countingDay } from '../../domain/counter/counting-day.ts';
import { consequenceOverridesSchema } from '../../domain/outreach/outcomes.ts';
import { scriptSchema } from '../../domain/outreach/script.ts';
import { Permission, can, isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { AttemptsRepository, CampaignFigures } from '../../repositories/outreach/attempts-repository.ts';
import type { CampaignRecord, ScriptVersion } from '../../repositories/outreach/campaigns-repository.ts';
import type { ContactStatus } from '../../domain/outreach/contact-status.ts';
import { fieldErrors } from '../../domain/declaration/declaration-input.ts';
import type { FieldError } from '../../domain/declaration/fields.ts';
import { fail, ok, type Result } from '../result.ts';
import { auditEntry, campaignFor, type OutreachDeps } from './outreach-deps.ts';

/** A campaign as the pages show it. */
export type Campaign = CampaignRecord;

/** A campaign's call figures as the pages show them. */
export type Figures = CampaignFigures;

/** A form's outcome: the saved record, or each field's problem. */
export type Saved<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'auth.forbidden' | 'request.notFound' | 'request.invalid'; fields?: Record<string, FieldError> };

export interface CampaignOverview {
  campaign: CampaignRecord;
  script: ScriptVersion | null;
  contacts: Record<ContactStatus, number>;
  /** The calls' figures, for those who run the campaign; null for callers. */
  figures: CampaignFigures | null;
  /** Calls on each of the last DAILY_DAYS days in the campaign's zone, oldest first; null for callers. */
  daily: { day: string; attempts: number }[] | null;
}

/** The daily chart's span. */
const DAILY_DAYS = 30;

/** Campaigns and their scripts: center admins run their own center's, global admins every one. */
export function createCampaignsService(deps: OutreachDeps & { attempts: Pick<AttemptsRepository, 'figures' | 'perDay'> }) {
  const { db, campaigns, contacts, centers, audit } = deps;
  const now = deps.now ?? (() => new Date());

  /** Every one of the last DAILY_DAYS days, with no calls as zero. */
  async function daily(campaign: CampaignRecord) {
    const today = countingDay(now(), campaign.timeZone);
    const first = addDays(today, 1 - DAILY_DAYS);
    const counted = new Map((await deps.attempts.perDay(db, campaign.id, first)).map((row) => [row.day, row.attempts]));
    return Array.from({ length: DAILY_DAYS }, (_, i) => {
      const day = addDays(first, i);
      return { day, attempts: counted.get(day) ?? 0 };
    });
  }

  function mayManageCenter(actor: Actor, centerId: number): boolean {
    return can(actor, Permission.OutreachManageAll) || (can(actor, Permission.OutreachManageCenter) && actor.centerId === centerId);
  }

  async function parse(actor: Actor, input: CampaignFormInput): Promise<Saved<ReturnType<typeof campaignInputSchema.parse>>> {
    const parsed = campaignInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: 'request.invalid', fields: fieldErrors(parsed.error) };
    if (!mayManageCenter(actor, parsed.data.centerId) || !(await centers.findById(db, parsed.data.centerId))) {
      return { ok: false, error: 'request.invalid', fields: { centerId: { code: 'outreach.centerInvalid', params: {} } } };
    }
    return { ok: true, value: parsed.data };
  }

  return {
    /** The campaigns the actor may call or run: their center's, or all for global admins. */
    async list(actor: Actor): Promise<Result<CampaignRecord[]>> {
      if (can(actor, Permission.OutreachManageAll)) return ok(await campaigns.list(db, {}));
      if (!can(actor, Permission.OutreachCall) && !can(actor, Permission.OutreachManageCenter)) return fail('auth.forbidden');
      return ok(actor.centerId === null ? [] : await campaigns.list(db, { centerId: actor.centerId }));
    },

    async overview(actor: Actor, id: number): Promise<Result<CampaignOverview>> {
      const found = await campaignFor(deps, actor, id, 'call');
      if (!found.ok) return found;
      const manages = mayManageCenter(actor, found.value.centerId);
      return ok({
        campaign: found.value,
        script: await campaigns.latestScript(db, id),
        contacts: await contacts.countsByStatus(db, id),
        figures: manages ? await deps.attempts.figures(db, id) : null,
        daily: manages ? await daily(found.value) : null,
      });
    },

    async create(actor: Actor, input: CampaignFormInput): Promise<Saved<CampaignRecord>> {
      if (!can(actor, Permission.OutreachManageCenter) && !can(actor, Permission.OutreachManageAll))
        return { ok: false, error: 'auth.forbidden' };
      const parsed = await parse(actor, input);
      if (!parsed.ok) return parsed;
      const at = now();
      return db.transaction().execute(async (trx) => {
        const id = await campaigns.insert(trx, { ...parsed.value, consequences: {}, at });
        await audit.append(trx, auditEntry(actor, at, 'outreach.campaign.created', id, { settings: parsed.value }));
        return { ok: true as const, value: (await campaigns.findById(trx, id))! };
      });
    },

    /** Replaces the settings; a center admin cannot move a campaign to another center. */
    async update(actor: Actor, id: number, input: CampaignFormInput): Promise<Saved<CampaignRecord>> {
      const found = await campaignFor(deps, actor, id, 'manage');
      if (!found.ok) return { ok: false, error: found.error === 'auth.forbidden' ? 'auth.forbidden' : 'request.notFound' };
      const parsed = await parse(actor, input);
      if (!parsed.ok) return parsed;
      const at = now();
      return db.transaction().execute(async (trx) => {
        await campaigns.update(trx, id, { ...parsed.value, at });
        await audit.append(trx, auditEntry(actor, at, 'outreach.campaign.updated', id, { settings: parsed.value }));
        return { ok: true as const, value: (await campaigns.findById(trx, id))! };
      });
    },

    /** Replaces the campaign's changes to the outcomes' default consequences. */
    async setConsequences(actor: Actor, id: number, overrides: unknown): Promise<Result<void>> {
      const found = await campaignFor(deps, actor, id, 'manage');
      if (!found.ok) return found;
      const parsed = consequenceOverridesSchema.safeParse(overrides);
      if (!parsed.success) return fail('outreach.consequencesInvalid');
      const at = now();
      return db.transaction().execute(async (trx) => {
        await campaigns.updateConsequences(trx, id, parsed.data, at);
        await audit.append(trx, auditEntry(actor, at, 'outreach.consequences.updated', id, { consequences: parsed.data }));
        return ok(undefined);
      });
    },

    /** Saves a new version of the script; calls already made keep the version they followed. */
    async saveScript(actor: Actor, id: number, body: unknown): Promise<Result<number>> {
      const found = await campaignFor(deps, actor, id, 'manage');
      if (!found.ok) return found;
      const parsed = scriptSchema.safeParse(body);
      if (!parsed.success) return fail('outreach.scriptInvalid');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const version = await campaigns.insertScript(trx, id, parsed.data, isSystemActor(actor) ? null : actor.id, at);
        await audit.append(trx, auditEntry(actor, at, 'outreach.script.saved', id, { version }));
        return ok(version);
      });
    },
  };
}
