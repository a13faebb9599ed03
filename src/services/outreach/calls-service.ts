import { clockIn, countingDay, instantOfWallTime } from '../../domain/counter/counting-day.ts';
import { OUTCOMES, applyOutcome, type Outcome } from '../../domain/outreach/outcomes.ts';
import { answersFit } from '../../domain/outreach/script.ts';
import type { Actor } from '../../domain/staff/permissions.ts';
import type { AttemptsRepository } from '../../repositories/outreach/attempts-repository.ts';
import type { ScriptVersion } from '../../repositories/outreach/campaigns-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import type { TelephonyAdapter } from './telephony.ts';
import type { Campaign } from './campaigns-service.ts';
import { auditEntry, campaignFor, openCard, openPhone, type ContactCard, type OutreachDeps } from './outreach-deps.ts';

/** The calling screen: one contact at a time, with the script and whether it is a good hour to call. */
export interface CallScreen {
  campaign: Campaign;
  contact: ContactCard | null;
  script: ScriptVersion | null;
  /** Whether the callee's wall clock is within the campaign's calling hours now. */
  withinHours: boolean;
  /** The callee's wall clock now (HH:MM), to show. */
  calleeClock: string | null;
}

export interface CallInput {
  outcome: string;
  /** Question id → answer id, from the script the call followed. */
  answers: Record<string, string>;
  /** A callback's time on the callee's wall clock (YYYY-MM-DDTHH:MM), as the form sends it. */
  callbackAt: string;
}

const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

/**
 * Preview dialing: the volunteer sees the first contact of their lease and its script; the number
 * opens only through an audited reveal; an outcome must be recorded before the next contact, and
 * its consequence (retry, close, suppress, callback) is applied in the same transaction.
 */
export function createCallsService(deps: OutreachDeps & { attempts: AttemptsRepository; telephony: TelephonyAdapter }) {
  const { db, campaigns, contacts, doNotCall, attempts, audit, telephony } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async screen(actor: Actor, campaignId: number): Promise<Result<CallScreen>> {
      const found = await campaignFor(deps, actor, campaignId, 'call');
      if (!found.ok) return found;
      const campaign = found.value;
      const at = now();
      const [first] = await contacts.held(db, campaignId, actor.id, at);
      const clock = first ? clockIn(at, first.timeZone) : null;
      return ok({
        campaign,
        contact: first ? openCard(deps.keys, first) : null,
        script: await campaigns.latestScript(db, campaignId),
        withinHours: clock !== null && clock >= campaign.callingFrom && clock < campaign.callingUntil,
        calleeClock: clock,
      });
    },

    /** The number of a contact the actor holds and how to dial it, written to the audit log before it is returned. */
    async reveal(actor: Actor, campaignId: number, contactId: number): Promise<Result<{ number: string; href: string }>> {
      const found = await campaignFor(deps, actor, campaignId, 'call');
      if (!found.ok) return found;
      const at = now();
      return db.transaction().execute(async (trx) => {
        const contact = await contacts.heldOne(trx, campaignId, contactId, actor.id, at);
        const number = contact ? openPhone(deps.keys, contact) : null;
        if (number === null) return fail('outreach.notHeld');
        await audit.append(
          trx,
          auditEntry(actor, at, 'outreach.number.revealed', campaignId, { contact: contactId, telephony: telephony.name }),
        );
        return ok({ number, href: telephony.dial(number).href });
      });
    },

    /** The outcome recorded and its attempt's id (batch entry links a "declared" call's declarations to it). */
    async record(
      actor: Actor,
      campaignId: number,
      contactId: number,
      input: CallInput,
    ): Promise<Result<{ outcome: Outcome; attemptId: number }>> {
      const found = await campaignFor(deps, actor, campaignId, 'call');
      if (!found.ok) return found;
      if (!isOutcome(input.outcome)) return fail('outreach.outcomeRequired');
      const outcome = input.outcome;
      const at = now();
      const script = await campaigns.latestScript(db, campaignId);
      if (!(script ? answersFit(script.script, input.answers) : Object.keys(input.answers).length === 0))
        return fail('outreach.answersInvalid');
      return db.transaction().execute(async (trx) => {
        const contact = await contacts.heldOne(trx, campaignId, contactId, actor.id, at);
        if (!contact) return fail('outreach.notHeld');
        let callbackAt: Date | null = null;
        const change = applyOutcome(outcome, found.value.consequences, {
          now: at,
          attempts: contact.attempts + 1,
          caller: actor.id,
          callbackAt: null,
        });
        if (change.status === 'callback') {
          callbackAt = instantOfWallTime(input.callbackAt.trim(), contact.timeZone);
          if (!callbackAt || callbackAt <= at) return fail('outreach.callbackTimeInvalid');
        }
        const applied = await contacts.applyAttempt(trx, {
          contactId,
          staffId: actor.id,
          now: at,
          status: change.status,
          nextAttemptAt: change.status === 'callback' ? callbackAt : change.nextAttemptAt,
          callbackFor: change.callbackFor,
        });
        if (!applied) return fail('outreach.notHeld');
        const attemptId = await attempts.insert(trx, {
          contactId,
          campaignId,
          staffId: actor.id,
          outcome,
          scriptVersion: script?.version ?? null,
          answers: input.answers,
          callbackAt,
          at,
          day: countingDay(at, found.value.timeZone),
        });
        let suppressed = 0;
        if (change.doNotCall && contact.phoneHmac) {
          await doNotCall.add(trx, contact.phoneHmac, at);
          suppressed = await contacts.suppressNumber(trx, contact.phoneHmac, at);
        }
        await audit.append(
          trx,
          auditEntry(actor, at, 'outreach.call.recorded', campaignId, { contact: contactId, outcome, status: change.status, suppressed }),
        );
        return ok({ outcome, attemptId });
      });
    },
  };
}
