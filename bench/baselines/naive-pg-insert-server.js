// Baseline on PostgreSQL: one plain INSERT per request through a pool, answered after it commits.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
await pool.query(`create table if not exists bench_naive_declarations (
  id bigserial primary key, names text not null, orgs text not null, headcount integer not null,
  title text, region text, statement text, created_at timestamptz not null)`);

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const { rows } = await pool.query(
      'insert into bench_naive_declarations (names, orgs, headcount, title, region, statement, created_at) values ($1, $2, $3, $4, $5, $6, now()) returning id',
      [input.names.join('\n'), input.orgs.join(','), input.headcount ?? 1, input.title ?? null, input.region ?? null, input.statement ?? null],
    );
    response.writeHead(201, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ id: Number(rows[0].id) }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
