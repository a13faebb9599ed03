import { z } from 'zod';
import { cleanText, findTextProblem } from '../declaration/safe-text.ts';

/** A campaign's settings as the console form posts them (strings) or a caller passes them. */
const CAMPAIGN_LIMITS = {
  name: 100,
  retentionDays: { min: 1, max: 3650 },
  leaseSize: { min: 1, max: 200 },
  leaseHours: { min: 1, max: 168 },
} as const;

export const DEFAULT_LEASE_SIZE = 25;
export const DEFAULT_LEASE_HOURS = 24;
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_CALLEE_TIME_ZONE = 'Asia/Shanghai';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/');
  } catch {
    return false;
  }
}

const name = z.string({ error: 'text.required' }).transform((value, ctx) => {
  const problem = findTextProblem(value, { maxLength: CAMPAIGN_LIMITS.name, multiline: false });
  if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: CAMPAIGN_LIMITS.name } });
  const cleaned = cleanText(value, false);
  if (!problem && cleaned.length === 0) ctx.addIssue({ code: 'custom', message: 'text.required' });
  return cleaned;
});

const day = z.string({ error: 'date.invalid' }).trim().refine(isDay, 'date.invalid');
const clock = z.string({ error: 'outreach.hoursInvalid' }).trim().regex(CLOCK, 'outreach.hoursInvalid');

function whole(bounds: { min: number; max: number }, fallback: number) {
  return z
    .union([z.number(), z.string()], { error: 'outreach.numberRange' })
    .transform((value) => (typeof value === 'string' ? (value.trim() === '' ? fallback : Number(value.trim())) : value))
    .refine((value) => Number.isInteger(value) && value >= bounds.min && value <= bounds.max, {
      message: 'outreach.numberRange',
      params: { min: bounds.min, max: bounds.max },
    });
}

export const campaignInputSchema = z
  .object({
    name,
    centerId: z.coerce.number({ error: 'outreach.centerInvalid' }).int('outreach.centerInvalid').positive('outreach.centerInvalid'),
    startsOn: day,
    endsOn: day,
    callingFrom: clock,
    callingUntil: clock,
    timeZone: z
      .string()
      .trim()
      .default(DEFAULT_CALLEE_TIME_ZONE)
      .transform((value) => value || DEFAULT_CALLEE_TIME_ZONE)
      .refine(isTimeZone, 'outreach.timeZoneInvalid'),
    retentionDays: whole(CAMPAIGN_LIMITS.retentionDays, DEFAULT_RETENTION_DAYS),
    leaseSize: whole(CAMPAIGN_LIMITS.leaseSize, DEFAULT_LEASE_SIZE),
    leaseHours: whole(CAMPAIGN_LIMITS.leaseHours, DEFAULT_LEASE_HOURS),
  })
  .superRefine((input, ctx) => {
    if (input.endsOn < input.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'outreach.endsBeforeStart' });
    if (input.callingUntil <= input.callingFrom) ctx.addIssue({ code: 'custom', path: ['callingUntil'], message: 'outreach.hoursInvalid' });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;
export type CampaignFormInput = z.input<typeof campaignInputSchema>;
