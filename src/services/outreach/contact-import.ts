import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { fieldOfHeader, readContactRow, type ContactFieldName, type ContactRow } from '../../domain/outreach/contact-row.ts';
import { timeZoneOfNumber } from '../../domain/outreach/phone.ts';
import type { NewContact } from '../../repositories/outreach/contacts-repository.ts';
import { MAX_KEPT_ERRORS, type ImportCounts, type ImportError } from '../../repositories/outreach/imports-repository.ts';
import { phoneHmac, sealDetails, sealPhone, type OutreachDeps } from './outreach-deps.ts';

/** Rows written per statement: memory stays bounded by this, whatever the file's length. */
const STAGE_CHUNK = 500;
/** A call list longer than this is surely not one. */
const MAX_IMPORT_ROWS = 1_000_000;
/** No honest row of a call list is longer; csv-parse stops at a record this large. */
const MAX_RECORD_BYTES = 64 * 1024;

/** Why a whole file was refused: nothing of it is kept. */
export class UnreadableFile extends Error {
  constructor(readonly problem: ImportError) {
    super(problem.code);
  }
}

/** Bytes as UTF-8 text, refusing the first byte sequence that is not (a GB18030 export, say). */
async function* utf8(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const tail = decoder.decode();
  if (tail) yield tail;
}

function unreadable(error: unknown, line: number): UnreadableFile | null {
  if (error instanceof UnreadableFile) return error;
  if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
    return new UnreadableFile({ line, field: null, code: 'csv.notUtf8', params: {} });
  if (error instanceof CsvError) {
    const at = (error as CsvError & { lines?: number }).lines ?? line;
    const code = error.code === 'CSV_MAX_RECORD_SIZE' ? 'outreach.lineTooLong' : 'csv.malformed';
    return new UnreadableFile({ line: at, field: null, code, params: { max: MAX_RECORD_BYTES } });
  }
  return null;
}

/**
 * Streams a CSV file into an import's staged contacts: the header maps columns to fields, each
 * row is checked, numbers normalised, hashed and sealed, and rows are written STAGE_CHUNK at a
 * time, leaving out duplicates (unique per campaign) and do-not-call numbers. Throws
 * UnreadableFile for a file that cannot be read as a whole; the caller discards what was staged.
 */
export async function stageRows(
  deps: Pick<OutreachDeps, 'db' | 'contacts' | 'doNotCall' | 'keys'>,
  target: { campaignId: number; importId: number; defaultTimeZone: string; at: Date },
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onProgress: (rows: number) => void,
): Promise<{ counts: ImportCounts; errors: ImportError[] }> {
  const counts: ImportCounts = { rows: 0, accepted: 0, duplicates: 0, doNotCall: 0, invalid: 0 };
  const errors: ImportError[] = [];
  const note = (error: ImportError) => void (errors.length < MAX_KEPT_ERRORS && errors.push(error));
  let pending: ContactRow[] = [];

  async function flush(): Promise<void> {
    const rows = pending;
    pending = [];
    const byHmac = new Map<string, ContactRow>();
    for (const row of rows) {
      const hmac = phoneHmac(deps.keys, row.phone);
      if (byHmac.has(hmac)) counts.duplicates++;
      else byHmac.set(hmac, row);
    }
    const listed = await deps.doNotCall.listed(deps.db, [...byHmac.keys()]);
    const fresh: NewContact[] = [];
    for (const [hmac, row] of byHmac) {
      if (listed.has(hmac)) {
        counts.doNotCall++;
        continue;
      }
      fresh.push({
        phoneHmac: hmac,
        phoneSealed: sealPhone(deps.keys, target.campaignId, hmac, row.phone),
        detailsSealed: sealDetails(deps.keys, target.campaignId, hmac, {
          name: row.name,
          title: row.title,
          organisation: row.organisation,
          region: row.region,
          notes: row.notes,
        }),
        timeZone: timeZoneOfNumber(row.phone) ?? target.defaultTimeZone,
      });
    }
    const inserted = await deps.contacts.insertStaged(deps.db, target.campaignId, target.importId, fresh, target.at);
    counts.accepted += inserted;
    counts.duplicates += fresh.length - inserted;
  }

  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES, info: true });
  // The parser's iterator reports a failure of the source too; this promise only must not go unhandled.
  const feeding = pipeline(Readable.from(utf8(source)), parser).catch(() => undefined);
  let columns: (ContactFieldName | null)[] | null = null;
  let line = 1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (columns === null) {
        columns = headerColumns(record, note);
        continue;
      }
      if (++counts.rows > MAX_IMPORT_ROWS)
        throw new UnreadableFile({ line, field: null, code: 'outreach.tooManyRows', params: { max: MAX_IMPORT_ROWS } });
      const values: Partial<Record<ContactFieldName, string>> = {};
      record.forEach((value, index) => {
        const field = columns![index];
        if (field && values[field] === undefined) values[field] = value;
      });
      const read = readContactRow(values);
      if ('problem' in read) {
        counts.invalid++;
        note({ line, ...read.problem });
      } else {
        pending.push(read.row);
        if (pending.length >= STAGE_CHUNK) await flush();
      }
      if (counts.rows % 10_000 === 0) onProgress(counts.rows);
    }
  } catch (error) {
    parser.destroy();
    throw unreadable(error, line) ?? error;
  }
  await feeding;
  if (columns === null) throw new UnreadableFile({ line: 1, field: null, code: 'csv.empty', params: {} });
  await flush();
  onProgress(counts.rows);
  return { counts, errors };
}

/** The field of each column; a file without a phone column cannot be imported. */
function headerColumns(record: readonly string[], note: (error: ImportError) => void): (ContactFieldName | null)[] {
  const seen = new Set<ContactFieldName>();
  const columns = record.map((header) => {
    const field = fieldOfHeader(header);
    if (field === null) {
      if (header.trim() !== '') note({ line: 1, field: null, code: 'outreach.unknownColumn', params: { name: header.slice(0, 40) } });
      return null;
    }
    if (seen.has(field)) {
      note({ line: 1, field, code: 'csv.duplicateHeader', params: { name: header.slice(0, 40) } });
      return null;
    }
    seen.add(field);
    return field;
  });
  if (!seen.has('phone')) throw new UnreadableFile({ line: 1, field: null, code: 'outreach.phoneColumnMissing', params: {} });
  return columns;
}
