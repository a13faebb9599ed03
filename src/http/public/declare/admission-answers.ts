import type { Context } from 'hono';
import type { DeclarationService, DoorAnswer } from '../../../services/declaration-service.ts';
import type { IssuedChallenge } from '../../../services/flood/proof-of-work.ts';
import type { AppEnv } from '../../env.ts';
import { respondError } from '../../errors.tsx';

/** A challenge as the form's hidden field and the API carry it: base64 of its JSON. */
export const encodeChallenge = (challenge: IssuedChallenge) => Buffer.from(JSON.stringify(challenge)).toString('base64');

/** The form's challenge, or none (no work asked: a service without a door). */
export async function challengeField(declarations: DeclarationService): Promise<string> {
  const challenge = await declarations.challenge();
  return challenge ? encodeChallenge(challenge) : '';
}

/**
 * A submission the door turned away: 503 while submissions are switched off (nothing is filed; the
 * person's words stay in their browser's form), or 429 over the lower class's limits, with when to
 * come back and how to avoid it.
 */
export function refuseAdmission(c: Context<AppEnv>, refused: Extract<DoorAnswer, { ok: false }>): Response {
  if ('off' in refused) {
    c.header('Retry-After', '600');
    return respondError(c, 503, 'feature.submissionsOff');
  }
  c.header('Retry-After', String(refused.retryAfterSeconds));
  return respondError(c, 429, 'request.rateLimited', { minutes: Math.max(1, Math.ceil(refused.retryAfterSeconds / 60)) });
}
