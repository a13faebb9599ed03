import type { Locale } from '../../../../i18n/index.ts';
import { fullCount } from '../../../../domain/counter/format-count.ts';
import type { HistoryMessages } from '../history-messages.ts';

export interface PartsRow {
  label: string;
  inRegistry: number;
  carriedOver: number;
}

/** A table of the total's two parts (docs/history.md), a row per day, month or year. */
export function PartsTable(props: {
  id: string;
  heading: string;
  column: string;
  rows: readonly PartsRow[];
  locale: Locale;
  h: HistoryMessages;
}) {
  const { h, locale } = props;
  const count = (value: number) => fullCount(value, locale);
  return (
    <section class="counter" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      <table id={props.id}>
        <thead>
          <tr>
            <th scope="col">{props.column}</th>
            <th scope="col">{h.parts.inRegistry}</th>
            <th scope="col">{h.parts.carriedOver}</th>
            <th scope="col">{h.parts.total}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <td>{count(row.inRegistry)}</td>
              <td>{count(row.carriedOver)}</td>
              <td>{count(row.inRegistry + row.carriedOver)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
