import { createHash } from 'node:crypto';
import { findAuditHead, type AuditHeadLine } from '../../domain/audit/anchor-line.ts';
import { openCheckpoint, parseCheckpointNote, type Checkpoint } from '../../domain/log/checkpoint.ts';
import { parseVerifierKey, type NoteVerifier } from '../../domain/log/note.ts';
import type { AuditRepository, SourcedAuditHead } from '../../repositories/audit-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { CheckpointNotes } from '../../repositories/log/checkpoint-notes.ts';

const PAGE = 1000;

/** The audit chain's heads that the log's checkpoints anchor (services/log/append.ts), and the checkpoints that do not verify. */
export interface CheckpointAnchors {
  anchors: SourcedAuditHead[];
  /** Sizes of stored checkpoints whose signature holds under none of the log's keys, or whose audit line does not parse. */
  unverified: number[];
}

export interface CheckpointAnchorsDeps {
  db: Executor;
  notes: CheckpointNotes;
  audit: Pick<AuditRepository, 'list'>;
  /** The log's verifier keys now: the signing key's, and during a rotation the next one's. */
  verifierKeys: readonly string[];
}

/**
 * Reads the audit heads from every stored checkpoint, each only after its signature is checked: a
 * database writer may edit the stored notes, but cannot sign one, so a changed or removed line breaks
 * its checkpoint, which is then reported rather than believed. Checkpoints signed before a rotation
 * finished hold only the retired key: the rotation's audit entries name it (cli/log-command.ts), and
 * they are believed only as far as the chain they are part of verifies, which `audit verify` checks.
 */
export function createCheckpointAnchors({ db, notes, audit, verifierKeys }: CheckpointAnchorsDeps) {
  async function verifiers(): Promise<NoteVerifier[]> {
    const keys = new Set(verifierKeys);
    for (const action of ['log.keyRotation.begun', 'log.keyRotation.finished']) {
      for (const entry of await audit.list(db, { action, limit: 1000 })) {
        const named = entry.details.verifierKeys;
        if (Array.isArray(named)) for (const key of named) if (typeof key === 'string') keys.add(key);
      }
    }
    return [...keys].flatMap((key) => parseVerifierKey(key) ?? []);
  }

  // Notes whose signature held, by size, with a digest of the note: a signature is checked once per
  // process (about 0.1 ms each, a checkpoint every batch), and again only if the stored note changes.
  const verified = new Map<number, { digest: string; head: AuditHeadLine | null }>();

  const opened = (note: string, keys: readonly NoteVerifier[]): Checkpoint | undefined => {
    for (const key of keys) {
      const checkpoint = openCheckpoint(note, key);
      if (!('error' in checkpoint)) return checkpoint;
    }
    return undefined;
  };

  /**
   * The stored checkpoints' anchors, and those of `outside`: checkpoint notes kept away from this
   * database (a mirror's `checkpoint` file, a verifier's saved one), which someone who deleted the
   * newest stored checkpoints with the audit entries they anchored cannot reach. An outside note that
   * does not verify is reported by the size it claims (0 when it claims none).
   */
  return async function read(outside: readonly string[] = []): Promise<CheckpointAnchors> {
    const keys = await verifiers();
    const anchors: SourcedAuditHead[] = [];
    const unverified: number[] = [];
    for (const note of outside) {
      const checkpoint = opened(note, keys);
      const head = checkpoint ? findAuditHead(checkpoint.extensions) : 'malformed';
      if (head === 'malformed') {
        const claimed = parseCheckpointNote(note);
        unverified.push('error' in claimed ? 0 : claimed.size);
      } else if (head !== null) anchors.push({ ...head, source: { checkpoint: checkpoint!.size, outside: true } });
    }
    for (let after = -1; ; ) {
      const page = await notes.page(db, after, PAGE);
      for (const { size, note } of page) {
        const digest = createHash('sha256').update(note).digest('base64');
        const known = verified.get(size);
        let head: AuditHeadLine | null | 'malformed';
        if (known?.digest === digest) head = known.head;
        else {
          const checkpoint = opened(note, keys);
          // A valid note of another size copied over this one would hide what this one anchored.
          head = checkpoint && checkpoint.size === size ? findAuditHead(checkpoint.extensions) : 'malformed';
          if (head !== 'malformed') verified.set(size, { digest, head });
        }
        if (head === 'malformed') unverified.push(size);
        else if (head !== null) anchors.push({ ...head, source: { checkpoint: size } });
      }
      if (page.length < PAGE) return { anchors, unverified };
      after = page.at(-1)!.size;
    }
  };
}
