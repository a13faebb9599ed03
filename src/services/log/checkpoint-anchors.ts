import { findAuditHead } from '../../domain/audit/anchor-line.ts';
import { openCheckpoint, type Checkpoint } from '../../domain/log/checkpoint.ts';
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

  return async function read(): Promise<CheckpointAnchors> {
    const keys = await verifiers();
    const anchors: SourcedAuditHead[] = [];
    const unverified: number[] = [];
    for (let after = -1; ; ) {
      const page = await notes.page(db, after, PAGE);
      for (const { size, note } of page) {
        let opened: Checkpoint | undefined;
        for (const key of keys) {
          const checkpoint = openCheckpoint(note, key);
          if (!('error' in checkpoint)) {
            opened = checkpoint;
            break;
          }
        }
        const head = opened && opened.size === size ? findAuditHead(opened.extensions) : 'malformed';
        if (head === 'malformed') unverified.push(size);
        else if (head !== null) anchors.push({ ...head, source: { checkpoint: size } });
      }
      if (page.length < PAGE) return { anchors, unverified };
      after = page.at(-1)!.size;
    }
  };
}

export type ReadCheckpointAnchors = ReturnType<typeof createCheckpointAnchors>;
