import { createHash, randomBytes } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Keys } from '../crypto/keys.ts';
import { open, seal } from '../crypto/seal.ts';
import type { Database, StaffRole } from '../db/schema.ts';
import { isSystemActor, SYSTEM_ACTOR, type Actor } from '../domain/staff/permissions.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { Executor } from '../repositories/executor.ts';
import type { StaffRecord, StaffRepository } from '../repositories/staff-repository.ts';
import { fail, ok, type Result } from './result.ts';
import { AddressKeys } from './flood/address-keys.ts';
import { createSignInGuard, QUEUE_FULL, type SignInGuard } from './flood/sign-in-guard.ts';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_ATTEMPTS = 5;
/**
 * Wrong passwords an account takes per lockout window from all sources together. Each source has
 * MAX_FAILED_ATTEMPTS of its own first (flood/sign-in-guard.ts), so one stranger cannot lock the
 * account; this ceiling still bounds the guesses of many sources at once, on every server.
 */
export const ACCOUNT_GUESS_CEILING = 50;
export const LOCKOUT_MS = 15 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 12;
const ENROL_TOKEN_MS = 72 * 60 * 60 * 1000;
const RESET_TOKEN_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;
const TOTP_PERIOD = 30;

// Verified against when the e-mail is unknown, so a miss costs the same time as a wrong password.
const DUMMY_HASH = await argonHash('no such account, no such password');

/** Random tokens are 256 bits, so a plain SHA-256 is enough to keep them out of the database. */
const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

export function actorOf(staff: StaffRecord): Actor {
  return { id: staff.id, email: staff.email, name: staff.name, role: staff.role, centerId: staff.centerId, trusted: staff.trusted };
}

export function staffLabel(staff: { id: number; email: string }): string {
  if (isSystemActor(staff)) return SYSTEM_ACTOR.name;
  return `staff:${staff.id} ${staff.email}`;
}

export interface SignedInSession {
  token: string;
  actor: Actor;
  csrfToken: string;
  secondFactor: boolean;
  needsTotpEnrolment: boolean;
}

export interface StaffAuthDeps {
  db: Kysely<Database>;
  staff: StaffRepository;
  audit: AuditRepository;
  keys: Keys;
  /** Per-source guesses and the argon2 queue; by default one of its own, with a real clock. */
  guard?: SignInGuard;
  now?: () => Date;
}

