import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createTestContext, type TestContext } from '../../test/helpers/test-context.ts';
import { testEngines } from '../../test/helpers/databases.ts';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../db/schema.ts';
import { centerInputSchema, type CenterFormInput } from '../domain/centers/center-input.ts';
import { fieldErrors } from '../domain/declaration/declaration-input.ts';
import type { Actor } from '../domain/staff/permissions.ts';
import { createAuditRepository } from '../repositories/audit-repository.ts';
import { centersRepository } from '../repositories/centers-repository.ts';
import { staffRepository } from '../repositories/staff-repository.ts';
import { createCentersService, type CentersService } from './centers-service.ts';
import { actorOf, staffLabel } from './staff-auth-service.ts';

const berlin: CenterFormInput = {
  name: '柏林三退服务中心',
  city: 'Berlin',
  country: 'Deutschland',
  hotlines: '+49 30 1234567\r\n\r\n＋４９ (0)30-7654321\n',
  fax: '+49 30 1234568',
  email: 'berlin@example.org',
  address: 'Alexanderplatz 1\n10178 Berlin',
  openingHours: 'Mo–Fr 10–18',
  languages: '中文, Deutsch, English',
  isPublic: 'on',
};

function errorCodes(input: unknown): Record<string, string> {
  const parsed = centerInputSchema.safeParse(input);
  assert.equal(parsed.success, false, 'expected the input to be refused');
  return Object.fromEntries(Object.entries(fieldErrors(parsed.error!)).map(([field, error]) => [field, error.code]));
}

describe('centerInputSchema', () => {
  test('cleans form input: hotlines one per line, full-width digits folded, checkbox', () => {
    const parsed = centerInputSchema.parse(berlin);
    assert.deepEqual(parsed.hotlines, ['+49 30 1234567', '+49 (0)30-7654321']);
    assert.equal(parsed.isPublic, true);
    assert.equal(parsed.address, 'Alexanderplatz 1\n10178 Berlin');
    assert.equal(centerInputSchema.parse({ ...berlin, isPublic: undefined }).isPublic, false);
  });

  test('accepts JSON shapes and nulls for optional fields', () => {
    const parsed = centerInputSchema.parse({
      name: ' Taipei ',
      city: '台北',
      country: '台灣',
      hotlines: ['+886 2 1234 5678'],
      fax: null,
      email: null,
      address: null,
      openingHours: null,
      languages: '',
      isPublic: false,
    });
    assert.deepEqual(parsed, {
      name: 'Taipei',
      city: '台北',
      country: '台灣',
      hotlines: ['+886 2 1234 5678'],
      fax: null,
      email: null,
      address: null,
      openingHours: null,
      languages: '',
      isPublic: false,
    });
    // Its own output is valid input, so services can check again what a handler already parsed.
    assert.deepEqual(centerInputSchema.parse(parsed), parsed);
  });

  test('refuses each kind of bad field with an error code', () => {
    assert.deepEqual(errorCodes({ ...berlin, name: '   ' }), { name: 'text.required' });
    assert.deepEqual(errorCodes({ ...berlin, name: undefined }), { name: 'text.required' });
    assert.deepEqual(errorCodes({ ...berlin, name: 'x'.repeat(101) }), { name: 'text.tooLong' });
    assert.deepEqual(errorCodes({ ...berlin, city: 'y'.repeat(61), country: 'z'.repeat(61) }), {
      city: 'text.tooLong',
      country: 'text.tooLong',
    });
    assert.deepEqual(errorCodes({ ...berlin, city: 'Ber\u0007lin' }), { city: 'text.control' });
    assert.deepEqual(errorCodes({ ...berlin, city: 'Ber\nlin' }), { city: 'text.control' });
    assert.deepEqual(errorCodes({ ...berlin, address: 'Street \u202Eevil' }), { address: 'text.bidi' });
    assert.deepEqual(errorCodes({ ...berlin, address: 'bad \uFFFD bytes' }), { address: 'text.malformed' });
    assert.deepEqual(errorCodes({ ...berlin, address: 'a'.repeat(301) }), { address: 'text.tooLong' });
    assert.deepEqual(errorCodes({ ...berlin, openingHours: 'h'.repeat(201) }), { openingHours: 'text.tooLong' });
    assert.deepEqual(errorCodes({ ...berlin, languages: 'l'.repeat(101) }), { languages: 'text.tooLong' });
    assert.deepEqual(errorCodes({ ...berlin, email: 'not an address' }), { email: 'contact.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, hotlines: 'call 030 1234' }), { hotlines: 'hotlines.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, hotlines: ['1'.repeat(41)] }), { hotlines: 'hotlines.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, hotlines: '+-()' }), { hotlines: 'hotlines.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, hotlines: Array.from({ length: 11 }, (_, i) => `030 ${i}`) }), {
      hotlines: 'hotlines.tooMany',
    });
    assert.deepEqual(errorCodes({ ...berlin, hotlines: '030 1\u202E' }), { hotlines: 'text.bidi' });
    assert.deepEqual(errorCodes({ ...berlin, fax: 'fax me' }), { fax: 'hotlines.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, isPublic: 'maybe' }), { isPublic: 'text.invalid' });
    assert.deepEqual(errorCodes({ ...berlin, name: 42 }), { name: 'text.invalid' });
  });

  test('ten hotlines are fine', () => {
    const hotlines = Array.from({ length: 10 }, (_, i) => `030 100${i}`).join('\n');
    assert.equal(centerInputSchema.parse({ ...berlin, hotlines }).hotlines.length, 10);
  });
});

