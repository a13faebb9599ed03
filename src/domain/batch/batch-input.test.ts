import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EARLIEST_CONVERSATION_DATE,
  MAX_BATCH_ROWS,
  isBlankRow,
  orgTokens,
  parseBatchInput,
  type BatchError,
  type BatchInput,
} from './batch-input.ts';
import { latestDateOnEarth } from '../counter/counting-day.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const now = () => NOW;

const SHARED = { channel: 'phone', conversationDate: '2025-06-14', consent: 'confirmed' } as const;
const ROW = { name: '张三', orgs: ['party'] } as const;

function parse(input: unknown): BatchInput {
  const result = parseBatchInput(input, { now });
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

function errors(input: unknown): BatchError[] {
  const result = parseBatchInput(input, { now });
  if (result.ok) assert.fail(`expected failure, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

function errorAt(input: unknown, row: number, field: string): BatchError {
  const all = errors(input);
  const found = all.find((error) => error.row === row && error.field === field);
  if (!found) assert.fail(`no error at row ${row}, ${field}: ${JSON.stringify(all)}`);
  return found;
}

describe('parseBatchInput: valid batches', () => {
  it('reads shared fields and rows, dropping blank rows but keeping row numbers', () => {
    const batch = parse({
      channel: 'hotline',
      conversationDate: ' 2025-06-14 ',
      consent: 'confirmed',
      note: ' 第一行\r\n第二行 ',
      rows: [
        { name: ' 张三 ', orgs: 'party;league', headcount: '3', region: ' 辽宁 ' },
        { name: '', orgs: [], headcount: '', region: '  ' },
        {},
        { name: 'Li  Wei', orgs: ['pioneers', 'party'], headcount: 2 },
        { name: '王五', orgs: '党团队', headcount: '' },
      ],
    });
    assert.deepEqual(batch, {
      channel: 'hotline',
      conversationDate: '2025-06-14',
      consent: 'confirmed',
      note: '第一行\n第二行',
      rows: [
        { row: 1, name: '张三', orgs: ['party', 'league'], headcount: 3, region: '辽宁', behalf: 'self', title: null, statement: null },
        { row: 4, name: 'Li Wei', orgs: ['party', 'pioneers'], headcount: 2, region: null, behalf: 'self', title: null, statement: null },
        {
          row: 5,
          name: '王五',
          orgs: ['party', 'league', 'pioneers'],
          headcount: 1,
          region: null,
          behalf: 'self',
          title: null,
          statement: null,
        },
      ],
    });
  });

  it('accepts every channel', () => {
    for (const channel of ['phone', 'hotline', 'in_person', 'fax', 'email', 'letter']) {
      assert.equal(parse({ ...SHARED, channel, rows: [ROW] }).channel, channel);
    }
  });

  it('accepts the first day of the registry and the latest date anywhere on Earth', () => {
    assert.equal(parse({ ...SHARED, conversationDate: EARLIEST_CONVERSATION_DATE, rows: [ROW] }).conversationDate, '2004-11-01');
    assert.equal(latestDateOnEarth(NOW), '2025-06-16');
    assert.equal(parse({ ...SHARED, conversationDate: '2025-06-16', rows: [ROW] }).conversationDate, '2025-06-16');
  });

  it('treats a missing or empty note as absent', () => {
    assert.equal(parse({ ...SHARED, rows: [ROW] }).note, undefined);
    assert.equal(parse({ ...SHARED, note: '  ', rows: [ROW] }).note, undefined);
  });

  it('accepts exactly the maximum number of rows, blank rows not counted', () => {
    const rows = [...Array.from({ length: MAX_BATCH_ROWS }, () => ROW), ...Array.from({ length: 20 }, () => ({ name: '' }))];
    assert.equal(parse({ ...SHARED, rows }).rows.length, MAX_BATCH_ROWS);
  });

  it('accepts a name with a middle dot and a Latin name with accents', () => {
    const batch = parse({
      ...SHARED,
      rows: [
        { ...ROW, name: '阿依古丽·买买提' },
        { ...ROW, name: 'José Martí' },
      ],
    });
    assert.deepEqual(
      batch.rows.map((row) => row.name),
      ['阿依古丽·买买提', 'José Martí'],
    );
  });
});

describe('parseBatchInput: shared fields', () => {
  it('needs a known channel', () => {
    assert.equal(errorAt({ ...SHARED, channel: 'telegram', rows: [ROW] }, 0, 'channel').code, 'channel.invalid');
    assert.equal(errorAt({ ...SHARED, channel: undefined, rows: [ROW] }, 0, 'channel').code, 'channel.invalid');
  });

  it('needs a real date in YYYY-MM-DD form', () => {
    for (const conversationDate of ['2025-02-30', '2025/06/14', '14.06.2025', 'yesterday', '', undefined, 20250614]) {
      assert.equal(
        errorAt({ ...SHARED, conversationDate, rows: [ROW] }, 0, 'conversationDate').code,
        'date.invalid',
        String(conversationDate),
      );
    }
  });

  it('refuses a date before the registry began or in the future', () => {
    const early = errorAt({ ...SHARED, conversationDate: '2004-10-31', rows: [ROW] }, 0, 'conversationDate');
    assert.deepEqual(early, { row: 0, field: 'conversationDate', code: 'date.tooEarly', params: { min: '2004-11-01' } });
    assert.equal(errorAt({ ...SHARED, conversationDate: '2025-06-17', rows: [ROW] }, 0, 'conversationDate').code, 'date.future');
  });

  it('needs consent to be confirmed, nothing else', () => {
    for (const consent of [undefined, '', 'yes', true, 'on']) {
      assert.equal(errorAt({ ...SHARED, consent, rows: [ROW] }, 0, 'consent').code, 'consent.notConfirmed', String(consent));
    }
  });

  it('checks the note as safe text of at most 1000 characters', () => {
    assert.deepEqual(errorAt({ ...SHARED, note: '字'.repeat(1001), rows: [ROW] }, 0, 'note').params, { max: 1000 });
    assert.equal(errorAt({ ...SHARED, note: '字'.repeat(1001), rows: [ROW] }, 0, 'note').code, 'text.tooLong');
    assert.equal(errorAt({ ...SHARED, note: 'a\u202Eb', rows: [ROW] }, 0, 'note').code, 'text.bidi');
    assert.equal(errorAt({ ...SHARED, note: 'bad \uFFFD', rows: [ROW] }, 0, 'note').code, 'text.malformed');
    assert.equal(parse({ ...SHARED, note: '字'.repeat(1000), rows: [ROW] }).note?.length, 1000);
  });

  it('reports every shared field at once', () => {
    const fields = errors({ rows: [ROW] }).map((error) => error.field);
    assert.deepEqual(fields.sort(), ['channel', 'consent', 'conversationDate']);
  });
});

describe('parseBatchInput: rows', () => {
  it('needs at least one row that is not blank', () => {
    assert.equal(errorAt({ ...SHARED, rows: [] }, 0, 'rows').code, 'batch.empty');
    assert.equal(errorAt({ ...SHARED, rows: [{ name: ' ' }, {}] }, 0, 'rows').code, 'batch.empty');
    assert.equal(errorAt({ ...SHARED }, 0, 'rows').code, 'batch.empty');
  });

  it('refuses more than the maximum number of rows', () => {
    const error = errorAt({ ...SHARED, rows: Array.from({ length: MAX_BATCH_ROWS + 1 }, () => ROW) }, 0, 'rows');
    assert.deepEqual(error, { row: 0, field: 'rows', code: 'batch.tooManyRows', params: { max: MAX_BATCH_ROWS } });
  });

  it('reports each problem on its row and field, with the codes of the declaration form', () => {
    const all = errors({
      ...SHARED,
      rows: [
        ROW,
        { name: '张', orgs: 'party' },
        { name: '张三、李四', orgs: 'party' },
        { name: '', orgs: 'party', region: '北京' },
        { name: '李四', orgs: [] },
        { name: '李四', orgs: 'army' },
        { name: '李四', orgs: 'party', headcount: '0' },
        { name: '李四', orgs: 'party', headcount: '1.5' },
        { name: '李四', orgs: 'party', headcount: 501 },
        { name: '李四', orgs: 'party', region: '地'.repeat(51) },
        { name: '李四\n王五', orgs: 'party' },
        { name: 'x', orgs: 'nope', headcount: 'many' },
        'not a row',
        { name: '张三丰、張三豐', orgs: 'party' },
      ],
    });
    assert.deepEqual(all, [
      { row: 2, field: 'name', code: 'names.invalid', params: { name: '张' } },
      { row: 3, field: 'name', code: 'names.onePerRow', params: { name: '张三、李四' } },
      { row: 4, field: 'name', code: 'names.required', params: {} },
      { row: 5, field: 'orgs', code: 'orgs.required', params: {} },
      { row: 6, field: 'orgs', code: 'orgs.invalid', params: {} },
      { row: 7, field: 'headcount', code: 'headcount.invalid', params: {} },
      { row: 8, field: 'headcount', code: 'headcount.invalid', params: {} },
      { row: 9, field: 'headcount', code: 'headcount.tooLarge', params: { max: 500 } },
      { row: 10, field: 'region', code: 'text.tooLong', params: { max: 50 } },
      { row: 11, field: 'name', code: 'text.control', params: { max: 60 } },
      { row: 12, field: 'name', code: 'names.latinTooShort', params: { name: 'x' } },
      { row: 12, field: 'orgs', code: 'orgs.invalid', params: {} },
      { row: 12, field: 'headcount', code: 'headcount.invalid', params: {} },
      { row: 13, field: 'row', code: 'request.invalid', params: {} },
      { row: 14, field: 'name', code: 'names.repeated', params: { name: '張三豐' } },
    ]);
  });

  it('refuses text a decoder mangled or that hides its direction', () => {
    assert.equal(errorAt({ ...SHARED, rows: [{ name: '张\uFFFD', orgs: 'party' }] }, 1, 'name').code, 'text.malformed');
    assert.equal(errorAt({ ...SHARED, rows: [{ name: '张三', orgs: 'party', region: '\u202E京北' }] }, 1, 'region').code, 'text.bidi');
  });
});

describe('orgTokens', () => {
  it('reads keys, English words and Chinese in either script, with any separator', () => {
    assert.deepEqual(orgTokens('party;league'), ['party', 'league']);
    assert.deepEqual(orgTokens('Party, League / Pioneers'), ['party', 'league', 'pioneers']);
    assert.deepEqual(orgTokens('党;团;队'), ['party', 'league', 'pioneers']);
    assert.deepEqual(orgTokens('黨、團、隊'), ['party', 'league', 'pioneers']);
    assert.deepEqual(orgTokens('党团队'), ['party', 'league', 'pioneers']);
    assert.deepEqual(orgTokens('共青团少先队'), ['league', 'pioneers']);
    assert.deepEqual(orgTokens(['party', '少先隊']), ['party', 'pioneers']);
  });

  it('keeps what it cannot read, so the schema can report it', () => {
    assert.deepEqual(orgTokens('party;army'), ['party', 'army']);
    assert.deepEqual(orgTokens('党军'), ['党军']);
    assert.deepEqual(orgTokens(' ; '), []);
  });
});

describe('isBlankRow', () => {
  it('is blank only when every field is', () => {
    assert.equal(isBlankRow({}), true);
    assert.equal(isBlankRow({ name: ' ', orgs: [], headcount: '', region: '\t' }), true);
    assert.equal(isBlankRow({ name: ' ', orgs: ['party'] }), false);
    assert.equal(isBlankRow({ headcount: 0 }), false);
    assert.equal(isBlankRow('张三'), false);
  });
});
