import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { findTextProblem } from '../domain/declaration/safe-text.ts';
import type { AuditRepository } from '../repositories/audit-repository.ts';
import type { StaffRepository } from '../repositories/staff-repository.ts';
import { fail, ok, type Result } from './result.ts';
import { staffLabel, type SignedInSession, type StaffAuthService } from './staff-auth-service.ts';

export interface PasskeyServiceDeps {
  db: Kysely<Database>;
  staff: StaffRepository;
  audit: AuditRepository;
  auth: StaffAuthService;
  /** The console's public origin: the only origin a passkey may be used from. */
  publicUrl: string;
  now?: () => Date;
}

function parseJson<T>(text: string): T | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as T) : null;
  } catch {
    return null;
  }
}

/**
 * Passkeys (WebAuthn) as a second factor beside TOTP. The challenge of each
 * ceremony is stored on the session that asked for it and taken once.
 */
export function createPasskeyService({ db, staff, audit, auth, publicUrl, now = () => new Date() }: PasskeyServiceDeps) {
  const origin = new URL(publicUrl).origin;
  const rpID = new URL(publicUrl).hostname;

  return {
    list: (staffId: number) => staff.listPasskeys(db, staffId),

    async registrationOptions(session: SignedInSession): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const existing = await staff.listPasskeys(db, session.actor.id);
      const options = await generateRegistrationOptions({
        rpName: 'Tuidang',
        rpID,
        userName: session.actor.email,
        userDisplayName: session.actor.name,
        userID: new TextEncoder().encode(`staff:${session.actor.id}`),
        attestationType: 'none',
        excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await staff.setChallenge(db, auth.sessionId(session), options.challenge);
      return options;
    },

    async register(session: SignedInSession, credentialJson: string, nameInput: string): Promise<Result<true>> {
      const response = parseJson<RegistrationResponseJSON>(credentialJson);
      const challenge = await staff.takeChallenge(db, auth.sessionId(session));
      if (!response || !challenge) return fail('auth.passkeyInvalid');
      let verification: VerifiedRegistrationResponse;
      try {
        verification = await verifyRegistrationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
        });
      } catch {
        return fail('auth.passkeyInvalid');
      }
      if (!verification.verified) return fail('auth.passkeyInvalid');
      const { credential } = verification.registrationInfo;
      const at = now();
      const trimmed = nameInput.trim().slice(0, 60);
      const name = trimmed && !findTextProblem(trimmed, { maxLength: 60, multiline: false }) ? trimmed : 'Passkey';
      await db.transaction().execute(async (trx) => {
        await staff.insertPasskey(trx, {
          staffId: session.actor.id,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name,
          at,
        });
        await audit.append(trx, {
          at,
          actorId: session.actor.id,
          actor: staffLabel(session.actor),
          action: 'auth.passkeyAdded',
          targetType: 'staff',
          targetId: String(session.actor.id),
          details: { name },
        });
      });
      return ok(true as const);
    },

    async remove(session: SignedInSession, passkeyId: number): Promise<Result<true>> {
      return db.transaction().execute(async (trx) => {
        if (!(await staff.deletePasskey(trx, session.actor.id, passkeyId))) return fail('request.notFound');
        await audit.append(trx, {
          at: now(),
          actorId: session.actor.id,
          actor: staffLabel(session.actor),
          action: 'auth.passkeyRemoved',
          targetType: 'staff',
          targetId: String(session.actor.id),
          details: { passkeyId },
        });
        return ok(true as const);
      });
    },

    /** For the second step of sign-in; null when the account has no passkey. */
    async authenticationOptions(session: SignedInSession): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
      const passkeys = await staff.listPasskeys(db, session.actor.id);
      if (passkeys.length === 0) return null;
      const options = await generateAuthenticationOptions({
        rpID,
        allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
        userVerification: 'preferred',
      });
      await staff.setChallenge(db, auth.sessionId(session), options.challenge);
      return options;
    },

    /** Passes the second factor with a passkey and returns the full session that replaces the pending one. */
    async authenticate(session: SignedInSession, credentialJson: string): Promise<Result<SignedInSession>> {
      const response = parseJson<AuthenticationResponseJSON>(credentialJson);
      const challenge = await staff.takeChallenge(db, auth.sessionId(session));
      const record = await staff.findById(db, session.actor.id);
      if (!record || auth.isLocked(record)) return fail('auth.passkeyInvalid');
      const passkey = response ? (await staff.listPasskeys(db, record.id)).find((p) => p.credentialId === response.id) : undefined;
      let verified = false;
      let newCounter = 0;
      if (response && challenge && passkey) {
        try {
          const result = await verifyAuthenticationResponse({
            response,
            expectedChallenge: challenge,
            expectedOrigin: origin,
            expectedRPID: rpID,
            credential: {
              id: passkey.credentialId,
              publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
              counter: passkey.counter,
              transports: passkey.transports as never,
            },
          });
          verified = result.verified;
          newCounter = result.authenticationInfo.newCounter;
        } catch {
          verified = false;
        }
      }
      return db.transaction().execute(async (trx) => {
        if (!verified || !passkey) {
          await auth.recordSecondFactorFailure(trx, record, 'passkey');
          return fail('auth.passkeyInvalid');
        }
        await staff.passkeyUsed(trx, passkey.id, newCounter, now());
        return ok(await auth.promoteSession(trx, record, session.token, 'auth.signedIn', { method: 'passkey', passkey: passkey.name }));
      });
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
