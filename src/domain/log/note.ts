import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519: a text ending in a newline, a blank line, then lines
 * "— <key name> <base64(key id ‖ signature)>". The key id is the first four bytes of
 * SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), 0x01 naming the Ed25519 algorithm.
 */
const ED25519 = 0x01;

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  publicKey: Buffer;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

const KEY_NAME = /^[^\s+]+$/;

/** The fixed PKCS #8 prefix of an Ed25519 private key (RFC 8410), before its 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function keyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** A signer from a 32-byte Ed25519 seed. */
export function signerFromSeed(name: string, seed: Uint8Array): NoteSigner {
  if (!KEY_NAME.test(name)) throw new RangeError(`key name ${name} has a space or a plus`);
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKey = Buffer.from(jwk.x!, 'base64url');
  return { name, keyId: keyId(name, publicKey), privateKey, publicKey };
}

/** The verifier key as signed-note writes it: <name>+<key id in hex>+<base64(0x01 ‖ public key)>. */
export function verifierKey(signer: NoteSigner): string {
  return `${signer.name}+${signer.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): NoteVerifier | undefined {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!match) return undefined;
  const key = Buffer.from(match[3]!, 'base64');
  if (key.length !== 33 || key[0] !== ED25519) return undefined;
  const raw = key.subarray(1);
  const id = keyId(match[1]!, raw);
  if (id.toString('hex') !== match[2]) return undefined;
  try {
    return {
      name: match[1]!,
      keyId: id,
      publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' }),
    };
  } catch {
    return undefined;
  }
}

/** Signs with each signer, one line each in this order: during a key rotation, the old key and the new. */
export function signNote(text: string, signer: NoteSigner, ...more: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new RangeError('a note text ends in a newline');
  const lines = [signer, ...more].map((each) => {
    const signature = sign(null, Buffer.from(text, 'utf8'), each.privateKey);
    return `— ${each.name} ${Buffer.concat([each.keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** The note's text if a signature line of the verifier's key verifies; signatures of other keys are ignored. */
export function openNote(note: string, verifier: NoteVerifier): { text: string } | { error: string } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { error: 'not a signed note' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let named = false;
  for (const line of lines) {
    const match = /^— (\S+) ([A-Za-z0-9+/]+=*)$/.exec(line);
    if (!match) return { error: 'a signature line is malformed' };
    if (match[1] !== verifier.name) continue;
    const bytes = Buffer.from(match[2]!, 'base64');
    if (bytes.length !== 68 || !bytes.subarray(0, 4).equals(verifier.keyId)) continue;
    named = true;
    if (verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, bytes.subarray(4))) return { text };
  }
  return { error: named ? 'the signature does not verify' : `no signature by ${verifier.name}` };
}
