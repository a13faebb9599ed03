/** A value of a seeded row's column, as a batch carries it. */
export type SeedValue = string | number | null;

/**
 * How a column's values travel: small integers ('number', null allowed),
 * texts with few distinct values ('few', sent once each and then by number),
 * or other texts ('text').
 */
export type ColumnKind = 'number' | 'few' | 'text';

/**
 * Rows on their way from the generating thread to the writing one, by column.
 * Copying a message value by value costs both threads about as much as
 * generating the post (docs/performance.md, "Measurements behind the code");
 * so numbers travel in typed arrays (moved, not copied), each column of texts
 * as one string, and the texts of columns with few values once each.
 */
export interface RowBatch {
  rows: number;
  ids: Int32Array<ArrayBuffer>;
  /** rows × number columns; NULL_NUMBER for null. */
  numbers: Int32Array<ArrayBuffer>;
  /** rows × few-valued columns: the number of a text. */
  codes: Int32Array<ArrayBuffer>;
  /** The few-valued texts numbered since the previous batch, in order. */
  newTexts: SeedValue[];
  /** For each text column, its values joined by SEPARATOR. */
  texts: string[];
  /** rows × text columns: 1 where the text is null. */
  nullTexts: Uint8Array<ArrayBuffer>;
}

/** The buffers of a batch, for postMessage to move instead of copy. */
export function batchBuffers(batch: RowBatch): ArrayBuffer[] {
  return [batch.ids.buffer, batch.numbers.buffer, batch.codes.buffer, batch.nullTexts.buffer];
}

const NULL_NUMBER = -0x8000_0000;
// Declaration text never holds control characters. A value that held it would split into
// more values than the batch has rows, which the reader checks.
const SEPARATOR = '\u0000';

/** Where each column's values go: its kind, and its place among the columns of that kind. */
function layout(kinds: readonly ColumnKind[]) {
  const count = { number: 0, few: 0, text: 0 };
  const slots = kinds.map((kind) => count[kind]++);
  return { count, slots };
}

export class BatchEncoder {
  private readonly count: Record<ColumnKind, number>;
  private readonly slots: number[];
  // One small table per column: looking up among a column's few values is quicker than among all.
  private readonly numbered: (Map<SeedValue, number> | null)[];
  private readonly lastValues: (SeedValue | undefined)[];
  private readonly lastCodes: number[];
  private assigned = 0;
  private batch: RowBatch;
  private texts: string[][];

  constructor(
    private readonly kinds: readonly ColumnKind[],
    private readonly capacity: number,
  ) {
    ({ count: this.count, slots: this.slots } = layout(kinds));
    this.numbered = kinds.map((kind) => (kind === 'few' ? new Map() : null));
    this.lastValues = kinds.map(() => undefined);
    this.lastCodes = kinds.map(() => -1);
    this.batch = this.empty();
    this.texts = this.emptyTexts();
  }

  get size(): number {
    return this.batch.rows;
  }

  add(id: number, row: readonly SeedValue[]): void {
    const { batch, kinds, slots, count, texts } = this;
    const at = batch.rows++;
    batch.ids[at] = id;
    for (let column = 0; column < row.length; column++) {
      const value = row[column]!;
      const slot = slots[column]!;
      const kind = kinds[column];
      if (kind === 'number') {
        batch.numbers[at * count.number + slot] = value === null ? NULL_NUMBER : checkedNumber(value);
      } else if (kind === 'few') {
        batch.codes[at * count.few + slot] = this.code(column, value);
      } else {
        if (value === null) batch.nullTexts[at * count.text + slot] = 1;
        else if (typeof value !== 'string') throw new Error(`not a text: ${value}`);
        texts[slot]!.push(value ?? '');
      }
    }
  }

  /** The number of a few-valued column's text, numbering it if it is new. */
  private code(column: number, value: SeedValue): number {
    // Neighbouring posts often share a value (the day, the status): no lookup then.
    if (value === this.lastValues[column]) return this.lastCodes[column]!;
    const numbered = this.numbered[column]!;
    let code = numbered.get(value);
    if (code === undefined) {
      code = this.assigned++;
      numbered.set(value, code);
      this.batch.newTexts.push(value);
    }
    this.lastValues[column] = value;
    this.lastCodes[column] = code;
    return code;
  }

  /** The batch so far, ready to send (moving its batchBuffers). */
  take(): RowBatch {
    const batch = this.batch;
    batch.texts = this.texts.map((column) => column.join(SEPARATOR));
    this.batch = this.empty();
    this.texts = this.emptyTexts();
    return batch;
  }

  private empty(): RowBatch {
    return {
      rows: 0,
      ids: new Int32Array(this.capacity),
      numbers: new Int32Array(this.capacity * this.count.number),
      codes: new Int32Array(this.capacity * this.count.few),
      newTexts: [],
      texts: [],
      nullTexts: new Uint8Array(this.capacity * this.count.text),
    };
  }

  private emptyTexts(): string[][] {
    return Array.from({ length: this.count.text }, () => []);
  }
}

function checkedNumber(value: SeedValue): number {
  if (typeof value !== 'number' || (value | 0) !== value || value === NULL_NUMBER) throw new Error(`not a small integer: ${value}`);
  return value;
}

export class BatchDecoder {
  private readonly count: Record<ColumnKind, number>;
  private readonly slots: number[];
  private readonly texts: SeedValue[] = [];

  constructor(private readonly kinds: readonly ColumnKind[]) {
    ({ count: this.count, slots: this.slots } = layout(kinds));
  }

  /** Reads a batch: `rows(from, to)` gives those rows, row after row, each its id and then its columns' values. */
  read(batch: RowBatch): { rows: (from: number, to: number) => SeedValue[] } {
    for (const text of batch.newTexts) this.texts.push(text);
    const texts = batch.texts.map((column) => column.split(SEPARATOR));
    if (texts.some((column) => column.length !== batch.rows)) throw new Error(`a text of the batch holds ${JSON.stringify(SEPARATOR)}`);
    const { kinds, slots, count } = this;
    const known = this.texts;
    const width = 1 + kinds.length;
    // A statement's worth at a time (small arrays, which the garbage collector handles best),
    // filled column by column: each loop reads one kind of value.
    const rows = (from: number, to: number) => {
      const values = new Array<SeedValue>((to - from) * width);
      for (let row = from, at = 0; row < to; row++, at += width) values[at] = batch.ids[row]!;
      for (let column = 0; column < kinds.length; column++) {
        const slot = slots[column]!;
        let at = 1 + column;
        switch (kinds[column]) {
          case 'number':
            for (let row = from; row < to; row++, at += width) {
              const number = batch.numbers[row * count.number + slot]!;
              values[at] = number === NULL_NUMBER ? null : number;
            }
            break;
          case 'few':
            for (let row = from; row < to; row++, at += width) values[at] = known[batch.codes[row * count.few + slot]!]!;
            break;
          case 'text': {
            const column = texts[slot]!;
            for (let row = from; row < to; row++, at += width) values[at] = batch.nullTexts[row * count.text + slot] ? null : column[row]!;
          }
        }
      }
      return values;
    };
    return { rows };
  }
}
