import { zoneName } from '../../../../i18n/zoned-time.ts';
import type { VolunteerTally } from '../../../../services/batch/tallies.ts';
import { ConsoleLayout } from '../../views/console-layout.tsx';
import { batchMessages } from '../messages.ts';
import type { ConsolePage } from './page.ts';

/** Each staff member's counted entries this month and in all, with the totals; the center's column for every center. */
export function CenterTalliesPage({
  page,
  rows,
  everyCenter,
  timeZone,
}: {
  page: ConsolePage;
  rows: readonly VolunteerTally[];
  everyCenter: boolean;
  timeZone: string;
}) {
  const s = batchMessages(page.locale).centerStatistics;
  const number = new Intl.NumberFormat(page.t.lang);
  const sum = (pick: (row: VolunteerTally) => number) => number.format(rows.reduce((total, row) => total + pick(row), 0));
  return (
    <ConsoleLayout {...page} title={s.title}>
      <p>{s.intro(zoneName(page.t, timeZone))}</p>
      {rows.length === 0 ? (
        <p id="no-tallies">{s.empty}</p>
      ) : (
        <table id="center-tallies" tabindex={0} aria-label={s.title}>
          <thead>
            <tr>
              <th scope="col" rowspan={2}>
                {s.name}
              </th>
              {everyCenter && (
                <th scope="col" rowspan={2}>
                  {s.center}
                </th>
              )}
              <th scope="colgroup" colspan={2}>
                {s.thisMonth}
              </th>
              <th scope="colgroup" colspan={2}>
                {s.allTime}
              </th>
            </tr>
            <tr>
              <th scope="col">{s.declarations}</th>
              <th scope="col">{s.people}</th>
              <th scope="col">{s.declarations}</th>
              <th scope="col">{s.people}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-staff-id={row.staffId}>
                <th scope="row">{row.name}</th>
                {everyCenter && <td>{row.centerName ?? '—'}</td>}
                <td>{number.format(row.thisMonth.declarations)}</td>
                <td>{number.format(row.thisMonth.people)}</td>
                <td>{number.format(row.allTime.declarations)}</td>
                <td>{number.format(row.allTime.people)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{s.total}</th>
              {everyCenter && <td />}
              <td>{sum((row) => row.thisMonth.declarations)}</td>
              <td>{sum((row) => row.thisMonth.people)}</td>
              <td>{sum((row) => row.allTime.declarations)}</td>
              <td>{sum((row) => row.allTime.people)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </ConsoleLayout>
  );
}
