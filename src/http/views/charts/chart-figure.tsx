import { raw } from 'hono/html';

interface ChartTable {
  /** Header of the label column and of the figure column. */
  columns: readonly [string, string];
  rows: readonly (readonly [string, string])[];
}

export interface ChartFigureProps {
  /** The SVG from columnChartSvg or barListChartSvg; null when there was nothing to draw. */
  svg: string | null;
  /** Said in words instead of an empty chart. */
  empty: string;
  /** The disclosure that holds the same figures as a table (for screen readers and copy-paste). */
  tableLabel: string;
  table: ChartTable;
  /** A chart over time: on a phone it opens scrolled to its right end, the latest periods. */
  latestFirst?: boolean;
}

/**
 * A chart and, right after it, its figures as a table. The SVG is built from
 * escaped text by the chart functions, so it is inserted as it is.
 */
export function ChartFigure({ svg, empty, tableLabel, table, latestFirst }: ChartFigureProps) {
  if (svg === null) return <p class="hint no-data">{empty}</p>;
  return (
    <>
      {/* At its drawn size on a phone, scrolled sideways, so its labels never shrink below legibility; focusable to scroll by keyboard. */}
      <div class={latestFirst ? 'chart latest' : 'chart'} tabindex={0}>
        {raw(svg)}
      </div>
      <details>
        <summary>{tableLabel}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{table.columns[0]}</th>
              <th scope="col">{table.columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map(([label, value]) => (
              <tr>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
