import { catalogFor, type Locale } from '../../../../i18n/index.ts';
import type { MyTallies as MyTalliesValue } from '../../../../services/batch/tallies.ts';
import { batchMessages } from '../messages.ts';

/**
 * A volunteer's own counted entries (waiting or published): today, this month and in all,
 * declarations and people, and how many still wait for an editor. For the console home page.
 */
export function MyTallies({ tallies, locale }: { tallies: MyTalliesValue; locale: Locale }) {
  const m = batchMessages(locale).tallies;
  const number = new Intl.NumberFormat(catalogFor(locale).lang);
  const periods = [
    ['today', m.today, tallies.today],
    ['month', m.thisMonth, tallies.thisMonth],
    ['all', m.allTime, tallies.allTime],
  ] as const;
  return (
    <section id="my-tallies" aria-labelledby="my-tallies-heading">
      <h2 id="my-tallies-heading">{m.heading}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.period}</th>
            <th scope="col">{m.declarations}</th>
            <th scope="col">{m.people}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map(([key, label, tally]) => (
            <tr data-period={key}>
              <th scope="row">{label}</th>
              <td>{number.format(tally.declarations)}</td>
              <td>{number.format(tally.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p id="my-pending">{m.pending(tallies.pending)}</p>
    </section>
  );
}
