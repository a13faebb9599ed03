import { createHash } from 'node:crypto';

/**
 * The log's entries, in canonical encoding version 1 (docs/transparency.md, "Entries"). Every entry
 * starts with the version byte and the kind byte; the rest is fixed-width big-endian, so one entry
 * has exactly one encoding and a verifier in any language can read it.
 *
 *   declared   01 01 | headcount u32 | organisations u8 | day u32 (days since 1970-01-01) | admission u8 | commitment 32 bytes
 *   withdrawn  01 02 | leaf index u64 | reason u8
 *   carried    01 03 | day u32 | people u64 | source u8
 */
export const ENTRY_VERSION = 1;

/**
 * Admission classes as the log writes them; 'imported' is kept for posts of the previous registry,
 * 'unproven' for public submissions that came without a proof of work (docs/security.md, "Flooding").
 */
export const ADMISSION_CODES = { public: 1, volunteer: 2, trusted: 3, imported: 4, unproven: 5 } as const;
type AdmissionClass = keyof typeof ADMISSION_CODES;

/** Why a statement stopped counting. */
const WITHDRAWAL_CODES = { retracted: 1, duplicate: 2, unpublished: 3 } as const;
export type WithdrawalReason = keyof typeof WITHDRAWAL_CODES;

/** The organisations mask: one bit each, as the counter's columns. */
export const ORGANISATION_BITS = { party: 1, league: 2, pioneers: 4 } as const;
export type Organisation = keyof typeof ORGANISATION_BITS;
export const ORGANISATIONS = Object.keys(ORGANISATION_BITS) as Organisation[];

interface DeclaredEntry {
  kind: 'declared';
  headcount: number;
  organisations: number;
  /** YYYY-MM-DD, the day the statement counts on. */
  day: string;
  admission: AdmissionClass;
  commitment: Uint8Array;
}

interface WithdrawnEntry {
  kind: 'withdrawn';
  leafIndex: number;
  reason: WithdrawalReason;
}

/**
 * Where a day's carried-over figure comes from. There is one source today: the previous registry's
 * published day total, less the people of its posts imported here (docs/history.md). The byte leaves
 * room for another registry's history without a new encoding version.
 */
const CARRIED_SOURCES = { legacy: 1 } as const;
type CarriedSource = keyof typeof CARRIED_SOURCES;

/** What a day of the previous registry carries over, from now on: a later entry for a day replaces an earlier one. */
interface CarriedEntry {
  kind: 'carried';
  day: string;
  people: number;
  source: CarriedSource;
}

export type LogEntry = DeclaredEntry | WithdrawnEntry | CarriedEntry;

export const KIND_CODES = { declared: 1, withdrawn: 2, carried: 3 } as const;
export const DECLARED_BYTES = 44;
const WITHDRAWN_BYTES = 11;
const CARRIED_BYTES = 15;
const DAY_MS = 86_400_000;

export function dayNumber(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms) || ms < 0) throw new RangeError(`not a day: ${day}`);
  return ms / DAY_MS;
}

const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function encodeEntry(entry: LogEntry): Buffer {
  if (entry.kind === 'declared') {
    const out = Buffer.alloc(DECLARED_BYTES);
    out[0] = ENTRY_VERSION;
    out[1] = KIND_CODES.declared;
    out.writeUInt32BE(entry.headcount, 2);
    out.writeUInt8(entry.organisations, 6);
    out.writeUInt32BE(dayNumber(entry.day), 7);
    out[11] = ADMISSION_CODES[entry.admission];
    if (entry.commitment.length !== 32) throw new RangeError('a commitment is 32 bytes');
    out.set(entry.commitment, 12);
    return out;
  }
  if (entry.kind === 'carried') {
    if (!Number.isSafeInteger(entry.people) || entry.people < 0) throw new RangeError(`not a number of people: ${entry.people}`);
    const out = Buffer.alloc(CARRIED_BYTES);
    out[0] = ENTRY_VERSION;
    out[1] = KIND_CODES.carried;
    out.writeUInt32BE(dayNumber(entry.day), 2);
    out.writeBigUInt64BE(BigInt(entry.people), 6);
    out[14] = CARRIED_SOURCES[entry.source];
    return out;
  }
  const out = Buffer.alloc(WITHDRAWN_BYTES);
  out[0] = ENTRY_VERSION;
  out[1] = KIND_CODES.withdrawn;
  out.writeBigUInt64BE(BigInt(entry.leafIndex), 2);
  out[10] = WITHDRAWAL_CODES[entry.reason];
  return out;
}

