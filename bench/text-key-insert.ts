/**
 * What the near-identical text key (migration 0032) adds to an insert of a public submission: the key
 * itself (folding and hashing the statement, on the main thread) and its index, measured as the intake writer
 * inserts (insertSubmitted, transactions of 32) into two fresh SQLite registries, one with the index
 * and one without, in alternating rounds so the machine's load falls on both alike. CPU per insert:
 * SQLite runs in this process, so its work is counted.
 *
 *   node --import tsx bench/text-key-insert.ts [--rounds 20] [--rows 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { statementTextKey } from '../src/domain/declaration/text-key.ts';
import { declarationInserts, type NewDeclaration } from '../src/repositories/declarations/inserts.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, rows: { type: 'string', default: '2000' } } });
const rounds = Number(values.rounds);
const rows = Number(values.rows);
const BATCH = 32;
const STATEMENTS = [
  '为了家人的平安，我们全家声明三退。',
  '我自愿退出中共及其相关组织，愿中国早日摆脱共产党的统治，恢复自由。',
  '年輕時入了團，今天聲明退出，願中國早日自由！',
  null,
];

const dir = mkdtempSync(join(tmpdir(), 'tuidang-text-key-'));
const open = async (name: string, index: boolean) => {
  const database = createDatabase(`sqlite:${join(dir, name)}`);
  await migrateToLatest(database.db);
  if (!index) await sql`drop index declarations_text_key`.execute(database.db);
  return database;
};
const registries = { indexed: await open('indexed.sqlite', true), bare: await open('bare.sqlite', false) };
const cpu = { indexed: 0, bare: 0 };
let serial = 0;
const declaration = (i: number): NewDeclaration => {
  serial++;
  const text = STATEMENTS[i % STATEMENTS.length];
  const statement = text === null || text === undefined ? null : `${text}${serial}`;
  return {
    registrationNumber: String(4_000_000_000_000_000 + serial),
    registrationSerial: serial,
    passwordHash: `hash-${serial}`,
    names: ['王明华'],
    headcount: 1,
    orgs: ['league'],
    title: null,
    region: '北京',
    statement,
    behalf: 'self',
    consent: false,
    contactSealed: null,
    channel: 'api',
    locale: 'zh-hans',
    createdAt: new Date(Date.UTC(2026, 11, 7) + serial),
    aliasKey: '王明华',
    // Made before the timed inserts, as the declaration service makes it on the main thread.
    textKey: statementTextKey(statement),
  };
};
for (let round = 0; round < rounds; round++) {
  for (const name of ['indexed', 'bare'] as const) {
    const db = registries[name].db;
    const batches = Array.from({ length: rows / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => declaration(b * BATCH + i)));
    const start = process.cpuUsage();
    for (const batch of batches) await db.transaction().execute((trx) => declarationInserts.insertSubmitted(trx, batch));
    const used = process.cpuUsage(start);
    if (round > 0) cpu[name] += used.user + used.system;
  }
}
const keyStart = process.cpuUsage();
const keys = 200_000;
for (let i = 0; i < keys; i++) statementTextKey(`${STATEMENTS[i % 3]!}${i}`);
const keyUsed = process.cpuUsage(keyStart);
const per = (micros: number) => (micros / ((rounds - 1) * rows)).toFixed(1);
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
console.log(`insert, CPU per row: with the text key index ${per(cpu.indexed)} µs, without ${per(cpu.bare)} µs`);
console.log(`the text key alone (fold + SHA-256), CPU per statement: ${((keyUsed.user + keyUsed.system) / keys).toFixed(1)} µs`);
await registries.indexed.close();
await registries.bare.close();
rmSync(dir, { recursive: true, force: true });
