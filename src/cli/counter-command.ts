import { createServices } from '../composition.ts';
import { UsageError, type Command } from './command.ts';

export const counterCommand: Command = {
  usage: `tuidang counter reconcile

Recomputes the totals, the daily figures and the breakdowns by region,
channel and center from the published declarations, and what each day
carries over from the previous registry's totals (docs/history.md), compares
them with the stored counters, repairs any difference and writes the outcome
to the audit log. Status changes wait while it runs. The service also runs it nightly.
Exits 0 whether or not it repaired anything; the output says which.`,
  async run(args, { config, io }) {
    if (args[0] !== 'reconcile' || args.length > 1) throw new UsageError('usage: tuidang counter reconcile');
    const { services, close } = await createServices(config);
    try {
      const report = await services.counter.reconcile('cli');
      const { carried } = report;
      if (!report.drift) {
        io.out(`Counters agree with the statements: ${report.totals.recomputed} people.`);
        io.out(`Carried over agrees with the legacy day totals: ${carried.totals.recomputed} people.`);
        io.out(`Total: ${report.totals.recomputed + carried.totals.recomputed} people.`);
        return 0;
      }
      const list = (days: string[]) => `${days.slice(0, 20).join(', ')}${days.length > 20 ? ', …' : ''}`;
      if (report.daysDiffering.length > 0 || report.breakdownRowsDiffering > 0 || report.totals.stored !== report.totals.recomputed) {
        io.out(
          `Drift repaired: stored total ${report.totals.stored}, recomputed ${report.totals.recomputed}; ` +
            `${report.daysDiffering.length} day(s) and ${report.breakdownRowsDiffering} breakdown row(s) differed.`,
        );
        if (report.daysDiffering.length > 0) io.out(`Days: ${list(report.daysDiffering)}`);
      } else io.out(`Counters agree with the statements: ${report.totals.recomputed} people.`);
      if (carried.drift) {
        io.out(
          `Carried over repaired: stored ${carried.totals.stored}, recomputed ${carried.totals.recomputed}; ` +
            `${carried.daysDiffering.length} day(s) differed.`,
        );
        if (carried.daysDiffering.length > 0) io.out(`Days: ${list(carried.daysDiffering)}`);
        if (carried.importedDaysDiffering.length > 0) io.out(`Imported people differed on: ${list(carried.importedDaysDiffering)}`);
      } else io.out(`Carried over agrees with the legacy day totals: ${carried.totals.recomputed} people.`);
      io.out(`Total: ${report.totals.recomputed + carried.totals.recomputed} people.`);
      return 0;
    } finally {
      await close();
    }
  },
};