for (const engine of testEngines()) {
  describe(`centers service (${engine})`, () => {
    let ctx: TestContext;
    let db: Kysely<Database>;
    let centers: CentersService;
    let staffCount = 0;
    let clock: Date;

    async function staffActor(role: StaffRole, centerId: number | null = null): Promise<Actor> {
      const id = await staffRepository.insert(db, {
        email: `${role}-${++staffCount}@example.org`,
        name: role,
        role,
        centerId,
        trusted: false,
        at: new Date(),
      });
      return actorOf((await staffRepository.findById(db, id))!);
    }

    async function counts() {
      const centersRow = await db
        .selectFrom('centers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const auditRow = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return { centers: Number(centersRow.n), audit: Number(auditRow.n) };
    }

    beforeEach(async () => {
      ctx = await createTestContext(engine);
      db = ctx.services.database.db;
      clock = new Date('2025-03-01T10:00:00.000Z');
      centers = createCentersService({
        db,
        centers: centersRepository,
        audit: createAuditRepository(ctx.services.keys),
        now: () => clock,
      });
    });
    afterEach(() => ctx.close());

    test('an admin creates a center; the audit log records who and what', async () => {
      const admin = await staffActor('admin');
      const created = await centers.create(admin, berlin);
      assert.ok(created.ok);
      const center = created.value;
      assert.equal(center.name, '柏林三退服务中心');
      assert.deepEqual(center.hotlines, ['+49 30 1234567', '+49 (0)30-7654321']);
      assert.equal(center.isPublic, true);
      assert.equal(center.createdAt.toISOString(), clock.toISOString());

      const row = await db.selectFrom('centers').selectAll().where('id', '=', center.id).executeTakeFirstOrThrow();
      assert.equal(row.hotlines, JSON.stringify(['+49 30 1234567', '+49 (0)30-7654321']));
      assert.equal(row.is_public, 1);
      assert.equal(row.opening_hours, 'Mo–Fr 10–18');

      // The first entry of a fresh installation records the creation of its keys.
      const [entry, ...rest] = (await createAuditRepository(ctx.services.keys).list(db, { limit: 10 })).filter(
        (e) => e.action !== 'keys.created',
      );
      assert.equal(rest.length, 0);
      assert.equal(entry!.action, 'center.created');
      assert.equal(entry!.actor, staffLabel(admin));
      assert.equal(entry!.actorId, admin.id);
      assert.equal(entry!.targetType, 'center');
      assert.equal(entry!.targetId, String(center.id));
      assert.deepEqual((entry!.details.fields as Record<string, unknown>).hotlines, center.hotlines);
      assert.equal((entry!.details.fields as Record<string, unknown>).email, 'berlin@example.org');
      assert.equal((await createAuditRepository(ctx.services.keys).verify(db)).brokenAt, null);
    });

    test('an update records only the changed fields, old and new; a no-op writes nothing', async () => {
      const admin = await staffActor('admin');
      const created = await centers.create(admin, berlin);
      assert.ok(created.ok);
      clock = new Date('2025-03-02T09:00:00.000Z');
      const updated = await centers.update(admin, created.value.id, {
        ...berlin,
        hotlines: ['+49 30 999'],
        email: '',
        isPublic: undefined,
      });
      assert.ok(updated.ok);
      assert.deepEqual(updated.value.hotlines, ['+49 30 999']);
      assert.equal(updated.value.email, null);
      assert.equal(updated.value.isPublic, false);
      assert.equal(updated.value.name, berlin.name);
      assert.equal(updated.value.updatedAt.toISOString(), '2025-03-02T09:00:00.000Z');
      assert.equal(updated.value.createdAt.toISOString(), '2025-03-01T10:00:00.000Z');

      const [entry] = await createAuditRepository(ctx.services.keys).list(db, { limit: 1 });
      assert.equal(entry!.action, 'center.updated');
      assert.equal(entry!.targetId, String(created.value.id));
      assert.deepEqual(entry!.details, {
        changes: {
          hotlines: { from: ['+49 30 1234567', '+49 (0)30-7654321'], to: ['+49 30 999'] },
          email: { from: 'berlin@example.org', to: null },
          isPublic: { from: true, to: false },
        },
      });

      const before = await counts();
      const again = await centers.update(admin, created.value.id, updated.value);
      assert.ok(again.ok);
      assert.deepEqual(await counts(), before);
      assert.equal((await createAuditRepository(ctx.services.keys).verify(db)).checked, 3, 'keys.created and the two center entries');

      assert.deepEqual(await centers.update(admin, 9999, berlin), { ok: false, error: 'request.notFound' });
    });

    test('list: admins see every center in directory order; a center admin sees their own', async () => {
      const admin = await staffActor('admin');
      const ids: Record<string, number> = {};
      for (const [name, city, country, isPublic] of [
        ['B', 'Taipei', 'Taiwan', true],
        ['A', 'Berlin', 'Germany', false],
        ['C', 'Toronto', 'Canada', true],
        ['A', 'Taipei', 'Taiwan', true],
        ['Z', 'Hamburg', 'Germany', true],
      ] as const) {
        const created = await centers.create(admin, { ...berlin, name, city, country, isPublic });
        assert.ok(created.ok);
        ids[`${name}/${city}`] = created.value.id;
      }
      const all = await centers.list(admin);
      assert.ok(all.ok);
      assert.deepEqual(
        all.value.map((c) => `${c.country}/${c.city}/${c.name}`),
        ['Canada/Toronto/C', 'Germany/Berlin/A', 'Germany/Hamburg/Z', 'Taiwan/Taipei/A', 'Taiwan/Taipei/B'],
      );

      const centerAdmin = await staffActor('center_admin', ids['A/Berlin']!);
      const own = await centers.list(centerAdmin);
      assert.ok(own.ok);
      assert.deepEqual(
        own.value.map((c) => c.id),
        [ids['A/Berlin']],
      );
      const got = await centers.get(centerAdmin, ids['A/Berlin']!);
      assert.ok(got.ok);
      assert.equal(got.value.name, 'A');
      assert.deepEqual(await centers.get(centerAdmin, ids['C/Toronto']!), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await centers.get(admin, 9999), { ok: false, error: 'request.notFound' });
    });

    test('listPublic shows only public centers, in directory order, without internal fields', async () => {
      const admin = await staffActor('admin');
      await centers.create(admin, { ...berlin, name: 'Hidden', isPublic: false });
      await centers.create(admin, { ...berlin, name: 'Taipei', city: 'Taipei', country: 'Taiwan' });
      await centers.create(admin, { ...berlin, name: 'Berlin' });
      const listed = await centers.listPublic();
      assert.deepEqual(
        listed.map((c) => c.name),
        ['Berlin', 'Taipei'],
      );
      assert.deepEqual(Object.keys(listed[0]!).sort(), [
        'address',
        'city',
        'country',
        'email',
        'fax',
        'hotlines',
        'id',
        'languages',
        'name',
        'openingHours',
      ]);
      assert.deepEqual(listed[0]!.hotlines, ['+49 30 1234567', '+49 (0)30-7654321']);
    });

    test('volunteers, editors and auditors may not manage centers; nothing is written', async () => {
      const admin = await staffActor('admin');
      const created = await centers.create(admin, berlin);
      assert.ok(created.ok);
      const before = await counts();
      for (const role of ['volunteer', 'editor', 'auditor'] as const) {
        const actor = await staffActor(role, created.value.id);
        assert.deepEqual(await centers.create(actor, berlin), { ok: false, error: 'auth.forbidden' });
        assert.deepEqual(await centers.update(actor, created.value.id, { ...berlin, name: 'Taken' }), {
          ok: false,
          error: 'auth.forbidden',
        });
        assert.deepEqual(await centers.list(actor), { ok: false, error: 'auth.forbidden' });
        assert.deepEqual(await centers.get(actor, created.value.id), { ok: false, error: 'auth.forbidden' });
      }
      // A center admin manages staff, not centers.
      const centerAdmin = await staffActor('center_admin', created.value.id);
      assert.deepEqual(await centers.create(centerAdmin, berlin), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await centers.update(centerAdmin, created.value.id, berlin), { ok: false, error: 'auth.forbidden' });
      assert.deepEqual(await counts(), before);
      const row = await centersRepository.findById(db, created.value.id);
      assert.equal(row!.name, berlin.name);
    });

    test('invalid input changes nothing', async () => {
      const admin = await staffActor('admin');
      const created = await centers.create(admin, berlin);
      assert.ok(created.ok);
      const before = await counts();
      const bad: CenterFormInput[] = [
        { ...berlin, name: '' },
        { ...berlin, email: 'nope' },
        { ...berlin, hotlines: 'ring ring' },
        { ...berlin, address: 'x\u2066y' },
        { ...berlin, city: 'c'.repeat(61) },
        { ...berlin, hotlines: Array.from({ length: 11 }, () => '110') },
      ];
      for (const input of bad) {
        assert.deepEqual(await centers.create(admin, input), { ok: false, error: 'request.invalid' });
        assert.deepEqual(await centers.update(admin, created.value.id, input), { ok: false, error: 'request.invalid' });
      }
      assert.deepEqual(await centers.create(admin, null as unknown as CenterFormInput), { ok: false, error: 'request.invalid' });
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await centersRepository.findById(db, created.value.id), created.value);
    });
  });
}
