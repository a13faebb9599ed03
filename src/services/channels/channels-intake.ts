import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { fieldErrors, type FieldError } from '../../domain/declaration/declaration-input.ts';
import { field, readContact } from '../../domain/declaration/fields.ts';
import { cleanText, findTextProblem } from '../../domain/declaration/safe-text.ts';
import { isSubmissionToken } from '../../domain/declaration/submission-token.ts';
import type { CentersRepository } from '../../repositories/centers-repository.ts';
import type { InboxItemsRepository } from '../../repositories/inbox/items-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import type { InboundMessage } from '../inbox/inbound-message.ts';
import { parseInboundMail } from './inbound-mail.ts';
import type { RecordingFetcher } from './recording-fetch.ts';

export const CONTACT_LIMITS = { message: 5000, messageMin: 2 } as const;
const VOICEMAIL_LIMITS = { transcript: 20_000, durationSeconds: 24 * 3600 } as const;

function safeText(maxLength: number, multiline: boolean) {
  return z
    .string({ error: 'text.invalid' })
    .superRefine((value, ctx) => {
      const problem = findTextProblem(value, { maxLength, multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: `text.${problem}`, params: { max: maxLength } });
    })
    .transform((value) => cleanText(value, multiline));
}

/** The public contact form's fields; each issue's message is an error code. */
const contactSchema = z.object({
  center: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, { error: 'channels.centerInvalid' })
    .transform(Number)
    // An id either engine can hold (PostgreSQL's integer): a larger one would be an error of the database, not an answer.
    .refine((id) => id <= 2_147_483_647, { error: 'channels.centerInvalid' }),
  reply: field(readContact).transform((value) => value ?? null),
  message: safeText(CONTACT_LIMITS.message, true).superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: 'text.required' });
    else if ([...value].length < CONTACT_LIMITS.messageMin) ctx.addIssue({ code: 'custom', message: 'text.invalid' });
  }),
});

export interface ContactInput {
  center: string;
  reply: string;
  message: string;
}

export type ContactOutcome = { ok: true } | { ok: false; errors: Record<string, FieldError> };

/** What a voicemail provider posts besides the signature (docs/inbox.md). */
export interface VoicemailInput {
  /** The provider's id of the call or recording, if it sends one: a redelivery is then the same item. */
  providerId: string;
  caller: string;
  duration: string;
  transcript: string;
  recording: { name: string | null; bytes: Uint8Array } | null;
  recordingUrl: string;
}

const voicemailSchema = z.object({
  providerId: z.string().regex(/^[\x21-\x7e]{0,200}$/, { error: 'channels.voicemailInvalid' }),
  caller: z.string().regex(/^[0-9+()\s.-]{0,40}$/, { error: 'channels.voicemailInvalid' }),
  duration: z
    .string()
    .regex(/^\d{0,6}$/, { error: 'channels.voicemailInvalid' })
    .transform((value) => (value === '' ? null : Number(value)))
    .refine((value) => value === null || value <= VOICEMAIL_LIMITS.durationSeconds, { error: 'channels.voicemailInvalid' }),
  transcript: safeText(VOICEMAIL_LIMITS.transcript, true),
});

/** 0:42, 12:05, 1:02:03: the length of a recording, the same in every language. */
function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** services.inbox.receive: the one write every way in uses (docs/inbox.md). */
type ReceiveInbound = (message: InboundMessage) => Promise<Result<{ id: number; duplicate: boolean; dropped: number }>>;

export interface ChannelsIntakeDeps {
  db: Kysely<Database>;
  centers: CentersRepository;
  receive: ReceiveInbound;
  /** The inbox's lookup of an item by its source reference: a redelivered voicemail fetches its recording no second time. */
  items: Pick<InboxItemsRepository, 'findBySource'>;
  fetchRecording: RecordingFetcher;
  faxSenderDomains: readonly string[];
  now?: () => Date;
}

