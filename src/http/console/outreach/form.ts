import type { CampaignFormInput } from '../../../domain/outreach/campaign-input.ts';
import {
  DEFAULT_CALLEE_TIME_ZONE,
  DEFAULT_LEASE_HOURS,
  DEFAULT_LEASE_SIZE,
  DEFAULT_RETENTION_DAYS,
} from '../../../domain/outreach/campaign-input.ts';
import type { FieldError } from '../../../domain/declaration/fields.ts';
import { errorMessage, type Locale } from '../../../i18n/index.ts';
import type { Campaign } from '../../../services/outreach/campaigns-service.ts';
import { single, type FormFields } from '../../form-body.ts';
import { CAMPAIGN_FIELDS, type CampaignField } from './messages.ts';

/** What the form shows: the stored campaign, or exactly what was sent (JSX escapes it). */
export type CampaignFormValues = Record<CampaignField, string>;
export type CampaignFieldErrors = Partial<Record<CampaignField, string>>;

export function emptyCampaignForm(centerId: number | null): CampaignFormValues {
  return {
    name: '',
    centerId: centerId === null ? '' : String(centerId),
    startsOn: '',
    endsOn: '',
    callingFrom: '09:00',
    callingUntil: '20:00',
    timeZone: DEFAULT_CALLEE_TIME_ZONE,
    retentionDays: String(DEFAULT_RETENTION_DAYS),
    leaseSize: String(DEFAULT_LEASE_SIZE),
    leaseHours: String(DEFAULT_LEASE_HOURS),
  };
}

export function campaignFormValues(campaign: Campaign): CampaignFormValues {
  return {
    name: campaign.name,
    centerId: String(campaign.centerId),
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    callingFrom: campaign.callingFrom,
    callingUntil: campaign.callingUntil,
    timeZone: campaign.timeZone,
    retentionDays: String(campaign.retentionDays),
    leaseSize: String(campaign.leaseSize),
    leaseHours: String(campaign.leaseHours),
  };
}

export function campaignFormFrom(fields: FormFields): CampaignFormValues & CampaignFormInput {
  return Object.fromEntries(CAMPAIGN_FIELDS.map((field) => [field, single(fields[field])])) as CampaignFormValues & CampaignFormInput;
}

/** The service's field errors in the reader's language; a field the form does not show lands on the name. */
export function campaignFieldErrors(locale: Locale, errors: Readonly<Record<string, FieldError>>): CampaignFieldErrors {
  const messages: CampaignFieldErrors = {};
  for (const [field, error] of Object.entries(errors)) {
    const target = (CAMPAIGN_FIELDS as readonly string[]).includes(field) ? (field as CampaignField) : 'name';
    messages[target] ??= errorMessage(locale, error.code, error.params);
  }
  return messages;
}
