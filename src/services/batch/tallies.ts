import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { calendarBounds, isTimeZone } from '../../domain/counter/counting-day.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import type { BatchesRepository, Tally } from '../../repositories/batches-repository.ts';
import type { StaffRepository } from '../../repositories/staff-repository.ts';
import { fail, ok, type Result } from '../result.ts';

export interface MyTallies {
  today: Tally;
  thisMonth: Tally;
  allTime: Tally;
  /** Own entries still waiting for an editor. */
  pending: number;
}

export interface VolunteerTally {
  staffId: number;
  name: string;
  centerId: number | null;
  centerName: string | null;
  thisMonth: Tally;
  allTime: Tally;
}

/** What volunteers entered: each one's own tallies, and a center's per member. */
export function createBatchTallies({ db, batches, staff }: { db: Kysely<Database>; batches: BatchesRepository; staff: StaffRepository }) {
  return {
    /** The actor's own counted entries today, this month (in `timeZone`) and in all, and how many still wait. */
    async myTallies(actor: Actor, at: Date, timeZone: string): Promise<Result<MyTallies>> {
      if (!can(actor, Permission.StatisticsOwn) && !can(actor, Permission.DeclarationsEnter)) return fail('auth.forbidden');
      if (!isTimeZone(timeZone)) return fail('request.invalid');
      return ok(await batches.tallyOf(db, actor.id, calendarBounds(at, timeZone)));
    },

    /**
     * Per staff member of the actor's center (every center for a global admin): counted entries
     * this month and in all. Active members who may enter but have not yet are listed with zeros.
     */
    async centerTallies(actor: Actor, at: Date, timeZone: string): Promise<Result<VolunteerTally[]>> {
      if (!can(actor, Permission.StatisticsCenter)) return fail('auth.forbidden');
      if (!isTimeZone(timeZone)) return fail('request.invalid');
      const global = can(actor, Permission.StatisticsAll);
      if (!global && actor.centerId === null) return ok([]);
      const centerId = global ? null : actor.centerId;
      const { monthStart } = calendarBounds(at, timeZone);
      const [members, tallies] = await Promise.all([
        staff.list(db, global ? {} : { centerId }),
        batches.tallyByEnterer(db, { centerId }, monthStart),
      ]);
      const byStaff = new Map(tallies.map((tally) => [tally.staffId, tally]));
      const zero = (): Tally => ({ declarations: 0, people: 0 });
      const result: VolunteerTally[] = [];
      for (const member of members) {
        const tally = byStaff.get(member.id);
        byStaff.delete(member.id);
        if (!tally && !(member.active && can(member, Permission.DeclarationsEnter))) continue;
        result.push({
          staffId: member.id,
          name: member.name,
          centerId: member.centerId,
          centerName: member.centerName,
          thisMonth: tally?.thisMonth ?? zero(),
          allTime: tally?.allTime ?? zero(),
        });
      }
      // Entries made for this center by someone who has since moved elsewhere.
      for (const tally of byStaff.values()) {
        const member = await staff.findById(db, tally.staffId);
        result.push({
          staffId: tally.staffId,
          name: member?.name ?? `#${tally.staffId}`,
          centerId: member?.centerId ?? null,
          centerName: member?.centerName ?? null,
          thisMonth: tally.thisMonth,
          allTime: tally.allTime,
        });
      }
      return ok(result.sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.staffId - b.staffId));
    },
  };
}
