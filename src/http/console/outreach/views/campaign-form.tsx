import type { SignedInSession } from '../../../../services/staff-auth-service.ts';
import type { CenterChoice } from '../../../../services/centers-service.ts';
import { CenterSelect } from '../../views/center-select.tsx';
import { CsrfField } from '../../views/console-layout.tsx';
import type { CampaignFieldErrors, CampaignFormValues } from '../form.ts';
import { CAMPAIGN_FIELDS, type CampaignField, type OutreachMessages } from '../messages.ts';

const INPUT_TYPES: Record<Exclude<CampaignField, 'centerId'>, { type: string; maxlength?: number; required?: boolean }> = {
  name: { type: 'text', maxlength: 100, required: true },
  startsOn: { type: 'date', required: true },
  endsOn: { type: 'date', required: true },
  callingFrom: { type: 'time', required: true },
  callingUntil: { type: 'time', required: true },
  timeZone: { type: 'text', maxlength: 64 },
  retentionDays: { type: 'number' },
  leaseSize: { type: 'number' },
  leaseHours: { type: 'number' },
};

/** A campaign's settings; the center is chosen only by those who run more than one. */
export function CampaignForm(props: {
  m: OutreachMessages;
  session: SignedInSession | undefined;
  action: string;
  submit: string;
  values: CampaignFormValues;
  errors: CampaignFieldErrors;
  centers: readonly CenterChoice[];
}) {
  const { m, values, errors } = props;
  const errorList = CAMPAIGN_FIELDS.filter((field) => errors[field]);
  return (
    <form method="post" action={props.action} accept-charset="utf-8" id="campaign-form">
      <CsrfField session={props.session} />
      {errorList.length > 0 && (
        <div class="errors" role="alert">
          <p>{m.form.errorsHeading}</p>
          <ul>
            {errorList.map((field) => (
              <li>
                <a href={`#${field}`}>{m.form.fields[field]}</a>: {errors[field]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {CAMPAIGN_FIELDS.map((field) => (
        <div class="field">
          <label for={field}>{m.form.fields[field]}</label>
          <p class="hint" id={`${field}-hint`}>
            {m.form.hints[field]}
          </p>
          {field === 'centerId' ? (
            props.centers.length > 1 ? (
              <CenterSelect centers={props.centers} selected={Number(values.centerId) || null} label={m.form.fields.centerId} />
            ) : (
              <>
                <input type="hidden" name="centerId" value={values.centerId} />
                <p id="centerId">{props.centers[0]?.name ?? '—'}</p>
              </>
            )
          ) : (
            <input
              id={field}
              name={field}
              value={values[field]}
              aria-invalid={errors[field] ? 'true' : undefined}
              aria-describedby={`${field}-hint`}
              {...INPUT_TYPES[field]}
            />
          )}
          {errors[field] && (
            <p class="error" id={`${field}-error`}>
              {errors[field]}
            </p>
          )}
        </div>
      ))}
      <button type="submit">{props.submit}</button>
    </form>
  );
}
