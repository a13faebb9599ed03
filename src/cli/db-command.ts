import { parseArgs } from 'node:util';
import { BackupError, backupSqlite } from '../tools/backup.ts';
import { COPIED_TABLES, copyDatabase, type CopyProgress } from '../tools/copy.ts';
import { createDatabase } from '../db/create-db.ts';
import { UsageError, type Command } from './command.ts';

function validUrl(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`${option} is required`);
  if (!value.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(value)) {
    throw new UsageError(`${option} must be sqlite:PATH or postgres://…`);
  }
  return value;
}

export const dbCommand: Command = {
  usage: `tuidang db backup --to FILE
tuidang db copy --from sqlite:PATH --to postgres://USER@HOST/DB

backup writes a consistent copy of the SQLite database named by DATABASE_URL
while the service keeps running (SQLite's online backup API). It never
overwrites FILE. For PostgreSQL, use pg_dump.

Copies every table, migrating the target first. Shows progress; if it is
interrupted, run it again and it resumes after the rows already copied.
At the end it compares row counts and per-status totals of both sides and
exits 1 if they differ.

Stop the service (or every writer) before the copy that you switch over
with: rows changed after they were copied are not copied again.
Copy TUIDANG_DATA_DIR/keys as well: receipts and contacts need them.`,
  async run(args, { config, io }) {
    const [action, ...rest] = args;
    if (action === 'backup') {
      const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } });
      if (!values.to) throw new UsageError('--to FILE is required');
      try {
        const pages = await backupSqlite(config.databaseUrl, values.to);
        io.out(`Backed up ${pages} pages to ${values.to}. Keep TUIDANG_DATA_DIR/keys with it, stored apart.`);
        return 0;
      } catch (error) {
        if (error instanceof BackupError) throw new UsageError(error.message);
        throw error;
      }
    }
    if (action !== 'copy') throw new UsageError(`unknown action "${action ?? ''}"`);
    const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' } } });
    const fromUrl = validUrl(values.from, '--from');
    const toUrl = validUrl(values.to, '--to');
    if (fromUrl === toUrl) throw new UsageError('--from and --to are the same database');

    const source = createDatabase(fromUrl);
    const target = createDatabase(toUrl);
    let lastShown = 0;
    const show = ({ table, copied, total }: CopyProgress) => {
      const now = Date.now();
      if (copied < total && now - lastShown < 1000) return;
      lastShown = now;
      const percent = total === 0 ? 100 : Math.floor((copied / total) * 100);
      io.err(`${table}: ${copied.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${percent}%)`);
    };
    try {
      const report = await copyDatabase(source, target, show);
      io.out(`counters rebuilt on the target: ${report.countedPeople} people`);
      for (const table of COPIED_TABLES) {
        const [from, to] = [report.source[table], report.target[table]];
        io.out(`${table}: source ${from.rows} rows, target ${to.rows} rows${from.rows === to.rows ? '' : '  ← differs'}`);
        for (const [status, figures] of Object.entries(from.byStatus ?? {})) {
          const copied = to.byStatus?.[status];
          const same = copied?.rows === figures.rows && copied.people === figures.people;
          io.out(`  ${status}: ${figures.rows} declarations, ${figures.people} people${same ? '' : '  ← differs in target'}`);
        }
      }
      io.out(report.matches ? 'Verified: the target matches the source.' : 'MISMATCH: the target differs from the source.');
      return report.matches ? 0 : 1;
    } finally {
      await source.close();
      await target.close();
    }
  },
};