/**
 * The ways in that are not a console action (docs/inbox.md, "How items arrive"): received mail (the
 * SMTP receiver and the IMAP poller), the voicemail webhook and the public contact form. Each turns
 * what arrived into one InboundMessage for the inbox's receive(), and nothing about the sender's
 * connection (address, user agent) ever reaches it.
 */
export function createChannelsIntake({
  db,
  centers,
  receive,
  items,
  fetchRecording,
  faxSenderDomains,
  now = () => new Date(),
}: ChannelsIntakeDeps) {
  return {
    /** The centers the public form offers: the public ones, in directory order. */
    async contactCenters(): Promise<{ id: number; name: string; city: string }[]> {
      return (await centers.list(db, { publicOnly: true })).map(({ id, name, city }) => ({ id, name, city }));
    },

    /**
     * A message from the public contact form. `token` is the form's one-use submission token: a
     * repeated post of it (reload, double tap) is the same item, not a second one.
     */
    async submitContact(input: ContactInput, token: string | null): Promise<ContactOutcome> {
      const parsed = contactSchema.safeParse(input);
      const errors = parsed.success ? {} : fieldErrors(parsed.error);
      // Only the public centers are offered; another id is answered like a missing choice, in the same pass as the other fields.
      const center = errors.center ? null : await centers.findById(db, Number(input.center));
      if (!errors.center && !center?.isPublic) errors.center = { code: 'channels.centerInvalid', params: {} };
      if (!parsed.success || !center) return { ok: false, errors };
      const received = await receive({
        centerId: center.id,
        channel: 'web',
        receivedAt: now(),
        sender: parsed.data.reply,
        subject: null,
        body: parsed.data.message,
        sourceRef: token && isSubmissionToken(token) ? `web:${createHash('sha256').update(token).digest('base64url')}` : null,
        attachments: [],
      });
      if (!received.ok) return { ok: false, errors: { message: { code: received.error, params: {} } } };
      return { ok: true };
    },

    /** A voicemail whose signature the route has checked; `signature` is its source reference when the provider gives no id. */
    async receiveVoicemail(
      centerId: number,
      input: VoicemailInput,
      signature: string,
    ): Promise<Result<{ id: number; duplicate: boolean }>> {
      const parsed = voicemailSchema.safeParse(input);
      if (!parsed.success) return fail('channels.voicemailInvalid');
      const { providerId, caller, duration, transcript } = parsed.data;
      const sourceRef = providerId !== '' ? `vm:${providerId}` : `vm-sig:${signature}`;
      let recording = input.recording;
      if (!recording && input.recordingUrl !== '') {
        const first = await items.findBySource(db, centerId, sourceRef);
        if (first !== null) return ok({ id: first, duplicate: true });
        const fetched = await fetchRecording(input.recordingUrl);
        if (!fetched.ok) return fail(fetched.error);
        recording = { name: null, bytes: fetched.value };
      }
      if (!recording && transcript === '') return fail('channels.voicemailEmpty');
      const received = await receive({
        centerId,
        channel: 'voicemail',
        receivedAt: now(),
        sender: caller.trim() || null,
        subject: duration === null ? null : formatDuration(duration),
        body: transcript,
        sourceRef,
        attachments: recording ? [recording] : [],
      });
      return received.ok ? ok({ id: received.value.id, duplicate: received.value.duplicate }) : fail(received.error);
    },

    /** A received mail for each of the centers it was addressed to: parsed once, one item per center. */
    async receiveMail(raw: Buffer, centerIds: readonly number[]): Promise<Result<{ id: number; duplicate: boolean }>[]> {
      const mail = await parseInboundMail(raw, faxSenderDomains);
      const receivedAt = now();
      const results = [];
      for (const centerId of centerIds) {
        const received = await receive({ centerId, receivedAt, ...mail, attachments: mail.attachments });
        results.push(
          received.ok
            ? ok({ id: received.value.id, duplicate: received.value.duplicate })
            : fail<{ id: number; duplicate: boolean }>(received.error),
        );
      }
      return results;
    },
  };
}

export type ChannelsIntake = ReturnType<typeof createChannelsIntake>;
