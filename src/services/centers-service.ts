import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { centerInputSchema, type CenterFormInput, type CenterInput } from '../domain/centers/center-input.ts';
import { can, Permission, type Actor } from '../domain/staff/permissions.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { CenterFields, CenterRecord, CentersRepository } from '../repositories/centers-repository.ts';
import { fail, ok, type Result } from './result.ts';
import { staffLabel } from './staff-auth-service.ts';

/** What the public directory shows: no ids of staff, no flags, no timestamps. */
export interface PublicCenter {
  id: number;
  name: string;
  city: string;
  country: string;
  hotlines: string[];
  fax: string | null;
  email: string | null;
  address: string | null;
  openingHours: string | null;
  languages: string;
}

export type Center = CenterRecord;

/** A center as a console form offers it and a console page names it. */
export interface CenterChoice {
  id: number;
  name: string;
  city: string;
}

const FIELDS = [
  'name',
  'city',
  'country',
  'hotlines',
  'fax',
  'email',
  'address',
  'openingHours',
  'languages',
  'isPublic',
] as const satisfies readonly (keyof CenterFields)[];

function fieldsOf(input: CenterInput): CenterFields {
  return {
    name: input.name,
    city: input.city,
    country: input.country,
    hotlines: input.hotlines,
    fax: input.fax,
    email: input.email,
    address: input.address,
    openingHours: input.openingHours,
    languages: input.languages,
    isPublic: input.isPublic,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function toPublic(center: CenterRecord): PublicCenter {
  return {
    id: center.id,
    name: center.name,
    city: center.city,
    country: center.country,
    hotlines: center.hotlines,
    fax: center.fax,
    email: center.email,
    address: center.address,
    openingHours: center.openingHours,
    languages: center.languages,
  };
}

export interface CentersServiceDeps {
  db: Kysely<Database>;
  centers: CentersRepository;
  audit: AuditRepository;
  now?: () => Date;
}

export function createCentersService({ db, centers, audit, now = () => new Date() }: CentersServiceDeps) {
  /**
   * Admins see every center; a center admin (who manages the staff of one
   * center) sees only their own, so unlisted centers stay unlisted.
   */
  function scopeOf(actor: Actor): { all: true } | { all: false; centerId: number | null } | null {
    if (can(actor, Permission.CentersManage)) return { all: true };
    if (can(actor, Permission.StaffManageCenter)) return { all: false, centerId: actor.centerId };
    return null;
  }

  /** Validates again even when the caller already did: the service is the last line. */
  function parse(input: CenterFormInput | CenterInput): CenterFields | null {
    const parsed = centerInputSchema.safeParse(input);
    return parsed.success ? fieldsOf(parsed.data) : null;
  }

  return {
    /** Public centers for the directory, ordered by country, city, name. */
    async listPublic(): Promise<PublicCenter[]> {
      return (await centers.list(db, { publicOnly: true })).map(toPublic);
    },

    /** Every center, public or not, in directory order: for staff to choose from and to see by name. */
    async choices(): Promise<CenterChoice[]> {
      return (await centers.list(db)).map(({ id, name, city }) => ({ id, name, city }));
    },

    async list(actor: Actor): Promise<Result<Center[]>> {
      const scope = scopeOf(actor);
      if (!scope) return fail('auth.forbidden');
      if (scope.all) return ok(await centers.list(db));
      if (scope.centerId === null) return ok([]);
      return ok(await centers.list(db, { id: scope.centerId }));
    },

    async get(actor: Actor, id: number): Promise<Result<Center>> {
      const scope = scopeOf(actor);
      if (!scope) return fail('auth.forbidden');
      if (!scope.all && scope.centerId !== id) return fail('auth.forbidden');
      if (!Number.isSafeInteger(id)) return fail('request.notFound');
      const center = await centers.findById(db, id);
      return center ? ok(center) : fail('request.notFound');
    },

    async create(actor: Actor, input: CenterFormInput | CenterInput): Promise<Result<Center>> {
      if (!can(actor, Permission.CentersManage)) return fail('auth.forbidden');
      const fields = parse(input);
      if (!fields) return fail('request.invalid');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const id = await centers.insert(trx, { ...fields, at });
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'center.created',
          targetType: 'center',
          targetId: String(id),
          details: { fields },
        });
        return ok((await centers.findById(trx, id))!);
      });
    },

    /** Replaces every field; the audit entry holds each changed field's old and new value. */
    async update(actor: Actor, id: number, input: CenterFormInput | CenterInput): Promise<Result<Center>> {
      if (!can(actor, Permission.CentersManage)) return fail('auth.forbidden');
      const fields = parse(input);
      if (!fields) return fail('request.invalid');
      if (!Number.isSafeInteger(id)) return fail('request.notFound');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const current = await centers.findById(trx, id);
        if (!current) return fail('request.notFound');
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of FIELDS) {
          if (!sameValue(current[field], fields[field])) changes[field] = { from: current[field], to: fields[field] };
        }
        if (Object.keys(changes).length === 0) return ok(current);
        await centers.update(trx, id, { ...fields, at });
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'center.updated',
          targetType: 'center',
          targetId: String(id),
          details: { changes },
        });
        return ok((await centers.findById(trx, id))!);
      });
    },
  };
}

export type CentersService = ReturnType<typeof createCentersService>;
