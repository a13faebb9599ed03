import { open, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { addDays, countingDay } from '../domain/counter/counting-day.ts';
import { isCalendarDay } from '../domain/counter/day-range.ts';
import { loadKeys } from '../crypto/keys.ts';
import { createDatabase } from '../db/create-db.ts';
import type { SeedPhase, SeedProgress } from '../tools/seed/seed-registry.ts';
import { UsageError, type Command, type CommandIo } from './command.ts';

const PHASES: Record<SeedPhase, { label: string; unit: string | null }> = {
  posts: { label: 'posts', unit: 'posts' },
  indexes: { label: 'indexes', unit: 'indexes' },
  counters: { label: 'counters', unit: null },
  search: { label: 'search index', unit: 'declarations' },
};

const number = (value: number) => Math.round(value).toLocaleString('en');
const rate = (posts: number, seconds: number) => `${number(posts / Math.max(seconds, 0.001))} posts/s`;

/**
 * A progress line per phase (redrawn in place on a terminal, else at most
 * twice a second), and each phase's wall time: from its first report to its
 * last, so the insert rate counts everything between the first post and the last.
 */
function phaseDisplay(io: CommandIo) {
  const tty = process.stderr.isTTY;
  const spans = new Map<SeedPhase, { start: number; end: number }>();
  let lastShown = 0;
  let lastPhase: SeedPhase | null = null;
  const show = ({ phase, done, total }: SeedProgress) => {
    const now = performance.now();
    const span = spans.get(phase) ?? { start: now, end: now };
    span.end = now;
    spans.set(phase, span);
    if (phase === lastPhase && done < total && now - lastShown < 500) return;
    if (tty && lastPhase !== null && phase !== lastPhase) process.stderr.write('\n');
    lastShown = now;
    lastPhase = phase;
    const seconds = (now - span.start) / 1000;
    const { label, unit } = PHASES[phase];
    const parts = [label];
    if (unit !== null) {
      const share = total === 0 ? 1 : done / total;
      parts.push(
        `[${'#'.repeat(Math.round(share * 30)).padEnd(30, ' ')}] ${Math.floor(share * 100)}% ${number(done)} / ${number(total)} ${unit}`,
      );
    }
    parts.push(`${seconds.toFixed(1)} s`);
    if (phase === 'posts') parts.push(rate(done, seconds));
    if (tty) process.stderr.write(`\r${parts.join(' · ')}\x1b[K`);
    else io.err(parts.join(' · '));
  };
  return {
    show,
    /** Ends the progress line, so that what follows starts on a line of its own. */
    end: () => {
      if (tty && lastPhase !== null) process.stderr.write('\n');
      lastPhase = null;
    },
    has: (phase: SeedPhase) => spans.has(phase),
    seconds(phase: SeedPhase): number {
      const span = spans.get(phase);
      return span ? (span.end - span.start) / 1000 : 0;
    },
  };
}

async function writeLegacyTotals(
  file: string,
  values: { posts?: string | undefined; seed?: string | undefined },
  timeZone: string,
  io: CommandIo,
): Promise<number> {
  if (values.posts !== undefined) throw new UsageError('--legacy-totals writes a file of day totals; it takes no --posts');
  const seed = values.seed === undefined ? 20041203 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
  const { legacyTotalsCsv } = await import('../tools/seed/legacy-totals.ts');
  const until = addDays(countingDay(new Date(), timeZone), -1);
  const csv = legacyTotalsCsv(until, seed);
  await writeFile(file, csv, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write ${file}: ${error.code === 'EEXIST' ? 'it exists already' : (error.code ?? error.message)}`);
  });
  io.out(`Wrote ${csv.split('\n').length - 2} days of legacy totals, 2004-12-03 to ${until}, to ${file}.`);
  return 0;
}

async function writeLegacyPosts(
  file: string,
  values: { posts?: string | undefined; seed?: string | undefined; from?: string | undefined },
  timeZone: string,
  io: CommandIo,
): Promise<number> {
  const posts = values.posts === undefined ? 10_000 : Number(values.posts);
  if (!Number.isSafeInteger(posts) || posts < 1 || posts > 50_000_000)
    throw new UsageError('--posts must be a whole number from 1 to 50000000');
  const seed = values.seed === undefined ? 20041203 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
  const until = addDays(countingDay(new Date(), timeZone), -1);
  const from = values.from ?? '2004-12-03';
  if (!isCalendarDay(from) || from < '2004-12-03' || from > until) throw new UsageError(`--from must be a day from 2004-12-03 to ${until}`);
  const { legacyPostLines } = await import('../tools/seed/legacy-posts.ts');
  const format = file.endsWith('.csv') ? 'csv' : 'jsonl';
  const handle = await open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write ${file}: ${error.code === 'EEXIST' ? 'it exists already' : (error.code ?? error.message)}`);
  });
  try {
    let chunk: string[] = [];
    for (const line of legacyPostLines({ posts, from, until, seed, format, hostileEvery: 500 })) {
      chunk.push(line);
      if (chunk.length === 10_000) {
        await handle.write(chunk.join(''));
        chunk = [];
      }
    }
    await handle.write(chunk.join(''));
  } finally {
    await handle.close();
  }
  io.out(
    `Wrote ${posts} legacy posts (${format === 'csv' ? 'CSV' : 'JSON Lines'}, one line in 500 refused on import), ${from} to ${until}, to ${file}.`,
  );
  return 0;
}

