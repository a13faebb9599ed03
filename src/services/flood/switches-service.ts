import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { SWITCHES, type SwitchName } from '../../domain/flood/switches.ts';
import { can, isSystemActor, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { FeatureSwitchesRepository } from '../../repositories/feature-switches-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

/** How old the switches read from the database may be: every server follows a change within it. */
const FRESH_MS = 1000;

export type SwitchStates = Readonly<Record<SwitchName, boolean>>;

export interface SwitchesDeps {
  db: Kysely<Database>;
  switches: FeatureSwitchesRepository;
  audit: AuditRepository;
  /** The clock cached reads age by (services.clock). */
  clock: () => number;
  now?: () => Date;
}

/**
 * The kill switches (docs/security.md, "Kill switches"). Reading them costs a request nothing but
 * a look at this process's copy, read again from the database at most once a second, so a switch
 * turned in the console or with `tuidang switches set` reaches every server within a second (the
 * process that turned it, at once). Turning one is audited; nothing stored is touched.
 */
export function createSwitches({ db, switches, audit, clock, now = () => new Date() }: SwitchesDeps) {
  let states: SwitchStates = Object.fromEntries(SWITCHES.map((name) => [name, true])) as SwitchStates;
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<SwitchStates> | null = null;

  async function read(): Promise<SwitchStates> {
    const stored = await switches.all(db);
    states = Object.fromEntries(SWITCHES.map((name) => [name, stored.get(name) ?? true])) as SwitchStates;
    readAt = clock();
    return states;
  }

  async function current(): Promise<SwitchStates> {
    if (clock() - readAt < FRESH_MS) return states;
    reading ??= read().finally(() => {
      reading = null;
    });
    return reading;
  }

  return {
    current,
    async isOn(name: SwitchName): Promise<boolean> {
      return (await current())[name];
    },

    /**
     * Whether a feature is on, as last read, while that reading is fresh; undefined once it must be
     * read again. For the prepared lane, which answers without waiting: it hands an undecided request
     * to the app, whose middleware reads the switches.
     */
    knownOn(name: SwitchName): boolean | undefined {
      return clock() - readAt < FRESH_MS ? states[name] : undefined;
    },

    /** Turns a feature on or off: admins in the console, the operator with the CLI (the system actor). */
    async set(actor: Actor, name: SwitchName, on: boolean): Promise<Result<SwitchStates>> {
      if (!can(actor, Permission.SwitchesManage)) return fail('auth.forbidden');
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (!(await switches.set(trx, name, on, at))) return;
        await audit.append(trx, {
          at,
          actorId: isSystemActor(actor) ? null : actor.id,
          actor: staffLabel(actor),
          action: on ? 'switch.on' : 'switch.off',
          targetType: 'switch',
          targetId: name,
          details: {},
        });
      });
      return ok(await read());
    },
  };
}

export type Switches = ReturnType<typeof createSwitches>;
