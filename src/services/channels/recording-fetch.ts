import { fail, ok, type Result } from '../result.ts';

/**
 * Fetches a voicemail provider's recording from a URL, once (docs/inbox.md): only from an origin the
 * operator listed, without following redirects (which could lead anywhere), within a size and a time
 * limit. Nothing of the registry's own is sent with it.
 */
export function recordingFetcher(allowedOrigins: readonly string[], maxBytes: number, timeoutMs = 15_000) {
  return async (address: string): Promise<Result<Uint8Array>> => {
    const url = URL.parse(address);
    if (!url || !allowedOrigins.includes(url.origin) || url.username !== '' || url.password !== '')
      return fail('channels.recordingUrlRefused');
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
    } catch {
      return fail('channels.recordingUnavailable');
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return fail('channels.recordingUnavailable');
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel();
      return fail('channels.recordingTooLarge');
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          return fail('channels.recordingTooLarge');
        }
        chunks.push(chunk);
      }
    } catch {
      return fail('channels.recordingUnavailable');
    }
    return ok(Buffer.concat(chunks));
  };
}

export type RecordingFetcher = ReturnType<typeof recordingFetcher>;
