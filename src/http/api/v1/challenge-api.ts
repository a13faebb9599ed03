import { Hono } from 'hono';
import type { Admission } from '../../../services/flood/admission.ts';
import type { AdmissionCounts } from '../../../services/flood/admission-counts.ts';
import type { AppEnv } from '../../env.ts';
import { encodeChallenge } from '../../public/declare/admission-answers.ts';

/**
 * The proof of work for API clients (docs/security.md, "Flooding"): a fresh challenge to solve
 * (altcha's v2 format, SHA-256), sent back solved in the `Altcha` header of POST /api/v1/declarations
 * as base64 of `{challenge, solution}`. Without it a submission enters the lower class. And the
 * published count per admission class.
 */
export function floodApi(admission: Admission, counts: AdmissionCounts) {
  const api = new Hono<AppEnv>();
  api.get('/challenge', async (c) => {
    const challenge = await admission.issueChallenge();
    c.header('Cache-Control', 'no-store');
    return c.json({ challenge, encoded: encodeChallenge(challenge) });
  });
  api.get('/stats/admission', async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ classes: await counts.current() });
  });
  return api;
}
