import { scaleBand, scaleLinear } from 'd3-scale';
import { escapeXml } from '../escape-xml.ts';
import { COLORS, assertSafeId, boxesPath, integerTicks, round, segmentsPath, svgOpen, textWidth, type Box } from './svg.ts';

export interface Column {
  /** Unique per bar (the day, month or year). */
  key: string;
  /** Text under the bar when there is room for it. */
  label: string;
  value: number;
}

export interface ColumnChartInput {
  /** Prefix of the ids inside the SVG; unique on the page. */
  id: string;
  title: string;
  /** One or two sentences a screen reader reads for the whole chart. */
  description: string;
  columns: readonly Column[];
  /** Numbers on the value axis, short (1.2万, 12K). */
  formatTick: (value: number) => string;
  /** Label every nth bar, n taken from these (such as 1, 7, 14 for days); any n when not given. */
  tickSteps?: readonly number[];
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 8, bottom: 26, left: 8 };
const MAX_BAR_WIDTH = 40;
const TICK_FONT = 11;

/**
 * A bar per period (days, months or years on x, people on y), as an SVG string.
 * Returns null when there is nothing to draw, so the caller can say so in words.
 */
export function columnChartSvg(input: ColumnChartInput): string | null {
  assertSafeId(input.id);
  const { columns, width = 640, height = 220 } = input;
  const max = Math.max(0, ...columns.map((column) => column.value));
  if (columns.length === 0 || max <= 0) return null;

  const y0 = scaleLinear().domain([0, max]).nice(4);
  const ticks = integerTicks(y0.ticks(4));
  const tickLabels = ticks.map((tick) => input.formatTick(tick));
  const left = MARGIN.left + Math.max(...tickLabels.map((label) => textWidth(label, TICK_FONT))) + 6;
  const baseline = height - MARGIN.bottom;
  const y = y0.range([baseline, MARGIN.top]);
  const x = scaleBand<string>()
    .domain(columns.map((column) => column.key))
    .range([left, width - MARGIN.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const barWidth = Math.min(x.bandwidth(), MAX_BAR_WIDTH);
  const center = (key: string) => (x(key) ?? 0) + x.bandwidth() / 2;

  const boxes: Box[] = [];
  for (const column of columns) {
    if (column.value <= 0) continue;
    const middle = center(column.key);
    // At least one pixel, so a day with one person is not lost next to a day with thousands.
    boxes.push({ x0: middle - barWidth / 2, x1: middle + barWidth / 2, y0: Math.min(y(column.value), baseline - 1), y1: baseline });
  }

  // Label every nth bar so the labels never overlap.
  const labelWidth = Math.max(...columns.map((column) => textWidth(column.label, TICK_FONT))) + 8;
  const room = Math.max(1, Math.floor((width - MARGIN.right - left) / labelWidth));
  const needed = Math.ceil(columns.length / room);
  const step = input.tickSteps?.find((candidate) => candidate >= needed) ?? needed;
  const labelled = columns.filter((_, index) => index % step === 0);

  const grid = segmentsPath(ticks.filter((tick) => tick > 0).map((tick) => [left, y(tick), width - MARGIN.right, y(tick)]));
  const axis = segmentsPath([
    [left, baseline, width - MARGIN.right, baseline],
    ...labelled.map((column): [number, number, number, number] => [center(column.key), baseline, center(column.key), baseline + 4]),
  ]);

  return (
    svgOpen(input.id, width, height, input.title, input.description) +
    (grid ? `<path d="${grid}" stroke="${COLORS.grid}" fill="none"/>` : '') +
    `<path d="${boxesPath(boxes)}" fill="${COLORS.bar}"/>` +
    `<path d="${axis}" stroke="${COLORS.axis}" fill="none"/>` +
    `<g fill="${COLORS.muted}" font-size="${TICK_FONT}" text-anchor="end">` +
    ticks
      .map((tick, index) => `<text x="${round(left - 4)}" y="${round(y(tick) + 4)}">${escapeXml(tickLabels[index] ?? '')}</text>`)
      .join('') +
    '</g>' +
    `<g fill="${COLORS.muted}" font-size="${TICK_FONT}" text-anchor="middle">` +
    labelled.map((column) => `<text x="${round(center(column.key))}" y="${baseline + 16}">${escapeXml(column.label)}</text>`).join('') +
    '</g></svg>'
  );
}
