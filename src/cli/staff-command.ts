import { parseArgs } from 'node:util';
import { errorMessage } from '../i18n/index.ts';
import { staffInputSchema } from '../domain/staff/staff-input.ts';
import { fieldErrors } from '../domain/declaration/declaration-input.ts';
import { createServices } from '../composition.ts';
import { UsageError, type Command } from './command.ts';

export const staffCommand: Command = {
  usage: `tuidang staff add --email E --name N --role R [--center C] [--trusted]

Roles: volunteer, editor, center_admin, admin (global, no center), auditor.
--center is the numeric id of a service center (required except for admin).
Prints a one-time enrolment link (valid 72 hours) under TUIDANG_PUBLIC_URL
(default http://HOST:PORT). The person opens it, chooses a password, then
enrols an authenticator app at first sign-in.`,
  async run(args, { config, io }) {
    const [action, ...rest] = args;
    if (action !== 'add') throw new UsageError(`unknown action "${action ?? ''}"`);
    const { values } = parseArgs({
      args: rest,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        center: { type: 'string' },
        trusted: { type: 'boolean' },
      },
    });
    const parsed = staffInputSchema.safeParse({
      email: values.email,
      name: values.name,
      role: values.role,
      centerId: values.center ?? null,
      trusted: values.trusted ?? false,
    });
    if (!parsed.success) {
      const problems = Object.entries(fieldErrors(parsed.error)).map(
        ([field, error]) => `--${field === 'centerId' ? 'center' : field}: ${errorMessage('en', error.code, error.params)}`,
      );
      throw new UsageError(problems.join('\n'));
    }
    const { services, close } = await createServices(config);
    try {
      const result = await services.staffAdmin.add('cli', parsed.data);
      if (!result.ok) {
        io.err(errorMessage('en', result.error));
        return 1;
      }
      io.out(`Created staff #${result.value.staffId} (${parsed.data.email}, ${parsed.data.role}).`);
      io.out(`One-time enrolment link (72 hours): ${config.publicUrl}/console/enrol/${result.value.enrolToken}`);
      return 0;
    } finally {
      await close();
    }
  },
};
