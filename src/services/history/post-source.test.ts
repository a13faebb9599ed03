import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openPostFile, readPostLines, type SourceLine } from './post-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'tuidang-post-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function linesOf(name: string, content: string | Buffer, from?: { byte: number; line: number }) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const opened = await openPostFile(path);
  if (!opened.ok) return { problem: opened.problem, lines: [] as SourceLine[] };
  const lines: SourceLine[] = [];
  for await (const chunk of readPostLines(path, opened.file, from ?? opened.file.start)) lines.push(...chunk);
  return { file: opened.file, lines };
}

test('CSV: a header of known fields, records over several lines inside quotes, each with its first line and where it ends', async () => {
  const csv =
    '\uFEFFid,names,orgs,statement,number,published\r\n1,明德,party,"two\r\nlines, and ""quotes""",n,p\r\n\r\n2,安宁,league,,n,p\n3,"broken,party\n';
  const { file, lines } = await linesOf('posts.csv', csv);
  assert.equal(file!.format, 'csv');
  assert.deepEqual(
    lines.map((line) => [line.line, line.next, line.problem?.code ?? null]),
    [
      [2, 4, null],
      [5, 6, null],
      [6, 7, 'line.malformed'],
    ],
  );
  assert.equal(lines[0]!.fields!.statement, 'two\nlines, and "quotes"');
  assert.equal(lines.at(-1)!.end, Buffer.byteLength(csv));
  const resumed = await linesOf('posts-again.csv', csv, { byte: lines[0]!.end, line: lines[0]!.next });
  assert.deepEqual(
    resumed.lines.map((line) => line.line),
    [5, 6],
    'from where a run stopped',
  );
});

test('JSON Lines: an object a line; anything else, bytes that are not UTF-8 and a runaway line are refused by number', async () => {
  const long = `{"id": 3, "statement": "${'x'.repeat(300_000)}"}`;
  const content = Buffer.concat([
    Buffer.from('{"id": 1}\n[1, 2]\n{"id": 2, "names": "'),
    Buffer.from([0xff]),
    Buffer.from(`"}\n${long}\n{"id": 4}`),
  ]);
  const { file, lines } = await linesOf('posts.jsonl', content);
  assert.equal(file!.format, 'jsonl');
  assert.deepEqual(
    lines.map((line) => [line.line, line.problem?.code ?? line.fields!.id]),
    [
      [1, 1],
      [2, 'line.malformed'],
      [3, 'line.encoding'],
      [4, 'line.tooLong'],
      [5, 4],
    ],
  );
});

test('a header with an unknown or missing column, or an empty file, is refused before anything is read', async () => {
  assert.deepEqual((await linesOf('a.csv', 'id,number,published,names,orgs,colour\n')).problem, {
    code: 'header.unknownColumn',
    detail: 'colour',
  });
  assert.deepEqual((await linesOf('b.csv', 'id,number,published,names\n')).problem, { code: 'header.missingColumn', detail: 'orgs' });
  assert.deepEqual((await linesOf('c.jsonl', '\n  \n')).problem, { code: 'file.empty' });
});
