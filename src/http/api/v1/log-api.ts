import { Hono } from 'hono';
import { normalizeRegistrationNumber } from '../../../domain/declaration/registration-number.ts';
import type { LogService } from '../../../services/log/log-service.ts';
import type { AppEnv } from '../../env.ts';
import { apiError } from '../../errors.tsx';

const SIZE = /^(0|[1-9]\d{0,15})$/;

/** Proofs against the transparency log (docs/transparency.md); the files themselves are under /log/. */
export function logApi(log: LogService) {
  const api = new Hono<AppEnv>();

  api.get('/declarations/:registrationNumber/proof', async (c) => {
    // Spelled as for the declaration itself: spaces and hyphens between the digits are ignored.
    const number = normalizeRegistrationNumber(c.req.param('registrationNumber'));
    if (number === null) return apiError(c, 404, 'request.notFound');
    const result = await log.proof(number);
    if (!result.ok) return apiError(c, 404, result.error);
    const proof = result.value;
    // Good until the next checkpoint: a proof names the checkpoint it is against.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({
      registrationNumber: proof.registrationNumber,
      leafIndex: proof.declared.leafIndex,
      salt: proof.salt,
      record: proof.record,
      entry: proof.declared.entry,
      inclusionProof: proof.declared.proof,
      checkpoint: proof.checkpoint,
      withdrawn: proof.withdrawn && {
        leafIndex: proof.withdrawn.leafIndex,
        entry: proof.withdrawn.entry,
        inclusionProof: proof.withdrawn.proof,
      },
    });
  });

  api.get('/log/consistency', async (c) => {
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    if (!SIZE.test(from) || !SIZE.test(to)) return apiError(c, 400, 'log.rangeInvalid');
    const result = await log.consistency(Number(from), Number(to));
    if (!result.ok) return apiError(c, 400, result.error);
    // Two sizes within one log always have the same proof.
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.json(result.value);
  });
  return api;
}
