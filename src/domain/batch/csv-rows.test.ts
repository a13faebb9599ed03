import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBatchInput } from './batch-input.ts';
import { MAX_CSV_ROWS, parseCsvRows, type CsvRows } from './csv-rows.ts';

const codes = (result: CsvRows) => result.errors.map((error) => `${error.line}:${error.code}`);

describe('parseCsvRows: good input', () => {
  it('reads English headers and every org notation', () => {
    const result = parseCsvRows(
      'name,orgs,headcount,region\n张三,party;league,3,辽宁\nLi Wei,党;团;队,,\n王五,党团队,1,"Dalian, Liaoning"\n赵六,"party,pioneers",2,\n',
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rows, [
      { line: 2, name: '张三', orgs: ['party', 'league'], headcount: '3', region: '辽宁', behalf: '', title: '', statement: '' },
      { line: 3, name: 'Li Wei', orgs: ['party', 'league', 'pioneers'], headcount: '', region: '', behalf: '', title: '', statement: '' },
      {
        line: 4,
        name: '王五',
        orgs: ['party', 'league', 'pioneers'],
        headcount: '1',
        region: 'Dalian, Liaoning',
        behalf: '',
        title: '',
        statement: '',
      },
      { line: 5, name: '赵六', orgs: ['party', 'pioneers'], headcount: '2', region: '', behalf: '', title: '', statement: '' },
    ]);
  });

  it('reads Chinese headers in either script, with a BOM, CRLF, blank lines and columns in any order', () => {
    const result = parseCsvRows('\uFEFF来自,人數,組織,化名\r\n辽宁,2,黨,張三\r\n\r\n,,,\r\n北京,,团,李四\r\n');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.rows, [
      { line: 2, name: '張三', orgs: ['party'], headcount: '2', region: '辽宁', behalf: '', title: '', statement: '' },
      { line: 5, name: '李四', orgs: ['league'], headcount: '', region: '北京', behalf: '', title: '', statement: '' },
    ]);
  });

  it('accepts 姓名 and 地区, headers with hints, and only the name column', () => {
    assert.deepEqual(parseCsvRows('姓名 *,组织（必填）,地区\n张三,队,上海').rows, [
      { line: 2, name: '张三', orgs: ['pioneers'], headcount: '', region: '上海', behalf: '', title: '', statement: '' },
    ]);
    assert.deepEqual(parseCsvRows('name\n张三\n').rows, [
      { line: 2, name: '张三', orgs: [], headcount: '', region: '', behalf: '', title: '', statement: '' },
    ]);
  });

  it('reads bytes as UTF-8, and tab-separated text copied from a spreadsheet', () => {
    const bytes = new TextEncoder().encode('\uFEFF姓名\t组织\n张三\t党\n');
    assert.deepEqual(parseCsvRows(bytes).rows, [
      { line: 2, name: '张三', orgs: ['party'], headcount: '', region: '', behalf: '', title: '', statement: '' },
    ]);
  });

  it('numbers a row by the line where it starts, also after a quoted line break', () => {
    const result = parseCsvRows('name,region\n"张三","第一行\r\n第二行"\n李四,北京\n');
    assert.deepEqual(
      result.rows.map((row) => row.line),
      [2, 4],
    );
  });

  it('gives rows the batch schema reads, which then reports per row', () => {
    const { rows } = parseCsvRows('name,orgs,headcount\n张三,党团,2\n张,党,\n李四,军,\n');
    const parsed = parseBatchInput(
      { channel: 'letter', conversationDate: '2025-01-02', consent: 'confirmed', rows },
      { now: () => new Date('2025-06-01T00:00:00Z') },
    );
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.deepEqual(
      parsed.errors.map((error) => `${error.row}:${error.field}:${error.code}`),
      ['2:name:names.invalid', '3:orgs:orgs.invalid'],
    );
  });
});

