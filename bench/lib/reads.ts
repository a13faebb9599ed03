import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { encodeCursor } from '../../src/services/archive-service.ts';

/** Published declarations picked at random over the whole registry, with what the read scenarios ask for. */
export interface SampledRow {
  id: number;
  number: string;
  /** Its first name, as a reader would type it into the search box. */
  firstName: string;
  day: string | null;
}

export function samplePublishedRows(dataDir: string, count: number): SampledRow[] {
  const db = new DatabaseSync(join(dataDir, 'tuidang.sqlite'), { readOnly: true });
  try {
    const max = (db.prepare('select max(id) as n from declarations').get() as { n: number }).n;
    const pick = db.prepare(
      "select id, registration_number, names, counted_day from declarations where id >= ? and status = 'published' and duplicate_of is null order by id limit 1",
    );
    const rows = new Map<number, SampledRow>();
    for (let i = 0; rows.size < count && i < count * 4; i++) {
      const row = pick.get(1 + Math.floor(Math.random() * max)) as
        | { id: number; registration_number: string; names: string; counted_day: string | null }
        | undefined;
      if (row)
        rows.set(row.id, {
          id: row.id,
          number: row.registration_number,
          firstName: (JSON.parse(row.names) as string[])[0]!,
          day: row.counted_day,
        });
    }
    return [...rows.values()];
  } finally {
    db.close();
  }
}

const LOCALES = ['zh-hans', 'zh-hant', 'en'];
const inTurn = (paths: string[]) => paths.map((path, i) => `/${LOCALES[i % 3]}${path}`);
const everyLocale = (path: string) => LOCALES.map((locale) => `/${locale}${path}`);

/**
 * The public reads of issue 27, by name: the pages the same for every reader (served prepared), and the
 * ones that differ by request, spread over the whole registry so that most pages and rows are not in
 * any cache (`rows` should hold a few thousand).
 */
export function readScenarios(rows: SampledRow[]): [string, string[]][] {
  const days = [...new Set(rows.map((row) => row.day).filter((day) => day !== null))];
  return [
    ['statistics', everyLocale('/statistics')],
    ['archive-first', everyLocale('/declarations')],
    ['featured', everyLocale('/featured')],
    ['feeds', [...everyLocale('/feeds/latest.atom'), ...everyLocale('/feeds/featured.atom')]],
    ['centers', everyLocale('/centers')],
    ['day-pages', inTurn(days.map((day) => `/days/${day}`))],
    ['search', inTurn(rows.map((row) => `/search?q=${encodeURIComponent(row.firstName)}`))],
    ['archive-deep', inTurn(rows.map((row) => `/declarations?cursor=${encodeCursor(row.id)}`))],
  ];
}
