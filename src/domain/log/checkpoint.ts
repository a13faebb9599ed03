import { HASH_BYTES } from './hash.ts';
import { openNote, signNote, type NoteSigner, type NoteVerifier } from './note.ts';

/** A C2SP tlog-checkpoint: the origin, the tree size and the root hash, one per line. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /**
   * C2SP's extension lines, after the root: opaque to standard verifiers, which read the first three
   * lines only, and each non-empty. Present only when there are some.
   */
  extensions?: readonly string[];
}

function checkpointText(checkpoint: Checkpoint): string {
  const extensions = (checkpoint.extensions ?? []).map((line) => `${line}\n`).join('');
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n${extensions}`;
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner, ...more: readonly NoteSigner[]): string {
  if ([signer, ...more].some((each) => each.name !== checkpoint.origin)) throw new RangeError('the key name is the log origin');
  // An empty line would end the note's text there; a line break would make two lines of one.
  if (checkpoint.extensions?.some((line) => line === '' || line.includes('\n')))
    throw new RangeError('an extension line is one non-empty line');
  return signNote(checkpointText(checkpoint), signer, ...more);
}

function parseCheckpointText(text: string): Checkpoint | { error: string } {
  const lines = text.split('\n');
  if (lines.length < 4) return { error: 'a checkpoint has an origin, a size and a root' };
  const [origin, size, root] = lines as [string, string, string];
  if (!/^(0|[1-9]\d{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return { error: 'the checkpoint size is not a number' };
  const hash = Buffer.from(root, 'base64');
  if (hash.length !== HASH_BYTES || hash.toString('base64') !== root) return { error: 'the checkpoint root is not a base64 hash' };
  if (origin === '') return { error: 'the checkpoint has no origin' };
  // The text ends with a line break, so the last element is empty; what lies between are extension lines.
  const extensions = lines.slice(3, -1);
  return { origin, size: Number(size), root: hash, ...(extensions.length > 0 ? { extensions } : {}) };
}

/** The checkpoint in a signed note, its signatures unchecked: for one this verifier accepted before. */
export function parseCheckpointNote(note: string): Checkpoint | { error: string } {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? { error: 'not a signed note' } : parseCheckpointText(note.slice(0, split + 1));
}

/** A checkpoint whose signature by `verifier` holds and whose origin is the key's name. */
export function openCheckpoint(note: string, verifier: NoteVerifier): Checkpoint | { error: string } {
  const opened = openNote(note, verifier);
  if ('error' in opened) return opened;
  const checkpoint = parseCheckpointText(opened.text);
  if ('error' in checkpoint) return checkpoint;
  if (checkpoint.origin !== verifier.name) return { error: `the checkpoint is of ${checkpoint.origin}, the key of ${verifier.name}` };
  return checkpoint;
}
