import type { Kysely } from 'kysely';
import { lockCounters } from '../../db/engine.ts';
import type { Database } from '../../db/schema.ts';
import { countingDay } from '../../domain/counter/counting-day.ts';
import { NO_PEOPLE, addFigures, carriedOver, type PeopleFigures } from '../../domain/history/carried-over.ts';
import { readLegacyTotals, type LegacyDay, type TotalsProblem } from '../../domain/history/legacy-totals-csv.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { HistoryRepository, StoredLegacyDay } from '../../repositories/history-repository.ts';
import { createPostImport, type PostImportDeps } from './post-import.ts';

export interface TotalsImportReport {
  dryRun: boolean;
  /** Days in the file. */
  days: number;
  added: number;
  replaced: number;
  unchanged: number;
  /** The first replaced days, for the operator to look at. */
  replacedDays: string[];
  carried: { before: number; after: number };
}

export type TotalsImportResult = { ok: true; report: TotalsImportReport } | { ok: false; problems: TotalsProblem[] };

export interface HistoryServiceDeps {
  db: Kysely<Database>;
  history: HistoryRepository;
  declarations: PostImportDeps['declarations'];
  audit: AuditRepository;
  /** The key receipts hash their query passwords with: imported passwords are stored the same way. */
  receiptKey: Buffer;
  /** The serial of each registration number (an imported post must not hold a number issued here). */
  serialsOf: PostImportDeps['serialsOf'];
  timeZone: string;
  now?: () => Date;
}

const FIGURE_KEYS = ['people', 'posts', 'party', 'league', 'pioneers', 'source'] as const;
const sameFigures = (a: LegacyDay, b: LegacyDay) => FIGURE_KEYS.every((key) => a[key] === b[key]);
const figuresOf = (day: LegacyDay) => Object.fromEntries(FIGURE_KEYS.map((key) => [key, day[key]]));

/** Carrying the previous registry's history over (docs/history.md). */
export function createHistoryService({
  db,
  history,
  declarations,
  audit,
  receiptKey,
  serialsOf,
  timeZone,
  now = () => new Date(),
}: HistoryServiceDeps) {
  return {
    /** Imports the old archive's posts from an export (post-import.ts). */
    importPosts: createPostImport({ db, declarations, history, audit, receiptKey, serialsOf, timeZone, now }),

    /** The registration number of the published statement imported under an old site's post id, for its old link. */
    async legacyPermalink(legacyId: number): Promise<string | null> {
      return declarations.numberOfLegacyId(db, legacyId);
    },

    /**
     * Imports the old site's day totals from a CSV export: all of the file or, if any line is wrong,
     * none of it. New days are added, changed days replaced (each replacement audited), equal days
     * left alone; the carried-over totals move by the difference in the same transaction. A dry run
     * answers the same report and writes nothing.
     */
    async importTotals(bytes: Uint8Array, options: { dryRun: boolean; actor: string }): Promise<TotalsImportResult> {
      const at = now();
      const file = readLegacyTotals(bytes, countingDay(at, timeZone));
      if (!file.ok) return file;
      const report = await db.transaction().execute(async (trx) => {
        // The counters' lock: reconciliation and other imports wait, so the totals move by exact differences.
        // A dry run writes nothing and holds nothing back.
        if (!options.dryRun) await lockCounters(trx);
        const days = file.days.map((day) => day.day);
        const [stored, imported, totals] = await Promise.all([
          history.legacyDays(trx, days),
          history.importedDays(trx, days),
          history.carriedTotals(trx),
        ]);
        const changes: { before: StoredLegacyDay | undefined; after: StoredLegacyDay }[] = [];
        for (const day of file.days) {
          const before = stored.get(day.day);
          if (before && sameFigures(before, day)) continue;
          changes.push({ before, after: { ...day, carried: carriedOver(day, imported.get(day.day)) } });
        }
        let delta: PeopleFigures = NO_PEOPLE;
        for (const { before, after } of changes) delta = addFigures(addFigures(delta, after.carried), before?.carried ?? NO_PEOPLE, -1);
        const added = changes.filter((change) => !change.before).length;
        const replaced = changes.filter((change) => change.before);
        const result: TotalsImportReport = {
          dryRun: options.dryRun,
          days: file.days.length,
          added,
          replaced: replaced.length,
          unchanged: file.days.length - changes.length,
          replacedDays: replaced.slice(0, 20).map((change) => change.after.day),
          carried: { before: totals.people, after: totals.people + delta.people },
        };
        if (options.dryRun || changes.length === 0) return result;
        await history.saveLegacyDays(
          trx,
          changes.map((change) => change.after),
          at,
        );
        await history.addToCarriedTotals(trx, { ...delta, days: added }, at);
        for (const { before, after } of replaced) {
          await audit.append(trx, {
            at,
            actorId: null,
            actor: options.actor,
            action: 'history.dayReplaced',
            targetType: 'legacy_day',
            targetId: after.day,
            details: { before: figuresOf(before!), after: figuresOf(after) },
          });
        }
        await audit.append(trx, {
          at,
          actorId: null,
          actor: options.actor,
          action: 'history.totalsImported',
          targetType: 'legacy_days',
          targetId: null,
          details: { days: result.days, added, replaced: replaced.length, unchanged: result.unchanged, carried: result.carried },
        });
        return result;
      });
      return { ok: true, report };
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
