import { hash } from 'node:crypto';
import {
  ADMISSION_CODES,
  canonicalRecord,
  COMMITMENT_DOMAIN,
  commitment,
  DECLARED_BYTES,
  dayNumber,
  ENTRY_VERSION,
  encodeEntry,
  KIND_CODES,
  type LogEntry,
  type PublicRecord,
} from './entry.ts';
import { HASH_BYTES, leafHash } from './hash.ts';

const DOMAIN = Buffer.from(COMMITMENT_DOMAIN, 'utf8');
const SALT_BYTES = 32;
/** Room for the canonical record behind the domain and salt; a longer one (none is) takes the general path. */
const RECORD_ROOM = 512;

/**
 * A batch's entries written end to end as an entry bundle lays them out (each behind its length as a
 * big-endian u16), with each entry's leaf hash in one buffer: a batch of tens of thousands of entries
 * then makes no buffer, hash object or entry object per statement (docs/performance.md). The bytes
 * are those of `encodeEntry` and `commitment`, which stay the definition (entry-writer.test.ts).
 */
export class EntryWriter {
  /** The entries, each behind its length: a run of bundle bytes. */
  readonly bundle: Buffer;
  /** Where entry i begins in `bundle` (its length first); `offsets[count]` is where the last one ends. */
  readonly offsets: Uint32Array;
  /** The leaf hash of entry i at 32 × i. */
  readonly leafHashes: Buffer;
  #count = 0;
  readonly #days = new Map<string, number>();
  readonly #commitmentInput = Buffer.allocUnsafe(DOMAIN.length + SALT_BYTES + RECORD_ROOM);

  constructor(capacity: number) {
    this.bundle = Buffer.allocUnsafe(capacity * (2 + DECLARED_BYTES));
    this.offsets = new Uint32Array(capacity + 1);
    this.leafHashes = Buffer.allocUnsafe(capacity * HASH_BYTES);
    DOMAIN.copy(this.#commitmentInput, 0);
  }

  get count(): number {
    return this.#count;
  }

  /** The bytes of entries [from, to), each behind its length, as a bundle holds them. */
  bundleOf(from: number, to: number): Buffer {
    return this.bundle.subarray(this.offsets[from], this.offsets[to]);
  }

  /** A `declared` entry for the statement with this public record and salt (32 bytes at `saltAt` of `salts`). */
  declared(record: PublicRecord, salts: Buffer, saltAt: number): void {
    const at = this.offsets[this.#count]! + 2;
    const out = this.bundle;
    out[at] = ENTRY_VERSION;
    out[at + 1] = KIND_CODES.declared;
    out.writeUInt32BE(record.headcount, at + 2);
    out.writeUInt8(record.organisations, at + 6);
    out.writeUInt32BE(this.#day(record.day), at + 7);
    out[at + 11] = ADMISSION_CODES[record.admission];
    out.set(this.#commitment(record, salts, saltAt), at + 12);
    this.#close(DECLARED_BYTES);
  }

  /** Any other entry, through the general encoder: withdrawals and carried figures are few. */
  other(entry: Exclude<LogEntry, { kind: 'declared' }>): void {
    const bytes = encodeEntry(entry);
    this.bundle.set(bytes, this.offsets[this.#count]! + 2);
    this.#close(bytes.length);
  }

  #close(length: number): void {
    const start = this.offsets[this.#count]!;
    this.bundle.writeUInt16BE(length, start);
    this.leafHashes.set(leafHash(this.bundle.subarray(start + 2, start + 2 + length)), this.#count * HASH_BYTES);
    this.#count++;
    this.offsets[this.#count] = start + 2 + length;
  }

  #day(day: string): number {
    let n = this.#days.get(day);
    if (n === undefined) {
      n = dayNumber(day);
      this.#days.set(day, n);
    }
    return n;
  }

  #commitment(record: PublicRecord, salts: Buffer, saltAt: number): Buffer {
    const input = this.#commitmentInput;
    const text = canonicalRecord(record);
    const recordAt = DOMAIN.length + SALT_BYTES;
    if (text.length * 3 > RECORD_ROOM && Buffer.byteLength(text, 'utf8') > RECORD_ROOM)
      return commitment(salts.subarray(saltAt, saltAt + SALT_BYTES), record);
    salts.copy(input, DOMAIN.length, saltAt, saltAt + SALT_BYTES);
    const written = input.write(text, recordAt, 'utf8');
    return hash('sha256', input.subarray(0, recordAt + written), 'buffer');
  }
}
