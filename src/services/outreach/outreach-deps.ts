import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Keys } from '../../crypto/keys.ts';
import { open, seal } from '../../crypto/seal.ts';
import type { Database } from '../../db/schema.ts';
import { Permission, can, isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { CentersRepository } from '../../repositories/centers-repository.ts';
import type { CampaignRecord, CampaignsRepository } from '../../repositories/outreach/campaigns-repository.ts';
import type { ContactsRepository, SealedContact } from '../../repositories/outreach/contacts-repository.ts';
import type { DoNotCallRepository } from '../../repositories/outreach/do-not-call-repository.ts';
import type { ImportsRepository } from '../../repositories/outreach/imports-repository.ts';
import type { StaffRepository } from '../../repositories/staff-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

/** What the outreach services use, handed over by the composition root. */
export interface OutreachDeps {
  db: Kysely<Database>;
  campaigns: CampaignsRepository;
  contacts: ContactsRepository;
  imports: ImportsRepository;
  doNotCall: DoNotCallRepository;
  centers: Pick<CentersRepository, 'findById'>;
  staff: Pick<StaffRepository, 'findById'>;
  audit: AuditRepository;
  keys: Pick<Keys, 'contact' | 'outreachPhones'>;
  now?: () => Date;
}

/** Calling a campaign's list, or running it (scripts, imports, leases of others). */
export type CampaignUse = 'call' | 'manage';

/** Global admins reach every center's campaigns; everyone else only their own center's. */
function mayUse(actor: Actor, centerId: number, use: CampaignUse): boolean {
  if (can(actor, Permission.OutreachManageAll)) return true;
  if (actor.centerId === null || actor.centerId !== centerId) return false;
  return can(actor, use === 'manage' ? Permission.OutreachManageCenter : Permission.OutreachCall);
}

/**
 * The campaign, if the actor may use it so. Another center's campaign is "not found", not
 * "forbidden": its existence is none of the actor's business.
 */
export async function campaignFor(
  deps: Pick<OutreachDeps, 'db' | 'campaigns'>,
  actor: Actor,
  id: number,
  use: CampaignUse,
): Promise<Result<CampaignRecord>> {
  const permission = use === 'manage' ? Permission.OutreachManageCenter : Permission.OutreachCall;
  if (!can(actor, permission) && !can(actor, Permission.OutreachManageAll)) return fail('auth.forbidden');
  if (!Number.isSafeInteger(id) || id <= 0) return fail('request.notFound');
  const campaign = await deps.campaigns.findById(deps.db, id);
  if (!campaign || !mayUse(actor, campaign.centerId, use)) return fail('request.notFound');
  return ok(campaign);
}

export function phoneHmac(keys: OutreachDeps['keys'], e164: string): string {
  return createHmac('sha256', keys.outreachPhones).update(`outreach phone ${e164}`).digest('base64url');
}

/** The number, and the rest of what identifies the contact, sealed apart: the number opens only on a reveal. */
type SealedPart = 'phone' | 'details';

/** What a contact's details hold, sealed as one JSON value. */
export interface ContactDetails {
  name: string | null;
  title: string | null;
  organisation: string | null;
  region: string | null;
  notes: string | null;
}

/** Each part bound to its campaign, number and name: a sealed value moved elsewhere does not open. */
const context = (campaignId: number, hmac: string, part: SealedPart) => `outreach:${campaignId}:${hmac}:${part}`;

export function sealPhone(keys: OutreachDeps['keys'], campaignId: number, hmac: string, e164: string): string {
  return seal(keys.contact, e164, context(campaignId, hmac, 'phone'));
}

/** Null when the row gave nothing but the number. */
export function sealDetails(keys: OutreachDeps['keys'], campaignId: number, hmac: string, details: ContactDetails): string | null {
  if (Object.values(details).every((value) => value === null)) return null;
  return seal(keys.contact, JSON.stringify(details), context(campaignId, hmac, 'details'));
}

/** The number of a contact, opened (for a reveal). */
export function openPhone(
  keys: OutreachDeps['keys'],
  contact: Pick<SealedContact, 'campaignId' | 'phoneHmac' | 'phoneSealed'>,
): string | null {
  if (contact.phoneSealed === null || contact.phoneHmac === null) return null;
  return open(keys.contact, contact.phoneSealed, context(contact.campaignId, contact.phoneHmac, 'phone'));
}

const NO_DETAILS: ContactDetails = { name: null, title: null, organisation: null, region: null, notes: null };

/** A contact as a volunteer's list shows it: everything but the number, which only a reveal opens. */
export interface ContactCard {
  id: number;
  maskedPhone: string | null;
  name: string | null;
  title: string | null;
  organisation: string | null;
  region: string | null;
  notes: string | null;
  timeZone: string;
  status: SealedContact['status'];
  attempts: number;
}

/** +8613812345678 → +86 138****5678: enough to tell two contacts apart, not to dial. */
function maskPhone(e164: string): string {
  const country = e164.startsWith('+86') ? '+86' : e164.slice(0, 3);
  const rest = e164.slice(country.length);
  return `${country} ${rest.slice(0, 3)}${'*'.repeat(Math.max(rest.length - 7, 1))}${rest.slice(-4)}`;
}

export function openCard(keys: OutreachDeps['keys'], contact: SealedContact): ContactCard {
  const hmac = contact.phoneHmac;
  const phone = openPhone(keys, contact);
  const details =
    contact.detailsSealed === null || hmac === null
      ? NO_DETAILS
      : (JSON.parse(open(keys.contact, contact.detailsSealed, context(contact.campaignId, hmac, 'details'))) as ContactDetails);
  return {
    id: contact.id,
    maskedPhone: phone === null ? null : maskPhone(phone),
    ...details,
    timeZone: contact.timeZone,
    status: contact.status,
    attempts: contact.attempts,
  };
}

/** One audit entry shape for the outreach services: counts and ids, never a number or a name. */
export function auditEntry(actor: Actor, at: Date, action: string, campaignId: number | null, details: Record<string, unknown>) {
  return {
    at,
    actorId: isSystemActor(actor) ? null : actor.id,
    actor: staffLabel(actor),
    action,
    targetType: campaignId === null ? 'outreach' : 'campaign',
    targetId: campaignId === null ? null : String(campaignId),
    details,
  };
}
