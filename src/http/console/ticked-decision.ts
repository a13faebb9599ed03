import type { Context } from 'hono';
import type { Actor } from '../../domain/staff/permissions.ts';
import type { Result } from '../../services/result.ts';
import type { SignedInEnv } from '../env.ts';
import { list, readFormBody, single } from '../form-body.ts';
import { parseId } from '../ids.ts';
import { consoleError } from './console-kit.tsx';

/**
 * A queue's POST of ticked rows and one decision (messages of support, certificates): the form read
 * one way, and the outcome sent back to the queue as `done` and `skipped`, or as an `error` code
 * (`none` when nothing was ticked).
 */
export async function decideTicked<D extends string>(
  c: Context<SignedInEnv>,
  queuePath: string,
  decisions: readonly D[],
  decide: (actor: Actor, ids: number[], decision: D) => Promise<Result<{ done: readonly unknown[]; skipped: readonly unknown[] }>>,
): Promise<Response> {
  const fields = (await readFormBody(c)) ?? {};
  const decision = single(fields.decision);
  const rawIds = list(fields.ids);
  const ids = rawIds.map((value) => parseId(value));
  const back = new URLSearchParams();
  if (!decisions.includes(decision as D)) back.set('error', 'request.invalid');
  else if (rawIds.length === 0) back.set('error', 'none');
  else if (ids.some((id) => id === null)) back.set('error', 'request.invalid');
  else {
    const result = await decide(c.get('staffSession').actor, ids as number[], decision as D);
    if (!result.ok) {
      if (result.error === 'auth.forbidden') return consoleError(c, 403, 'auth.forbidden');
      back.set('error', result.error);
    } else {
      back.set('done', String(result.value.done.length));
      back.set('skipped', String(result.value.skipped.length));
    }
  }
  return c.redirect(`${queuePath}?${back.toString()}`, 303);
}
