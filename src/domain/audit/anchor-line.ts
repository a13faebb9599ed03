/** The audit chain's head as a line of a transparency log checkpoint: its last entry's id and keyed link. */
export interface AuditHeadLine {
  id: number;
  /** Hex HMAC-SHA-256 under the audit key: without the key it says nothing of the entries. */
  hash: string;
}

// Named, so a reader of the checkpoint sees what the line is; the rest is as the anchors file writes it.
const PREFIX = 'tuidang-audit-head';
const LINE = /^tuidang-audit-head (0|[1-9]\d{0,15}) ([0-9a-f]{64})$/;

/** The C2SP extension line (domain/log/checkpoint.ts) that anchors the audit chain's head in a checkpoint. */
export function auditHeadLine(head: AuditHeadLine): string {
  return `${PREFIX} ${head.id} ${head.hash}`;
}

/**
 * The audit head among a checkpoint's extension lines: null when there is none (a checkpoint from
 * before this line, or of a log whose audit chain was empty), 'malformed' when a line says it is one
 * and does not parse.
 */
export function findAuditHead(extensions: readonly string[] | undefined): AuditHeadLine | null | 'malformed' {
  const line = extensions?.find((each) => each.startsWith(`${PREFIX} `) || each === PREFIX);
  if (line === undefined) return null;
  const match = LINE.exec(line);
  if (!match || !Number.isSafeInteger(Number(match[1]))) return 'malformed';
  return { id: Number(match[1]), hash: match[2]! };
}
