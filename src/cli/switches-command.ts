import { createServices } from '../composition.ts';
import { isSwitchName, parseSwitchState, SWITCHES } from '../domain/flood/switches.ts';
import { SYSTEM_ACTOR } from '../domain/staff/permissions.ts';
import { UsageError, type Command } from './command.ts';

const USAGE = `tuidang switches [list]
tuidang switches set NAME on|off

Turns a public feature off, or on again (docs/security.md, "Kill switches").
NAME is one of: ${SWITCHES.join(', ')}. While a feature is off it answers 503
with a page that says so in the reader's language; nothing stored is touched.
Every server follows within a second. Each change is written to the audit log
(as "cli").`;

export const switchesCommand: Command = {
  usage: USAGE,
  async run(args, { config, io }) {
    const [verb = 'list', name, state] = args;
    const on = state === undefined ? null : parseSwitchState(state);
    if (verb === 'set' ? args.length !== 3 || !name || !isSwitchName(name) || on === null : verb !== 'list' || args.length > 1) {
      throw new UsageError(`usage: tuidang switches [list] | tuidang switches set NAME on|off (NAME: ${SWITCHES.join(', ')})`);
    }
    const { services, close } = await createServices(config);
    try {
      const states =
        verb === 'set' && name && isSwitchName(name) && on !== null
          ? await services.flood.switches.set(SYSTEM_ACTOR, name, on)
          : { ok: true as const, value: await services.flood.switches.current() };
      if (!states.ok) throw new Error(states.error);
      for (const each of SWITCHES) io.out(`${each}\t${states.value[each] ? 'on' : 'off'}`);
      return 0;
    } finally {
      await close();
    }
  },
};
