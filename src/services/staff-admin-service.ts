import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../db/schema.ts';
import type { StaffInput } from '../domain/staff/staff-input.ts';
import { roleNeedsCenter } from '../domain/staff/roles.ts';
import { Permission, can, canManageStaffMember, type Actor } from '../domain/staff/permissions.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { CentersRepository } from '../repositories/centers-repository.ts';
import type { Executor } from '../repositories/executor.ts';
import type { StaffRecord, StaffRepository } from '../repositories/staff-repository.ts';
import { fail, ok, type Result } from './result.ts';
import { staffLabel, type StaffAuthService } from './staff-auth-service.ts';

/** Who performs an administrative action: a signed-in admin, or the operator at the command line. */
export type Administrator = Actor | 'cli';

export interface StaffAdminDeps {
  db: Kysely<Database>;
  staff: StaffRepository;
  centers: Pick<CentersRepository, 'findById'>;
  audit: AuditRepository;
  auth: StaffAuthService;
  now?: () => Date;
}

export function createStaffAdminService({ db, staff, centers, audit, auth, now = () => new Date() }: StaffAdminDeps) {
  function label(by: Administrator): { actorId: number | null; actor: string } {
    return by === 'cli' ? { actorId: null, actor: 'cli' } : { actorId: by.id, actor: staffLabel(by) };
  }

  function mayManage(by: Administrator, member: { centerId: number | null; role: StaffRole }): boolean {
    return by === 'cli' || canManageStaffMember(by, member);
  }

  /**
   * Trust (publishing without moderation) adds people to the public count that no editor saw, so a
   * second person grants it: a global admin or the operator, never a center admin (who could
   * otherwise trust an account of their own making), never oneself, and only to those who enter
   * declarations. Anyone who manages the member may take it away.
   */
  function mayTrust(by: Administrator, role: StaffRole, memberId?: number): boolean {
    if (by !== 'cli' && (memberId === by.id || !can(by, Permission.StaffManageAll))) return false;
    return role === 'volunteer' || role === 'center_admin';
  }

  async function centerExists(trx: Executor, centerId: number): Promise<boolean> {
    return (await centers.findById(trx, centerId)) !== null;
  }

  async function record(trx: Executor, by: Administrator, action: string, staffId: number, details: Record<string, unknown>) {
    await audit.append(trx, { at: now(), ...label(by), action, targetType: 'staff', targetId: String(staffId), details });
  }

  /** Loads a member the administrator may manage, inside the transaction. */
  async function managed(trx: Executor, by: Administrator, staffId: number): Promise<StaffRecord | null> {
    const member = await staff.findById(trx, staffId);
    return member && mayManage(by, member) ? member : null;
  }

  return {
    /** Creates the account and returns a one-time enrolment link token. */
    async add(by: Administrator, input: StaffInput): Promise<Result<{ staffId: number; enrolToken: string }>> {
      if (!mayManage(by, input)) return fail('auth.forbidden');
      if (input.centerId !== null) {
        if (!(await centerExists(db, input.centerId))) return fail('staff.centerUnknown');
      }
      if (input.trusted && !mayTrust(by, input.role)) return fail('auth.forbidden');
      return db.transaction().execute(async (trx) => {
        if (await staff.findByEmail(trx, input.email)) return fail('staff.emailTaken');
        const staffId = await staff.insert(trx, { ...input, at: now() });
        const enrolToken = await auth.issueToken(trx, staffId, 'enrol');
        await record(trx, by, 'staff.added', staffId, { email: input.email, role: input.role, centerId: input.centerId });
        if (input.trusted) await record(trx, by, 'staff.trusted', staffId, {});
        return ok({ staffId, enrolToken });
      });
    },

    async list(actor: Actor): Promise<StaffRecord[]> {
      if (can(actor, Permission.StaffManageAll)) return staff.list(db, {});
      if (can(actor, Permission.StaffManageCenter) && actor.centerId !== null) return staff.list(db, { centerId: actor.centerId });
      return [];
    },

    async get(by: Administrator, staffId: number): Promise<StaffRecord | null> {
      return managed(db, by, staffId);
    },

    async changeRole(by: Administrator, staffId: number, role: StaffRole, centerId: number | null): Promise<Result<true>> {
      if (roleNeedsCenter(role) && centerId === null) return fail('staff.centerRequired');
      if (!mayManage(by, { role, centerId: roleNeedsCenter(role) ? centerId : null })) return fail('auth.forbidden');
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member || (by !== 'cli' && member.id === by.id)) return fail('auth.forbidden');
        const nextCenter = roleNeedsCenter(role) ? centerId : null;
        if (nextCenter !== null && !(await centerExists(trx, nextCenter))) return fail('staff.centerUnknown');
        // Trust is granted for a role at a center; any change starts without it, whoever makes it,
        // so no edit keeps trust that a global admin did not grant for the new place.
        await staff.update(trx, staffId, { role, centerId: nextCenter, trusted: false });
        // New rights take effect at the next sign-in, never inside a session opened under the old role.
        await staff.revokeAllSessions(trx, staffId, now());
        await record(trx, by, 'staff.roleChanged', staffId, { from: member.role, to: role, centerId: nextCenter });
        if (member.trusted) await record(trx, by, 'staff.untrusted', staffId, { reason: 'roleChanged' });
        return ok(true as const);
      });
    },

    /** Whether this administrator may grant trust at all, so the console offers it only to them. */
    mayGrantTrust: (by: Administrator) => by === 'cli' || can(by, Permission.StaffManageAll),

    async setTrusted(by: Administrator, staffId: number, trusted: boolean): Promise<Result<true>> {
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member || (trusted && !mayTrust(by, member.role, member.id))) return fail('auth.forbidden');
        if (member.trusted === trusted) return ok(true as const);
        await staff.update(trx, staffId, { trusted });
        await record(trx, by, trusted ? 'staff.trusted' : 'staff.untrusted', staffId, {});
        return ok(true as const);
      });
    },

    async setActive(by: Administrator, staffId: number, active: boolean): Promise<Result<true>> {
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member || (by !== 'cli' && member.id === by.id)) return fail('auth.forbidden');
        await staff.update(trx, staffId, { active });
        if (!active) await staff.revokeAllSessions(trx, staffId, now());
        await record(trx, by, active ? 'staff.activated' : 'staff.deactivated', staffId, {});
        return ok(true as const);
      });
    },

    /** A one-time link to choose a new password; every session of the member ends when it is used. */
    async issueResetLink(by: Administrator, staffId: number): Promise<Result<{ token: string }>> {
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member) return fail('auth.forbidden');
        const token = await auth.issueToken(trx, staffId, member.passwordHash ? 'reset' : 'enrol');
        await record(trx, by, 'staff.resetIssued', staffId, {});
        return ok({ token });
      });
    },

    /** For a lost phone: the member enrols a new authenticator at the next sign-in. */
    async resetSecondFactor(by: Administrator, staffId: number): Promise<Result<true>> {
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member) return fail('auth.forbidden');
        await staff.update(trx, staffId, { totpSealed: null, totpLastStep: null });
        // A lost phone may hold a passkey too: every second factor goes.
        const passkeys = await staff.deletePasskeys(trx, staffId);
        await staff.revokeAllSessions(trx, staffId, now());
        await record(trx, by, 'staff.secondFactorReset', staffId, { passkeysRemoved: passkeys });
        return ok(true as const);
      });
    },

    async revokeSessions(by: Administrator, staffId: number): Promise<Result<number>> {
      return db.transaction().execute(async (trx) => {
        const member = await managed(trx, by, staffId);
        if (!member) return fail('auth.forbidden');
        const count = await staff.revokeAllSessions(trx, staffId, now());
        await record(trx, by, 'staff.sessionsRevoked', staffId, { sessions: count });
        return ok(count);
      });
    },
  };
}

export type StaffAdminService = ReturnType<typeof createStaffAdminService>;
