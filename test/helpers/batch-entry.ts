// What the batch entry service tests (src/services/batch/*.test.ts) share: a clean database per test,
// centers, staff and a service with a clock of its own.
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../../src/db/schema.ts';
import { toDbTime } from '../../src/db/time.ts';
import type { Actor } from '../../src/domain/staff/permissions.ts';
import { createAuditRepository } from '../../src/repositories/audit-repository.ts';
import { batchesRepository, type BatchesRepository } from '../../src/repositories/batches-repository.ts';
import { declarationsRepository, type DeclarationsRepository } from '../../src/repositories/declarations/index.ts';
import { staffRepository } from '../../src/repositories/staff-repository.ts';
import { attemptsRepository } from '../../src/repositories/outreach/attempts-repository.ts';
import { submissionReceiptsRepository } from '../../src/repositories/submission-receipts-repository.ts';
import { createTestContext, type TestContext } from './test-context.ts';
import { createBatchEntryService, type BatchEntryService } from '../../src/services/batch/batch-entry-service.ts';
import { actorOf } from '../../src/services/staff-auth-service.ts';

import type { TestEngine } from './databases.ts';
import { createInboxConversion } from '../../src/services/inbox/conversion.ts';
import { inboxItemsRepository } from '../../src/repositories/inbox/items-repository.ts';
import { inboxItemDeclarationsRepository } from '../../src/repositories/inbox/item-declarations-repository.ts';

export const START = new Date('2025-06-14T04:00:00Z');

export function batchOf(rows: unknown[], shared: Record<string, unknown> = {}) {
  return { channel: 'phone', conversationDate: '2025-05-20', consent: 'confirmed', rows, ...shared };
}

/**
 * A batch entry service on one engine, with two centers and an empty register before each test. Call
 * it inside a describe(): it registers the hooks that open, clean and close the database.
 */
export function batchEntryHarness(engine: TestEngine) {
  let ctx: TestContext;
  let db: Kysely<Database>;
  let clock: Date;
  let service: BatchEntryService;
  let centerId: number;
  let otherCenterId: number;
  let counter = 0;

  const serviceWith = (batches: BatchesRepository = batchesRepository, declarations: DeclarationsRepository = declarationsRepository) =>
    createBatchEntryService({
      db,
      declarations,
      heldReceipts: submissionReceiptsRepository,
      callLinks: attemptsRepository,
      inboxLinks: createInboxConversion({
        items: inboxItemsRepository,
        links: inboxItemDeclarationsRepository,
        audit: createAuditRepository(ctx.services.keys),
      }),
      batches,
      staff: staffRepository,
      audit: createAuditRepository(ctx.services.keys),
      keys: ctx.services.keys,
      numbers: ctx.services.numbers,
      timeZone: 'Asia/Shanghai',
      now: () => clock,
    });

  async function insertCenter(name: string): Promise<number> {
    const at = toDbTime(START);
    const row = await db
      .insertInto('centers')
      .values({ name, city: 'Taipei', country: 'TW', hotlines: '[]', languages: 'zh', is_public: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function newActor(role: StaffRole, options: { trusted?: boolean; center?: number | null; name?: string } = {}): Promise<Actor> {
    counter++;
    const id = await staffRepository.insert(db, {
      email: `${role}${counter}@example.org`,
      name: options.name ?? `${role} ${counter}`,
      role,
      centerId: options.center === undefined ? centerId : options.center,
      trusted: options.trusted ?? false,
      at: START,
    });
    return actorOf((await staffRepository.findById(db, id))!);
  }

  const count = async (table: 'declarations' | 'batches' | 'declaration_events' | 'audit_log' | 'daily_totals' | 'search_grams') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function submitOk(actor: Actor, rows: unknown[], acknowledgeDuplicates = false) {
    const outcome = await service.submitBatch(actor, batchOf(rows), { acknowledgeDuplicates });
    if (!outcome.ok) assert.fail(`expected success, got ${JSON.stringify(outcome)}`);
    return outcome.value;
  }

  before(async () => {
    ctx = await createTestContext(engine);
    db = ctx.services.database.db;
  });
  after(() => ctx.close());
  beforeEach(async () => {
    clock = START;
    service = serviceWith();
    // A clean slate per test, in an order the foreign keys allow.
    for (const table of ['declaration_events', 'declarations', 'batches', 'audit_log', 'staff', 'centers'] as const) {
      await db.deleteFrom(table).execute();
    }
    centerId = await insertCenter('Taipei center');
    otherCenterId = await insertCenter('Toronto center');
  });

  return {
    get ctx() {
      return ctx;
    },
    /** The audit log under this context's key, for reading and verifying it. */
    get audit() {
      return createAuditRepository(ctx.services.keys);
    },
    get db() {
      return db;
    },
    /** What the service takes for now; each test starts at START. */
    get clock() {
      return clock;
    },
    set clock(at: Date) {
      clock = at;
    },
    get service() {
      return service;
    },
    get centerId() {
      return centerId;
    },
    get otherCenterId() {
      return otherCenterId;
    },
    serviceWith,
    insertCenter,
    newActor,
    count,
    submitOk,
  };
}
