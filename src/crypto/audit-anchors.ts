import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The audit chain's head at one moment: its last entry's id and link. */
export interface AuditAnchor {
  at: Date;
  id: number;
  hash: string;
}

/**
 * The audit chain's heads, one line each, appended in the data dir beside the keys and never
 * rewritten. A copy outside the database: someone who can only write to the database can delete the
 * chain's last entries without breaking a link, but not the line that says the chain went that far.
 */
export function auditAnchorsPath(dataDir: string): string {
  return join(dataDir, 'audit-anchors');
}

export function appendAuditAnchor(dataDir: string, anchor: AuditAnchor): void {
  // One write of one short line to a file opened for appending: several processes never interleave it.
  const fd = openSync(auditAnchorsPath(dataDir), 'a', 0o600);
  try {
    writeSync(fd, `${anchor.at.toISOString()} ${anchor.id} ${anchor.hash}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Every anchor written so far; a line that does not parse is reported, not skipped, by `audit verify`. */
export function readAuditAnchors(dataDir: string): { anchors: AuditAnchor[]; malformed: number } {
  let text: string;
  try {
    text = readFileSync(auditAnchorsPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], malformed: 0 };
    throw error;
  }
  const anchors: AuditAnchor[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^(\S+) (\d+) ([0-9a-f]{64})$/.exec(line);
    const at = match ? new Date(match[1] as string) : null;
    if (!match || !at || Number.isNaN(at.getTime())) malformed++;
    else anchors.push({ at, id: Number(match[2]), hash: match[3] as string });
  }
  return { anchors, malformed };
}