const codeOf = <T extends string>(codes: Record<T, number>, code: number): T | undefined =>
  (Object.keys(codes) as T[]).find((key) => codes[key] === code);

/** The entry these bytes encode, or a reason they are not an entry of a version this code knows. */
export function decodeEntry(bytes: Uint8Array): LogEntry | { error: string } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 2 || b[0] !== ENTRY_VERSION) return { error: `unknown entry version ${b[0]}` };
  if (b[1] === KIND_CODES.declared && b.length === DECLARED_BYTES) {
    const admission = codeOf(ADMISSION_CODES, b[11]!);
    const organisations = b[6]!;
    if (!admission || organisations > 7) return { error: 'malformed declared entry' };
    return {
      kind: 'declared',
      headcount: b.readUInt32BE(2),
      organisations,
      day: dayText(b.readUInt32BE(7)),
      admission,
      commitment: b.subarray(12, 44),
    };
  }
  if (b[1] === KIND_CODES.withdrawn && b.length === WITHDRAWN_BYTES) {
    const reason = codeOf(WITHDRAWAL_CODES, b[10]!);
    const index = b.readBigUInt64BE(2);
    if (!reason || index > BigInt(Number.MAX_SAFE_INTEGER)) return { error: 'malformed withdrawn entry' };
    return { kind: 'withdrawn', leafIndex: Number(index), reason };
  }
  if (b[1] === KIND_CODES.carried && b.length === CARRIED_BYTES) {
    const source = codeOf(CARRIED_SOURCES, b[14]!);
    const people = b.readBigUInt64BE(6);
    if (!source || people > BigInt(Number.MAX_SAFE_INTEGER)) return { error: 'malformed carried entry' };
    return { kind: 'carried', day: dayText(b.readUInt32BE(2)), people: Number(people), source };
  }
  return { error: `unknown or malformed entry kind ${b[1]}` };
}

/** The public facts of a statement that its commitment binds; the text, which editors may redact, is not among them. */
export interface PublicRecord {
  registrationNumber: string;
  headcount: number;
  organisations: number;
  day: string;
  admission: AdmissionClass;
}

export const COMMITMENT_DOMAIN = 'tuidang log commitment v1\n';

/** The canonical public record: lines of key=value in this order, each ending in a newline, UTF-8. */
export function canonicalRecord(record: PublicRecord): string {
  return (
    `number=${record.registrationNumber}\nheadcount=${record.headcount}\norganisations=${record.organisations}\n` +
    `day=${record.day}\nadmission=${record.admission}\n`
  );
}

/** SHA-256(domain ‖ salt ‖ canonical public record): with the salt, anyone can tie a statement to its leaf; without it, nobody. */
export function commitment(salt: Uint8Array, record: PublicRecord): Buffer {
  if (salt.length !== 32) throw new RangeError('a salt is 32 bytes');
  return createHash('sha256').update(COMMITMENT_DOMAIN).update(salt).update(canonicalRecord(record), 'utf8').digest();
}

export function organisationsMask(flags: Readonly<Record<Organisation, number | boolean>>): number {
  // Spelled out rather than folded over ORGANISATIONS: a first build calls it for every statement.
  return (
    (flags.party ? ORGANISATION_BITS.party : 0) |
    (flags.league ? ORGANISATION_BITS.league : 0) |
    (flags.pioneers ? ORGANISATION_BITS.pioneers : 0)
  );
}
