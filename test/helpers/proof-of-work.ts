import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { POW_WORKER } from '../../src/http/public/declare/pow-files.ts';

interface ChallengeJson {
  parameters: { salt: string; nonce: string; keyPrefix: string; data?: { max?: number } };
}

/** Solves a challenge (base64 JSON, as the form and the API carry it) as altcha's SHA-256 solver does, in Node. */
export function solve(encoded: string): string {
  const challenge = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as ChallengeJson;
  const { salt, nonce, keyPrefix, data } = challenge.parameters;
  const head = Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(nonce, 'hex')]);
  const counter = Buffer.alloc(4);
  for (let n = 0; n <= (data?.max ?? 0xffffffff); n++) {
    counter.writeUInt32BE(n);
    const key = createHash('sha256').update(head).update(counter).digest('hex');
    if (key.startsWith(keyPrefix)) {
      return Buffer.from(JSON.stringify({ challenge, solution: { counter: n, derivedKey: key } })).toString('base64');
    }
  }
  throw new Error('no solution below the challenge maximum');
}

/** Runs the page's own worker script (pow-files.ts) on a challenge, as a browser would, and returns what it posts back. */
export function solveWithWorker(encoded: string): string {
  let answer: unknown;
  const self: { onmessage?: (event: { data: string }) => void; postMessage: (value: unknown) => void } = {
    postMessage: (value) => {
      answer = value;
    },
  };
  runInNewContext(POW_WORKER, {
    self,
    atob: (s: string) => Buffer.from(s, 'base64').toString('latin1'),
    btoa: (s: string) => Buffer.from(s, 'latin1').toString('base64'),
  });
  self.onmessage!({ data: encoded });
  return answer as string;
}

/** The challenge a rendered declaration form carries. */
export function challengeOf(html: string): string {
  const match = html.match(/name="altcha" value="" data-challenge="([A-Za-z0-9+/=]+)"/);
  if (!match) throw new Error('the form carries no challenge');
  return match[1]!;
}

/** What hono's node adapter hands the app for a request from `address`: the socket's address, and nothing else. */
export const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
