import { z } from 'zod';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';
import { STAFF_ROLES } from './roles.ts';

/** A new staff account, from the CLI or the console. Messages are error codes. */
export const staffInputSchema = z
  .object({
    email: z
      .string({ error: 'contact.invalid' })
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.email({ error: 'contact.invalid' }).max(254, { error: 'contact.invalid' })),
    name: z
      .string({ error: 'text.invalid' })
      .superRefine((value, ctx) => {
        const problem = findTextProblem(value, { maxLength: 100, multiline: false });
        if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: 100 } });
        else if (!value.trim()) ctx.addIssue({ code: 'custom', message: 'staff.nameRequired' });
      })
      .transform((value) => cleanText(value, false)),
    role: z.enum(STAFF_ROLES, { error: 'staff.roleInvalid' }),
    centerId: z.coerce
      .number({ error: 'staff.centerRequired' })
      .int()
      .positive()
      .max(2_147_483_647, { error: 'staff.centerRequired' })
      .nullable()
      .optional(),
    trusted: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.role !== 'admin' && !input.centerId) {
      ctx.addIssue({ code: 'custom', path: ['centerId'], message: 'staff.centerRequired' });
    }
  })
  .transform((input) => ({
    ...input,
    centerId: input.role === 'admin' ? null : (input.centerId ?? null),
    trusted: input.trusted ?? false,
  }));

export type StaffInput = z.output<typeof staffInputSchema>;
