import { sql, type Selectable } from 'kysely';
import type { StaffRole, StaffTable } from '../db/schema.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

export interface StaffRecord {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  centerId: number | null;
  /** The name of the member's center, to show instead of its number. */
  centerName: string | null;
  trusted: boolean;
  active: boolean;
  passwordHash: string | null;
  totpSealed: string | null;
  totpLastStep: number | null;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

function toRecord(row: Selectable<StaffTable> & { center_name: string | null }): StaffRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    centerId: row.center_id,
    centerName: row.center_name,
    trusted: row.trusted === 1,
    active: row.active === 1,
    passwordHash: row.password_hash,
    totpSealed: row.totp_sealed,
    totpLastStep: row.totp_last_step,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until === null ? null : fromDbTime(row.locked_until),
    createdAt: fromDbTime(row.created_at),
  };
}

export interface SessionRecord {
  id: string;
  staffId: number;
  csrfToken: string;
  secondFactor: boolean;
  createdAt: Date;
  lastSeenAt: Date;
}

/** Staff rows with the name of their center. */
function selectStaff(db: Executor) {
  return db
    .selectFrom('staff')
    .leftJoin('centers', 'centers.id', 'staff.center_id')
    .selectAll('staff')
    .select('centers.name as center_name');
}

/** Staff accounts, their one-time tokens and their sessions. */
export const staffRepository = {
  async insert(
    db: Executor,
    staff: { email: string; name: string; role: StaffRole; centerId: number | null; trusted: boolean; at: Date },
  ): Promise<number> {
    const row = await db
      .insertInto('staff')
      .values({
        email: staff.email,
        name: staff.name,
        role: staff.role,
        center_id: staff.centerId,
        trusted: staff.trusted ? 1 : 0,
        active: 1,
        failed_attempts: 0,
        created_at: toDbTime(staff.at),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async findById(db: Executor, id: number): Promise<StaffRecord | null> {
    const row = await selectStaff(db).where('staff.id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  async findByEmail(db: Executor, email: string): Promise<StaffRecord | null> {
    const row = await selectStaff(db).where('staff.email', '=', email).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  /** Whether any authenticator secret is sealed under the staff key. */
  async anyTotp(db: Executor): Promise<boolean> {
    return (await db.selectFrom('staff').select('id').where('totp_sealed', 'is not', null).limit(1).executeTakeFirst()) !== undefined;
  },

  async list(db: Executor, filter: { centerId?: number | null }): Promise<StaffRecord[]> {
    let query = selectStaff(db).orderBy('staff.name');
    if (filter.centerId !== undefined && filter.centerId !== null) query = query.where('staff.center_id', '=', filter.centerId);
    return (await query.execute()).map(toRecord);
  },

  async update(
    db: Executor,
    id: number,
    changes: Partial<{
      role: StaffRole;
      centerId: number | null;
      trusted: boolean;
      active: boolean;
      passwordHash: string | null;
      totpSealed: string | null;
      totpLastStep: number | null;
      failedAttempts: number;
      lockedUntil: Date | null;
    }>,
  ): Promise<void> {
    const set: Record<string, unknown> = {};
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.centerId !== undefined) set.center_id = changes.centerId;
    if (changes.trusted !== undefined) set.trusted = changes.trusted ? 1 : 0;
    if (changes.active !== undefined) set.active = changes.active ? 1 : 0;
    if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
    if (changes.totpSealed !== undefined) set.totp_sealed = changes.totpSealed;
    if (changes.totpLastStep !== undefined) set.totp_last_step = changes.totpLastStep;
    if (changes.failedAttempts !== undefined) set.failed_attempts = changes.failedAttempts;
    if (changes.lockedUntil !== undefined) set.locked_until = changes.lockedUntil === null ? null : toDbTime(changes.lockedUntil);
    if (Object.keys(set).length === 0) return;
    await db.updateTable('staff').set(set).where('id', '=', id).execute();
  },

  /**
   * Takes one of the `max` password guesses of the current lockout window before the guess is
   * checked, in one conditional UPDATE: however many requests arrive at once, in however many
   * processes, no more than `max` are let through. The guess that takes the last one locks the
   * account until `lockUntil`; a lock that has run out opens a new window. Null when no guess is
   * left; otherwise whether this guess set the lock.
   */
  async reserveGuess(db: Executor, id: number, max: number, at: Date, lockUntil: Date): Promise<{ locked: boolean } | null> {
    // In a row that passes the WHERE, a lock that is set has run out: the window starts again.
    const attempts = sql<number>`case when locked_until is not null then 1 else failed_attempts + 1 end`;
    const row = await db
      .updateTable('staff')
      .set({
        failed_attempts: attempts,
        // Otherwise no lock (the `then locked_until` branch is null too; it gives PostgreSQL the type).
        locked_until: sql`case when ${attempts} >= ${max} then ${toDbTime(lockUntil)} when locked_until is null then locked_until end`,
      })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('locked_until', '<=', toDbTime(at)), eb.and([eb('locked_until', 'is', null), eb('failed_attempts', '<', max)])]),
      )
      .returning('locked_until')
      .executeTakeFirst();
    return row ? { locked: row.locked_until !== null } : null;
  },

  /** Gives back a guess that turned out right, with the lock it set (see reserveGuess). */
  async releaseGuess(db: Executor, id: number, lockedUntil: Date | null): Promise<void> {
    await db
      .updateTable('staff')
      .set({
        failed_attempts: sql`failed_attempts - 1`,
        locked_until:
          lockedUntil === null ? sql`locked_until` : sql`case when locked_until = ${toDbTime(lockedUntil)} then null else locked_until end`,
      })
      .where('id', '=', id)
      .where('failed_attempts', '>', 0)
      .execute();
  },

  /**
   * Counts one failed second factor atomically (parallel failures all count) and locks the
   * account when the count reaches `max`. Returns whether this failure locked it.
   */
  async recordFailure(db: Executor, id: number, max: number, lockUntil: Date): Promise<boolean> {
    const row = await db
      .updateTable('staff')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_attempts')
      .executeTakeFirst();
    if (!row || row.failed_attempts < max) return false;
    await db
      .updateTable('staff')
      .set({ failed_attempts: 0, locked_until: toDbTime(lockUntil) })
      .where('id', '=', id)
      .execute();
    return true;
  },

  /** A new one-time link replaces every earlier unused one of the member. */
  async retireTokens(db: Executor, staffId: number, at: Date): Promise<void> {
    await db
      .updateTable('staff_tokens')
      .set({ used_at: toDbTime(at) })
      .where('staff_id', '=', staffId)
      .where('used_at', 'is', null)
      .execute();
  },

  async deletePasskeys(db: Executor, staffId: number): Promise<number> {
    const result = await db.deleteFrom('staff_passkeys').where('staff_id', '=', staffId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  /** Accepts a TOTP step only if it is newer than the last accepted one: a code works once. */
  async claimTotpStep(db: Executor, id: number, step: number): Promise<boolean> {
    const result = await db
      .updateTable('staff')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async insertToken(
    db: Executor,
    token: { staffId: number; purpose: 'enrol' | 'reset'; tokenHash: string; expiresAt: Date; at: Date },
  ): Promise<void> {
    await db
      .insertInto('staff_tokens')
      .values({
        staff_id: token.staffId,
        purpose: token.purpose,
        token_hash: token.tokenHash,
        expires_at: toDbTime(token.expiresAt),
        created_at: toDbTime(token.at),
      })
      .execute();
  },

  async findUsableToken(db: Executor, tokenHash: string, purpose: 'enrol' | 'reset', now: Date) {
    const row = await db
      .selectFrom('staff_tokens')
      .select(['id', 'staff_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (!row || fromDbTime(row.expires_at) <= now) return null;
    return { id: row.id, staffId: row.staff_id };
  },

  /** Marks a token used only if it still is unused, so two tabs cannot both use it. */
  async useToken(db: Executor, id: number, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('staff_tokens')
      .set({ used_at: toDbTime(at) })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async insertSession(db: Executor, session: { id: string; staffId: number; csrfToken: string; secondFactor: boolean; at: Date }) {
    await db
      .insertInto('staff_sessions')
      .values({
        id: session.id,
        staff_id: session.staffId,
        csrf_token: session.csrfToken,
        second_factor: session.secondFactor ? 1 : 0,
        created_at: toDbTime(session.at),
        last_seen_at: toDbTime(session.at),
      })
      .execute();
  },

  async findSession(db: Executor, id: string): Promise<SessionRecord | null> {
    const row = await db.selectFrom('staff_sessions').selectAll().where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      staffId: row.staff_id,
      csrfToken: row.csrf_token,
      secondFactor: row.second_factor === 1,
      createdAt: fromDbTime(row.created_at),
      lastSeenAt: fromDbTime(row.last_seen_at),
    };
  },

  async touchSession(db: Executor, id: string, at: Date): Promise<void> {
    await db
      .updateTable('staff_sessions')
      .set({ last_seen_at: toDbTime(at) })
      .where('id', '=', id)
      .execute();
  },

  async revokeSession(db: Executor, id: string, at: Date): Promise<void> {
    await db
      .updateTable('staff_sessions')
      .set({ revoked_at: toDbTime(at) })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  },

  async setChallenge(db: Executor, sessionId: string, challenge: string | null): Promise<void> {
    await db.updateTable('staff_sessions').set({ webauthn_challenge: challenge }).where('id', '=', sessionId).execute();
  },

  /** Reads and clears the challenge in one step, so a challenge answers one ceremony only. */
  async takeChallenge(db: Executor, sessionId: string): Promise<string | null> {
    const row = await db.selectFrom('staff_sessions').select('webauthn_challenge').where('id', '=', sessionId).executeTakeFirst();
    if (!row?.webauthn_challenge) return null;
    const cleared = await db
      .updateTable('staff_sessions')
      .set({ webauthn_challenge: null })
      .where('id', '=', sessionId)
      .where('webauthn_challenge', '=', row.webauthn_challenge)
      .executeTakeFirst();
    return cleared.numUpdatedRows === 1n ? row.webauthn_challenge : null;
  },

  async listPasskeys(db: Executor, staffId: number) {
    const rows = await db.selectFrom('staff_passkeys').selectAll().where('staff_id', '=', staffId).orderBy('id').execute();
    return rows.map((row) => ({
      id: row.id,
      credentialId: row.credential_id,
      publicKey: row.public_key,
      counter: row.counter,
      transports: JSON.parse(row.transports) as string[],
      name: row.name,
      createdAt: fromDbTime(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : fromDbTime(row.last_used_at),
    }));
  },

  async insertPasskey(
    db: Executor,
    passkey: { staffId: number; credentialId: string; publicKey: string; counter: number; transports: string[]; name: string; at: Date },
  ): Promise<void> {
    await db
      .insertInto('staff_passkeys')
      .values({
        staff_id: passkey.staffId,
        credential_id: passkey.credentialId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: JSON.stringify(passkey.transports),
        name: passkey.name,
        created_at: toDbTime(passkey.at),
      })
      .execute();
  },

  async passkeyUsed(db: Executor, id: number, counter: number, at: Date): Promise<void> {
    await db
      .updateTable('staff_passkeys')
      .set({ counter, last_used_at: toDbTime(at) })
      .where('id', '=', id)
      .execute();
  },

  async deletePasskey(db: Executor, staffId: number, id: number): Promise<boolean> {
    const result = await db.deleteFrom('staff_passkeys').where('id', '=', id).where('staff_id', '=', staffId).executeTakeFirst();
    return result.numDeletedRows === 1n;
  },

  async revokeAllSessions(db: Executor, staffId: number, at: Date): Promise<number> {
    const result = await db
      .updateTable('staff_sessions')
      .set({ revoked_at: toDbTime(at) })
      .where('staff_id', '=', staffId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};

export type StaffRepository = typeof staffRepository;
