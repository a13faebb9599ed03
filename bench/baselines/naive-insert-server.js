// Baseline: the naive durable path. Each POST is parsed and inserted in its own
// transaction (one fsync per request, synchronous=FULL in WAL mode), then answered.
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const database = new DatabaseSync(process.argv[2]);
database.exec('PRAGMA journal_mode = WAL');
database.exec('PRAGMA synchronous = FULL');
database.exec(`create table if not exists declarations (
  id integer primary key, names text not null, orgs text not null, headcount integer not null,
  title text, region text, statement text, created_at text not null)`);
const insert = database.prepare(
  'insert into declarations (names, orgs, headcount, title, region, statement, created_at) values (?, ?, ?, ?, ?, ?, ?)',
);

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const { lastInsertRowid } = insert.run(
      input.names.join('\n'), input.orgs.join(','), input.headcount ?? 1, input.title ?? null, input.region ?? null,
      input.statement ?? null, new Date().toISOString(),
    );
    response.writeHead(201, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ id: Number(lastInsertRowid) }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