export function createStaffAuthService({
  db,
  staff,
  audit,
  keys,
  guard = createSignInGuard({ addressKeys: new AddressKeys(Date.now), now: Date.now }),
  now = () => new Date(),
}: StaffAuthDeps) {
  const totpFor = (secret: string, label = 'Tuidang') =>
    new TOTP({ issuer: 'Tuidang', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD });

  /** The time step a code belongs to, or null if it is not valid now (±1 step for clock drift). */
  function matchingStep(secret: string, code: string, at: Date): number | null {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token)) return null;
    const delta = totpFor(secret).validate({ token, timestamp: at.getTime(), window: 1 });
    return delta === null ? null : Math.floor(at.getTime() / 1000 / TOTP_PERIOD) + delta;
  }

  async function recordFailure(trx: Executor, record: StaffRecord, at: Date, reason: string): Promise<void> {
    const locks = await staff.recordFailure(trx, record.id, MAX_FAILED_ATTEMPTS, new Date(at.getTime() + LOCKOUT_MS));
    await audit.append(trx, {
      at,
      actorId: record.id,
      actor: staffLabel(record),
      action: locks ? 'auth.locked' : 'auth.signInFailed',
      targetType: 'staff',
      targetId: String(record.id),
      details: { reason },
    });
  }

  async function createSession(trx: Executor, staffId: number, secondFactor: boolean, at: Date) {
    const token = newToken();
    const csrfToken = newToken();
    await staff.insertSession(trx, { id: tokenHash(token), staffId, csrfToken, secondFactor, at });
    return { token, csrfToken };
  }

  /** Replaces a password-only session with a full one, once a second factor has passed. */
  async function promoteSession(
    trx: Executor,
    record: StaffRecord,
    pendingToken: string,
    at: Date,
    action: string,
    details: Record<string, unknown> = {},
  ) {
    await staff.update(trx, record.id, { failedAttempts: 0, lockedUntil: null });
    await staff.revokeSession(trx, tokenHash(pendingToken), at);
    const fresh = await createSession(trx, record.id, true, at);
    await audit.append(trx, {
      at,
      actorId: record.id,
      actor: staffLabel(record),
      action,
      targetType: 'staff',
      targetId: String(record.id),
      details,
    });
    return { ...fresh, actor: actorOf(record), secondFactor: true, needsTotpEnrolment: record.totpSealed === null };
  }

  function isLocked(record: StaffRecord, at: Date): boolean {
    return record.lockedUntil !== null && record.lockedUntil > at;
  }

  async function setPasswordWithToken(
    token: string,
    purpose: 'enrol' | 'reset',
    password: string,
    confirmation: string,
  ): Promise<Result<{ staffId: number }>> {
    if (password !== confirmation) return fail('auth.passwordMismatch');
    if ([...password].length < MIN_PASSWORD_LENGTH || password.length > 256) return fail('auth.passwordWeak');
    const passwordHash = await argonHash(password);
    const at = now();
    return db.transaction().execute(async (trx) => {
      const found = await staff.findUsableToken(trx, tokenHash(token), purpose, at);
      if (!found || !(await staff.useToken(trx, found.id, at))) return fail('auth.tokenInvalid');
      const record = await staff.findById(trx, found.staffId);
      if (!record?.active) return fail('auth.tokenInvalid');
      await staff.update(trx, record.id, { passwordHash, failedAttempts: 0, lockedUntil: null });
      if (purpose === 'reset') await staff.revokeAllSessions(trx, record.id, at);
      await audit.append(trx, {
        at,
        actorId: record.id,
        actor: staffLabel(record),
        action: purpose === 'enrol' ? 'staff.enrolled' : 'staff.passwordReset',
        targetType: 'staff',
        targetId: String(record.id),
        details: {},
      });
      return ok({ staffId: record.id });
    });
  }

  return {
    /** A one-time link token for enrolment or a password reset; only its hash is stored. */
    async issueToken(trx: Executor, staffId: number, purpose: 'enrol' | 'reset'): Promise<string> {
      const token = newToken();
      const at = now();
      await staff.retireTokens(trx, staffId, at);
      const lifetime = purpose === 'enrol' ? ENROL_TOKEN_MS : RESET_TOKEN_MS;
      await staff.insertToken(trx, { staffId, purpose, tokenHash: tokenHash(token), expiresAt: new Date(at.getTime() + lifetime), at });
      return token;
    },

    async tokenIsUsable(token: string, purpose: 'enrol' | 'reset'): Promise<boolean> {
      return (await staff.findUsableToken(db, tokenHash(token), purpose, now())) !== null;
    },

    completeEnrolment: (token: string, password: string, confirmation: string) =>
      setPasswordWithToken(token, 'enrol', password, confirmation),

    completeReset: (token: string, password: string, confirmation: string) => setPasswordWithToken(token, 'reset', password, confirmation),

    /** The first step. The session it opens can do nothing but pass the second factor. */
    /**
     * A password sign-in from `source` (the client's address, known here only as its daily keyed
     * HMAC). 'auth.throttled' when that source has used its guesses on every account, 'auth.busy'
     * when the argon2 queue is full: neither checks a password or touches the account.
     */
    async signIn(emailInput: string, password: string, source?: string): Promise<Result<SignedInSession>> {
      const email = emailInput.trim().toLowerCase().slice(0, 254);
      // A source out of guesses for this account gets the locked answer, the one a wrong password
      // gets, without a check; one out of guesses for every account, 429.
      const reservation = guard.reserve(source, email);
      if (!reservation.ok) return fail(reservation.reason === 'source' ? 'auth.throttled' : 'auth.invalid');
      // Control characters cannot be in an address (and PostgreSQL refuses NUL in text).
      const record = /[\u0000-\u001f\u007f]/.test(email) ? null : await staff.findByEmail(db, email);
      const at = now();
      const decoy = async (): Promise<Result<SignedInSession>> => {
        const checked = await guard.hash(() => argonVerify(DUMMY_HASH, password).catch(() => false));
        return fail(checked === QUEUE_FULL ? 'auth.busy' : 'auth.invalid');
      };
      if (!record?.active || !record.passwordHash) return decoy();
      // A guess is reserved before it is checked, so no burst of requests checks more than
      // ACCOUNT_GUESS_CEILING passwords per lockout window over all sources. While locked, no password
      // is checked at all, and the answer is the one a stranger gets: neither says whether a guess was right.
      const lockUntil = new Date(at.getTime() + LOCKOUT_MS);
      const reserved = await staff.reserveGuess(db, record.id, ACCOUNT_GUESS_CEILING, at, lockUntil);
      if (!reserved) return decoy();
      const passwordHash = record.passwordHash;
      const matches = await guard.hash(() => argonVerify(passwordHash, password).catch(() => false));
      if (matches === QUEUE_FULL) {
        // Nothing was checked: the guess goes back to the account and to the source.
        await staff.releaseGuess(db, record.id, reserved.locked ? lockUntil : null);
        guard.giveBack(reservation);
        return fail('auth.busy');
      }
      return db.transaction().execute(async (trx) => {
        if (!matches) {
          await audit.append(trx, {
            at,
            actorId: record.id,
            actor: staffLabel(record),
            action: reserved.locked || reservation.last ? 'auth.locked' : 'auth.signInFailed',
            targetType: 'staff',
            targetId: String(record.id),
            // Locked for every source (the account's ceiling), or for the one that guessed.
            details: { reason: 'password', ...(reserved.locked ? {} : reservation.last ? { scope: 'source' } : {}) },
          });
          return fail('auth.invalid');
        }
        // A right password gives its guess back. Failures are cleared only once the second factor
        // passes, or guessing codes between correct passwords would never lock the account.
        await staff.releaseGuess(trx, record.id, reserved.locked ? lockUntil : null);
        guard.giveBack(reservation);
        const session = await createSession(trx, record.id, false, at);
        return ok({ ...session, actor: actorOf(record), secondFactor: false, needsTotpEnrolment: record.totpSealed === null });
      });
    },

    /** Resolves a cookie to a live session, enforcing the idle and absolute limits. */
    async session(token: string | undefined): Promise<SignedInSession | null> {
      if (!token || token.length > 100) return null;
      const id = tokenHash(token);
      const session = await staff.findSession(db, id);
      if (!session) return null;
      const at = now();
      const expired =
        at.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS || at.getTime() - session.createdAt.getTime() > SESSION_MAX_MS;
      const record = await staff.findById(db, session.staffId);
      if (expired || !record?.active) {
        await staff.revokeSession(db, id, at);
        return null;
      }
      if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await staff.touchSession(db, id, at);
      return {
        token,
        actor: actorOf(record),
        csrfToken: session.csrfToken,
        secondFactor: session.secondFactor,
        needsTotpEnrolment: record.totpSealed === null,
      };
    },

    /** A fresh secret, sealed to this session so the page can carry it until it is confirmed. */
    startTotpEnrolment(session: SignedInSession) {
      const secret = new Secret({ size: 20 }).base32;
      const uri = totpFor(secret, session.actor.email).toString();
      return { secret, uri, sealed: seal(keys.staff, secret, `totp-enrol:${tokenHash(session.token)}`) };
    },

    async finishTotpEnrolment(session: SignedInSession, sealed: string, code: string): Promise<Result<SignedInSession>> {
      let secret: string;
      try {
        secret = open(keys.staff, sealed, `totp-enrol:${tokenHash(session.token)}`);
      } catch {
        return fail('auth.codeInvalid');
      }
      const at = now();
      const step = matchingStep(secret, code, at);
      if (step === null) return fail('auth.codeInvalid');
      return db.transaction().execute(async (trx) => {
        const record = await staff.findById(trx, session.actor.id);
        if (!record || record.totpSealed !== null) return fail('auth.codeInvalid');
        const totpSealed = seal(keys.staff, secret, `totp:${record.id}`);
        await staff.update(trx, record.id, { totpSealed, totpLastStep: step });
        return ok(await promoteSession(trx, { ...record, totpSealed }, session.token, at, 'auth.totpEnrolled'));
      });
    },

    /** The second step: a TOTP code that has not been used before. Replaces the session. */
    async verifyTotp(session: SignedInSession, code: string): Promise<Result<SignedInSession> & { lockedUntil?: Date }> {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const record = await staff.findById(trx, session.actor.id);
        if (!record?.totpSealed) return fail('auth.codeInvalid');
        if (isLocked(record, at)) return { ...fail('auth.locked'), lockedUntil: record.lockedUntil! };
        const step = matchingStep(open(keys.staff, record.totpSealed, `totp:${record.id}`), code, at);
        if (step === null || !(await staff.claimTotpStep(trx, record.id, step))) {
          await recordFailure(trx, record, at, step === null ? 'totp' : 'totpReplay');
          return fail('auth.codeInvalid');
        }
        return ok(await promoteSession(trx, record, session.token, at, 'auth.signedIn', { method: 'totp' }));
      });
    },

    /** For other second factors (passkeys): count a failure, or promote the session. */
    recordSecondFactorFailure: (trx: Executor, record: StaffRecord, reason: string) => recordFailure(trx, record, now(), reason),
    promoteSession: (trx: Executor, record: StaffRecord, pendingToken: string, action: string, details: Record<string, unknown>) =>
      promoteSession(trx, record, pendingToken, now(), action, details),
    sessionId: (session: SignedInSession) => tokenHash(session.token),
    isLocked: (record: StaffRecord) => isLocked(record, now()),

    async signOut(session: SignedInSession): Promise<void> {
      await staff.revokeSession(db, tokenHash(session.token), now());
    },

    async signOutEverywhere(session: SignedInSession): Promise<number> {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const count = await staff.revokeAllSessions(trx, session.actor.id, at);
        await audit.append(trx, {
          at,
          actorId: session.actor.id,
          actor: staffLabel(session.actor),
          action: 'auth.signedOutEverywhere',
          targetType: 'staff',
          targetId: String(session.actor.id),
          details: { sessions: count },
        });
        return count;
      });
    },
  };
}

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;
export type { StaffRole };
