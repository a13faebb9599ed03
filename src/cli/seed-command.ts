import { parseArgs } from 'node:util';
import { createDatabase } from '../db/create-db.ts';
import { seedRegistry } from '../db/seed/seed-registry.ts';
import { countingDay } from '../domain/counting/counting-day.ts';
import { UsageError, type Command } from './command.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Fill the database with a realistic synthetic registry (development and benchmarks).',
  usage: `tuidang seed --posts N [--seed S]

Generates N published-looking posts spread since December 2004 (dips at Lunar
New Year and in summer), head-counts averaging about 13 people, all seven
organisation combinations, regions and channels, some retracted and duplicate
posts, and sets the counters to match. Seeded registration numbers start with
9 and have no query password. Never run it on a real registry.`,
  async run(args, { config, io }) {
    const { values } = parseArgs({ args, options: { posts: { type: 'string' }, seed: { type: 'string' } } });
    const posts = Number(values.posts);
    if (!Number.isSafeInteger(posts) || posts < 1 || posts > 200_000_000) throw new UsageError('--posts must be a whole number from 1 to 200000000');
    const seed = values.seed === undefined ? 20041203 : Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw new UsageError('--seed must be a whole number');
    const handle = createDatabase(config.databaseUrl);
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let lastShown = 0;
    try {
      const result = await seedRegistry(
        handle,
        config.databaseUrl,
        { posts, seed, now: new Date(), countingDay: (at) => countingDay(at, config.timeZone) },
        ({ written, total }) => {
          const now = performance.now();
          if (written < total && now - lastShown < 500) return;
          lastShown = now;
          const share = written / total;
          const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, ' ');
          const rate = Math.round(written / ((now - started) / 1000));
          const line = `[${bar}] ${Math.floor(share * 100)}% ${written.toLocaleString('en')} / ${total.toLocaleString('en')} posts · ${rate.toLocaleString('en')} posts/s`;
          if (tty) process.stderr.write(`\r${line}`);
          else io.err(line);
        },
      );
      if (tty) process.stderr.write('\n');
      const seconds = (performance.now() - started) / 1000;
      io.out(`Seeded ${result.posts.toLocaleString('en')} posts in ${seconds.toFixed(1)} s; the counter now shows ${result.people.toLocaleString('en')} people.`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
