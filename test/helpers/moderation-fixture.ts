import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../../src/db/schema.ts';
import { declarationInputSchema } from '../../src/domain/declaration/declaration-input.ts';
import type { Locale } from '../../src/i18n/index.ts';
import type { Actor } from '../../src/domain/staff/permissions.ts';
import { createAuditRepository } from '../../src/repositories/audit-repository.ts';
import { counterRepository } from '../../src/repositories/counter-repository.ts';
import { declarationsRepository } from '../../src/repositories/declarations/index.ts';
import { moderationRepository } from '../../src/repositories/moderation/moderation-repository.ts';
import { staffRepository } from '../../src/repositories/staff-repository.ts';
import type { Receipt } from '../../src/services/declaration-service.ts';
import { createModerationService, type ModerationService } from '../../src/services/moderation/moderation-service.ts';
import { actorOf } from '../../src/services/staff-auth-service.ts';
import type { TestEngine } from './databases.ts';
import { createTestContext } from './test-context.ts';

/**
 * What the moderation service's tests share: a database, the service in the counting zone
 * Asia/Shanghai, one staff member of each role, and ways to declare and to look at the rows.
 */
export async function moderationFixture(engine: TestEngine) {
  const ctx = await createTestContext(engine);
  const db: Kysely<Database> = ctx.services.database.db;
  let staffCount = 0;

  async function staffActor(role: StaffRole): Promise<Actor> {
    const id = await staffRepository.insert(db, {
      email: `${role}-${++staffCount}@example.org`,
      name: role,
      role,
      centerId: null,
      trusted: false,
      at: new Date(),
    });
    return actorOf((await staffRepository.findById(db, id))!);
  }

  /** A service whose clock the test may move: publication and its undoing can fall on different days. */
  function service(now?: () => Date): ModerationService {
    return createModerationService({
      db,
      moderation: moderationRepository,
      declarations: declarationsRepository,
      audit: createAuditRepository(ctx.services.keys),
      timeZone: 'Asia/Shanghai',
      numbers: ctx.services.numbers,
      publicChanges: ctx.services.publicChanges,
      ...(now ? { now } : {}),
    });
  }

  const row = (registrationNumber: string) =>
    db.selectFrom('declarations').selectAll().where('registration_number', '=', registrationNumber).executeTakeFirstOrThrow();

  async function auditCount(): Promise<number> {
    const result = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(result.n);
  }

  return {
    ctx,
    db,
    /** The audit log under this context's key, for reading and verifying it. */
    audit: createAuditRepository(ctx.services.keys),
    moderation: service(),
    editor: await staffActor('editor'),
    volunteer: await staffActor('volunteer'),
    auditor: await staffActor('auditor'),
    admin: await staffActor('admin'),
    staffActor,
    clockedService: (clock: { now: Date }) => service(() => clock.now),
    row,
    auditCount,

    declare(fields: Record<string, unknown> = {}, locale: Locale = 'zh-hans'): Promise<Receipt> {
      return ctx.services.declarations.submit(declarationInputSchema.parse({ names: '明德', orgs: 'party', ...fields }), {
        channel: 'api',
        locale,
      });
    },

    async events(registrationNumber: string) {
      return declarationsRepository.listEvents(db, (await row(registrationNumber)).id);
    },

    async setColumns(
      registrationNumber: string,
      set: Partial<{
        alias_key: string | null;
        created_at: string;
        region: string | null;
        statement: string | null;
        center_id: number | null;
      }>,
    ) {
      await db.updateTable('declarations').set(set).where('registration_number', '=', registrationNumber).execute();
    },

    async snapshot() {
      return {
        declarations: await db.selectFrom('declarations').selectAll().orderBy('id').execute(),
        events: await db.selectFrom('declaration_events').selectAll().orderBy('id').execute(),
        audit: await auditCount(),
      };
    },

    /** Where a declaration shows in public, and the counters of its day (in Asia/Shanghai). */
    async inPublic(receipt: Receipt, day: string) {
      const number = receipt.registrationNumber;
      const listed = (items: { registrationNumber: string }[]) => items.some((item) => item.registrationNumber === number);
      const byDay = await ctx.services.archive.byDay(day);
      const byRegion = await ctx.services.archive.search({ q: '宁夏', field: 'region' });
      const byAlias = await ctx.services.archive.search({ q: '万顺', field: 'alias' });
      assert.ok(byDay.ok && byRegion.ok && byAlias.ok);
      const [dayFigures] = await counterRepository.days(db, day, day);
      const region = (await counterRepository.breakdown(db, 'region', day, day)).find((row) => row.key === '宁夏');
      return {
        total: (await counterRepository.totals(db)).people,
        day: dayFigures?.people ?? 0,
        regionOfDay: region?.people ?? 0,
        permalink: (await ctx.app.request(`/zh-hans/declarations/${number}`)).status,
        listedOnDay: listed(byDay.value.items),
        foundByRegion: listed(byRegion.value.items),
        foundByAlias: listed(byAlias.value.items),
      };
    },
  };
}

export type ModerationFixture = Awaited<ReturnType<typeof moderationFixture>>;