describe('parseCsvRows: malformed input', () => {
  it('reports broken quoting by line and reads on after it', () => {
    const result = parseCsvRows('name,orgs\n张三,party\n李四,"party"x\n\n王五,league\n"赵六,party\n钱七,party\n');
    assert.deepEqual(
      result.rows.map((row) => row.name),
      ['张三', '王五', '钱七'],
    );
    assert.deepEqual(codes(result), ['3:csv.malformed', '6:csv.malformed']);
  });

  it('loses no row without an error after a broken quote', () => {
    const result = parseCsvRows('name,orgs\n张三,party\n李四,"party"x\n王五,league\n赵六,party\n');
    assert.deepEqual(codes(result), ['3:csv.malformed']);
    assert.deepEqual(
      result.rows.map((row) => row.name),
      ['张三', '王五', '赵六'],
    );
  });

  it('stops reading after too many broken lines, and says where', () => {
    const result = parseCsvRows(`name\n${'"a"b\n'.repeat(60)}张三\n`);
    assert.equal(result.errors.length, 51);
    assert.deepEqual(result.errors.at(-1), { line: 52, code: 'csv.tooManyErrors', params: { max: 50 } });
    assert.deepEqual(result.rows, []);
  });

  it('reports a stray quote inside an unquoted field', () => {
    const result = parseCsvRows('name,orgs\n张"三,party\n李四,party\n');
    assert.deepEqual(codes(result), ['2:csv.malformed']);
    assert.deepEqual(
      result.rows.map((row) => row.name),
      ['李四'],
    );
  });

  it('reports unknown and repeated headers, and ignores their columns', () => {
    const result = parseCsvRows('name,orgs,备注,姓名\n张三,party,老乡,李四\n');
    assert.deepEqual(result.errors, [
      { line: 1, code: 'csv.unknownHeader', params: { name: '备注' } },
      { line: 1, code: 'csv.duplicateHeader', params: { name: '姓名' } },
    ]);
    assert.deepEqual(result.rows, [
      { line: 2, name: '张三', orgs: ['party'], headcount: '', region: '', behalf: '', title: '', statement: '' },
    ]);
  });

  it('needs a name column', () => {
    assert.deepEqual(parseCsvRows('orgs,region\nparty,北京\n'), {
      rows: [],
      errors: [{ line: 1, code: 'csv.nameColumnMissing', params: {} }],
    });
  });

  it('refuses a row with more values than there are headers, but not empty trailing cells', () => {
    const result = parseCsvRows('name,orgs,\n张三,party,\n李四,party,extra\n王五,league,,,\n');
    assert.deepEqual(result.errors, [{ line: 3, code: 'csv.tooManyColumns', params: { max: 2 } }]);
    assert.deepEqual(
      result.rows.map((row) => row.name),
      ['张三', '王五'],
    );
  });

  it('refuses text that was not UTF-8, with one error', () => {
    const gbk = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a, 0xc0, 0xee, 0xcb, 0xc4]);
    assert.deepEqual(parseCsvRows(gbk), { rows: [], errors: [{ line: 1, code: 'csv.notUtf8', params: {} }] });
    assert.deepEqual(parseCsvRows('name\n张三\n\uFFFD\uFFFD\n\uFFFD\n'), {
      rows: [],
      errors: [{ line: 3, code: 'csv.notUtf8', params: {} }],
    });
    assert.deepEqual(parseCsvRows('name\n\uD800\n').errors, [{ line: 1, code: 'csv.notUtf8', params: {} }]);
  });

  it('says so when there is nothing to read', () => {
    for (const input of ['', '\uFEFF', '\n \n\t\n']) {
      assert.deepEqual(parseCsvRows(input).errors, [{ line: 1, code: 'csv.empty', params: {} }], JSON.stringify(input));
    }
    assert.deepEqual(parseCsvRows('name,orgs\n'), { rows: [], errors: [] });
  });

  it('never throws, whatever it is given', () => {
    const inputs = [
      '"',
      '"""',
      `name\n"${'很长'.repeat(20_000)}`,
      ',,,,\n,,,',
      `name\n${'"a"b"c"\n'.repeat(50)}`,
      '\u0000\u0001\u0002',
      'name;orgs\n张三;党\n',
      'a\rb\rc',
    ];
    for (const input of inputs) assert.doesNotThrow(() => parseCsvRows(input), JSON.stringify(input.slice(0, 20)));
    assert.deepEqual(codes(parseCsvRows(`name\n"${'很长'.repeat(20_000)}`)), ['2:csv.malformed']);
  });
});

describe('parseCsvRows: large input', () => {
  const sheet = (count: number) => `name,orgs\n${Array.from({ length: count }, (_, i) => `化名${i},党`).join('\n')}\n`;

  it(`reads ${MAX_CSV_ROWS} rows`, () => {
    const result = parseCsvRows(sheet(MAX_CSV_ROWS));
    assert.deepEqual(result.errors, []);
    assert.equal(result.rows.length, MAX_CSV_ROWS);
    assert.equal(result.rows.at(-1)?.line, MAX_CSV_ROWS + 1);
  });

  it('stops with an error at the first row beyond the limit', () => {
    const result = parseCsvRows(sheet(MAX_CSV_ROWS + 250));
    assert.equal(result.rows.length, MAX_CSV_ROWS);
    assert.deepEqual(result.errors, [{ line: MAX_CSV_ROWS + 2, code: 'csv.tooManyRows', params: { max: MAX_CSV_ROWS } }]);
  });
});