export const seedCommand: Command = {
  usage: `tuidang seed --posts N [--seed S]
       tuidang seed --legacy-totals FILE.csv [--seed S]
       tuidang seed --legacy-posts FILE[.csv] [--posts N] [--from DAY] [--seed S]

Generates N published-looking posts spread since December 2004 (dips at Lunar
New Year and in summer), head-counts averaging about 13 people, all seven
organisation combinations, regions and channels, some retracted and duplicate
posts, and sets the counters to match. Seeded registration numbers start with
9 and have no query password. Never run it on a real registry.

With --legacy-totals, writes instead a synthetic export of the previous
registry's day totals, from 2004-12-03 to yesterday, with the published
milestones on their dates (100 million on 2012-04-16, 200 million on
2016-08-22, 300 million on 2020-12-14, 400 million on 2022-08-03), for
\`tuidang history import-totals\`. It touches no database.

With --legacy-posts, writes a synthetic export of the previous site's archive
(JSON Lines, or CSV if FILE ends in .csv): N posts (default 10000) from DAY
(default 2004-12-03) to yesterday, with legacy ids, simplified and traditional
text, some without a statement, some featured, with feedback or a query
password, and one hostile line in 500, for \`tuidang history import-posts\`.`,
  async run(args, { config, io }) {
    const { values } = parseArgs({
      args,
      options: {
        posts: { type: 'string' },
        seed: { type: 'string' },
        from: { type: 'string' },
        'legacy-totals': { type: 'string' },
        'legacy-posts': { type: 'string' },
      },
    });
    if (values['legacy-posts'] !== undefined) return await writeLegacyPosts(values['legacy-posts'], values, config.timeZone, io);
    if (values['legacy-totals'] !== undefined) return await writeLegacyTotals(values['legacy-totals'], values, config.timeZone, io);
    const posts = Number(values.posts);
    if (!Number.isSafeInteger(posts) || posts < 1 || posts > 200_000_000)
      throw new UsageError('--posts must be a whole number from 1 to 200000000');
    const seed = values.seed === undefined ? 20041203 : Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
    // The keys a server needs for this registry: it refuses to make them for a database that has declarations.
    loadKeys(config.dataDir);
    const handle = createDatabase(config.databaseUrl);
    const started = performance.now();
    const display = phaseDisplay(io);
    try {
      const plan = { posts, seed, now: new Date(), timeZone: config.timeZone };
      // Loaded only here: its tables would otherwise sit in the memory of every command, the server's too.
      const { seedRegistry } = await import('../tools/seed/seed-registry.ts');
      const result = await seedRegistry(handle, config.databaseUrl, plan, display.show);
      display.end();
      const seconds = (performance.now() - started) / 1000;
      const inserting = display.seconds('posts');
      const others = (['indexes', 'counters', 'search'] as const)
        .filter((phase) => display.has(phase))
        .map((phase) => `${PHASES[phase].label} ${display.seconds(phase).toFixed(1)} s`);
      io.out(
        `Seeded ${number(result.posts)} posts in ${seconds.toFixed(1)} s (${rate(result.posts, seconds)}); ` +
          `inserting took ${inserting.toFixed(1)} s (${rate(result.posts, inserting)}), ${others.join(', ')}; ` +
          `the counter now shows ${number(result.people)} people.`,
      );
      return 0;
    } finally {
      display.end();
      await handle.close();
    }
  },
};
