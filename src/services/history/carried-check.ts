import { NO_PEOPLE, carriedOver, type PeopleFigures } from '../../domain/history/carried-over.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { HistoryRepository } from '../../repositories/history-repository.ts';

export interface CarriedReport {
  drift: boolean;
  /** Days whose imported people (imported_days) differed from the imported statements. */
  importedDaysDiffering: string[];
  totals: { stored: number; recomputed: number };
  daysDiffering: string[];
}

const key = (figures: PeopleFigures) => `${figures.people}|${figures.party}|${figures.league}|${figures.pioneers}`;

/**
 * Reconciliation's half for the carried-over part (docs/history.md): each day's imported people
 * again from the imported statements, every legacy day's carried figures again from its published
 * figures and those people, and their sum against the one row the counter reads. Repairs what differs, in the caller's transaction (which holds the
 * counters' lock).
 */
export async function checkCarried(
  trx: Executor,
  history: Pick<
    HistoryRepository,
    | 'allLegacyDays'
    | 'allImportedDays'
    | 'recomputeImportedDays'
    | 'replaceImportedDays'
    | 'carriedTotals'
    | 'setCarried'
    | 'setCarriedTotals'
  >,
  at: Date,
): Promise<CarriedReport> {
  const days = await history.allLegacyDays(trx);
  const imported = await history.recomputeImportedDays(trx);
  const storedImported = await history.allImportedDays(trx);
  const importedDiffering = [...new Set([...imported.keys(), ...storedImported.keys()])].filter(
    (day) => key(imported.get(day) ?? NO_PEOPLE) !== key(storedImported.get(day) ?? NO_PEOPLE),
  );
  if (importedDiffering.length > 0) await history.replaceImportedDays(trx, imported);
  const stored = await history.carriedTotals(trx);
  const sum = { days: days.length, people: 0, party: 0, league: 0, pioneers: 0 };
  const differing: { day: string; carried: PeopleFigures }[] = [];
  for (const day of days) {
    const carried = carriedOver(day, imported.get(day.day));
    sum.people += carried.people;
    sum.party += carried.party;
    sum.league += carried.league;
    sum.pioneers += carried.pioneers;
    if (key(carried) !== key(day.carried)) differing.push({ day: day.day, carried });
  }
  const totalsDiffer = key(stored) !== key(sum) || stored.days !== sum.days;
  if (differing.length > 0) await history.setCarried(trx, differing);
  if (totalsDiffer || differing.length > 0) await history.setCarriedTotals(trx, sum, at);
  return {
    drift: totalsDiffer || differing.length > 0 || importedDiffering.length > 0,
    importedDaysDiffering: importedDiffering.sort(),
    totals: { stored: stored.people, recomputed: sum.people },
    daysDiffering: differing.map((day) => day.day),
  };
}
