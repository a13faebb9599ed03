import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../i18n/index.ts';
import type { Logger } from '../../logging/logger.ts';
import type { ChannelSettings } from '../../services/channels/channel-settings.ts';
import type { ChannelsIntake, VoicemailInput } from '../../services/channels/channels-intake.ts';
import { INBOX_LIMITS } from '../../services/inbox/receive.ts';
import { NO_STORE } from '../answers.ts';
import type { AppEnv } from '../env.ts';
import { apiErrorBody } from '../errors.tsx';
import { parseId } from '../ids.ts';
import { negotiatedLocale } from '../middleware/locale/locale.ts';

/** A recording (10 MB at most) and the fields and multipart framing around it. */
const VOICEMAIL_HOOK_MAX_BYTES = INBOX_LIMITS.attachmentBytes + 1024 * 1024;

const FORM = /^(multipart\/form-data|application\/x-www-form-urlencoded)\s*(;|$)/i;

function answer(c: Context<AppEnv>, status: ContentfulStatusCode, code: ErrorCode, headers: Record<string, string> = {}): Response {
  c.header('Cache-Control', NO_STORE);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json(apiErrorBody(c.get('locale'), code), status);
}

/** The body, or null past `max` bytes (counted as read, whatever Content-Length said). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function voicemailFields(body: Uint8Array, contentType: string): Promise<VoicemailInput | null> {
  let form: FormData;
  try {
    form = await new Request('http://hook.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  } catch {
    return null;
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const file = form.get('recording');
  const recording =
    file !== null && typeof file !== 'string' && file.size > 0
      ? { name: file.name || null, bytes: new Uint8Array(await file.arrayBuffer()) }
      : null;
  return {
    providerId: text('id'),
    caller: text('caller'),
    duration: text('duration'),
    transcript: text('transcript'),
    recording,
    recordingUrl: recording ? '' : text('recording_url'),
  };
}

/**
 * `POST /hooks/voicemail/:center` (docs/inbox.md): a provider delivers a voicemail (a recording
 * uploaded or at a URL, the caller id, the duration, a transcript) to a center's inbox. No session:
 * the signature under the center's secret is the only credential. A bad, missing or stale signature
 * is 401 and nothing is read further or stored; a replay within the window is the same item again.
 * Mounted ahead of the app's 1 MB body limit, with a limit of its own.
 */
export function voicemailHookRoutes(
  settings: Pick<ChannelSettings, 'verifyWebhook'>,
  intake: Pick<ChannelsIntake, 'receiveVoicemail'>,
  clock: () => number,
  logger: Logger,
) {
  const routes = new Hono<AppEnv>();
  routes.use('/hooks/*', negotiatedLocale());
  routes.post('/hooks/voicemail/:center', async (c) => {
    const length = c.req.header('content-length');
    if (length !== undefined && (!/^\d+$/.test(length) || Number(length) > VOICEMAIL_HOOK_MAX_BYTES)) {
      return answer(c, 413, 'channels.webhookTooLarge');
    }
    const contentType = c.req.header('content-type') ?? '';
    if (!FORM.test(contentType)) return answer(c, 415, 'request.unsupportedType');
    try {
      const body = await readCapped(c.req.raw, VOICEMAIL_HOOK_MAX_BYTES);
      if (body === null) return answer(c, 413, 'channels.webhookTooLarge');
      const centerId = parseId(c.req.param('center'));
      const check = centerId === null ? null : await settings.verifyWebhook(centerId, c.req.header('x-tuidang-signature'), body, clock());
      if (centerId === null || !check?.ok) return answer(c, 401, 'channels.signatureInvalid');
      const input = await voicemailFields(body, contentType);
      if (!input) return answer(c, 400, 'request.malformed');
      const result = await intake.receiveVoicemail(centerId, input, check.signature);
      if (!result.ok) return answer(c, 422, result.error);
      c.header('Cache-Control', NO_STORE);
      return c.json({ id: result.value.id, duplicate: result.value.duplicate }, result.value.duplicate ? 200 : 201);
    } catch (error) {
      logger.error(
        { requestId: c.get('requestId'), err: { message: error instanceof Error ? error.message : String(error) } },
        'voicemail not filed',
      );
      // The provider retries a 503; the signature (or its id) makes the retry the same item.
      return answer(c, 503, 'request.busy', { 'Retry-After': '60' });
    }
  });
  return routes;
}
