import assert from 'node:assert/strict';
import type { StaffRole } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/staff/permissions.ts';
import { createAuditRepository } from '../../src/repositories/audit-repository.ts';
import { centersRepository } from '../../src/repositories/centers-repository.ts';
import { campaignsRepository } from '../../src/repositories/outreach/campaigns-repository.ts';
import { contactsRepository } from '../../src/repositories/outreach/contacts-repository.ts';
import { manualTelephony } from '../../src/services/outreach/telephony.ts';
import { leaderboardRepository } from '../../src/repositories/outreach/leaderboard-repository.ts';
import { attemptsRepository } from '../../src/repositories/outreach/attempts-repository.ts';
import { doNotCallRepository } from '../../src/repositories/outreach/do-not-call-repository.ts';
import { importsRepository } from '../../src/repositories/outreach/imports-repository.ts';
import { staffRepository } from '../../src/repositories/staff-repository.ts';
import { createOutreachService } from '../../src/services/outreach/outreach-service.ts';
import { actorOf } from '../../src/services/staff-auth-service.ts';
import type { TestContext } from './test-context.ts';

/** A center of its own, for tests that need two. */
export async function addCenter(ctx: TestContext, name: string): Promise<number> {
  return centersRepository.insert(ctx.services.database.db, {
    name,
    city: 'Taipei',
    country: 'TW',
    hotlines: [],
    fax: null,
    email: null,
    address: null,
    openingHours: null,
    languages: '中文',
    isPublic: false,
    at: new Date(),
  });
}

/** A staff member as the services see one (no sign-in: these tests call services directly). */
export async function staffActor(ctx: TestContext, role: StaffRole, centerId: number | null): Promise<Actor> {
  const added = await ctx.services.staffAdmin.add('cli', {
    email: `${role}-${Math.random().toString(36).slice(2, 10)}@example.org`,
    name: `Test ${role}`,
    role,
    centerId,
    trusted: false,
  });
  if (!added.ok) throw new Error(added.error);
  return actorOf((await staffRepository.findById(ctx.services.database.db, added.value.staffId))!);
}

/** The outreach services on the test's database with a clock the test moves. */
export function outreachWithClock(ctx: TestContext, db = ctx.services.database.db) {
  let at = new Date('2026-12-07T02:00:00Z');
  const service = createOutreachService({
    db,
    campaigns: campaignsRepository,
    contacts: contactsRepository,
    imports: importsRepository,
    doNotCall: doNotCallRepository,
    attempts: attemptsRepository,
    telephony: manualTelephony,
    leaderboard: leaderboardRepository,
    centers: centersRepository,
    staff: staffRepository,
    audit: createAuditRepository(ctx.services.keys),
    keys: ctx.services.keys,
    now: () => at,
  });
  return {
    service,
    advanceHours(hours: number) {
      at = new Date(at.getTime() + hours * 3_600_000);
    },
  };
}

export const CAMPAIGN_FORM = {
  name: '腊月外呼',
  startsOn: '2026-12-01',
  endsOn: '2027-01-31',
  callingFrom: '09:00',
  callingUntil: '20:30',
  timeZone: 'Asia/Shanghai',
  retentionDays: '90',
  leaseSize: '',
  leaseHours: '',
};

/** Mainland mobile numbers, distinct for distinct i. */
export function mobile(i: number): string {
  return `139${String(i).padStart(8, '0')}`;
}

export async function* csvLines(header: string, rows: Iterable<string>): AsyncGenerator<string> {
  yield `${header}\n`;
  let batch = '';
  for (const row of rows) {
    batch += `${row}\n`;
    if (batch.length > 16_384) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** A campaign of `size` contacts, imported and confirmed; each campaign's numbers start `spacing` apart. */
export async function importedCampaign(
  outreach: ReturnType<typeof createOutreachService>,
  admin: Actor,
  centerId: number,
  size: number,
  settings: Partial<typeof CAMPAIGN_FORM> = {},
  spacing = 1000,
): Promise<number> {
  const created = await outreach.campaigns.create(admin, { ...CAMPAIGN_FORM, ...settings, centerId: String(centerId) });
  assert.ok(created.ok);
  const rows = Array.from({ length: size }, (_, i) => `${mobile(created.value.id * spacing + i)},联系人${i}`);
  const staged = await outreach.imports.stage(admin, created.value.id, csvLines('phone,name', rows));
  assert.ok(staged.ok && staged.value.kind === 'staged');
  assert.ok((await outreach.imports.commit(admin, staged.value.summary.importId)).ok);
  return created.value.id;
}
