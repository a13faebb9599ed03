import { scaleLinear } from 'd3-scale';
import { escapeXml } from '../escape-xml.ts';
import { COLORS, assertSafeId, boxesPath, integerTicks, round, segmentsPath, svgOpen, textWidth, type Box } from './svg.ts';

export interface Bar {
  label: string;
  value: number;
}

export interface BarListChartInput {
  /** Prefix of the ids inside the SVG; unique on the page. */
  id: string;
  title: string;
  /** One or two sentences a screen reader reads for the whole chart. */
  description: string;
  /** In the order to draw, top first. */
  bars: readonly Bar[];
  /** The figure written at the end of each bar, in full (1,234). */
  formatValue: (value: number) => string;
  /** Numbers on the value axis, short (1.2万, 12K). */
  formatTick: (value: number) => string;
  width?: number;
}

const ROW = 26;
const BAR = 16;
const FONT = 12;
const TICK_FONT = 11;
const MARGIN = { top: 6, right: 8, bottom: 24, left: 4 };
/** Category labels beyond this are cut short with an ellipsis; the table keeps them whole. */
const MAX_LABEL_WIDTH = 200;

function fit(label: string): string {
  if (textWidth(label, FONT) <= MAX_LABEL_WIDTH) return label;
  let cut = '';
  for (const char of label) {
    if (textWidth(`${cut}${char}…`, FONT) > MAX_LABEL_WIDTH) break;
    cut += char;
  }
  return `${cut}…`;
}

/**
 * A horizontal bar per category (top-N regions, channels, organisations), as an
 * SVG string, with each bar's figure at its end. Returns null when there is
 * nothing to draw, so the caller can say so in words.
 */
export function barListChartSvg(input: BarListChartInput): string | null {
  assertSafeId(input.id);
  const { bars, width = 640 } = input;
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  if (bars.length === 0 || max <= 0) return null;

  const labels = bars.map((bar) => fit(bar.label));
  const values = bars.map((bar) => input.formatValue(bar.value));
  const left = MARGIN.left + Math.max(...labels.map((label) => textWidth(label, FONT))) + 10;
  const valueRoom = Math.max(...values.map((value) => textWidth(value, FONT))) + 8;
  const height = MARGIN.top + bars.length * ROW + MARGIN.bottom;
  const baseline = MARGIN.top + bars.length * ROW;
  const x = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([left, width - MARGIN.right - valueRoom]);
  const ticks = integerTicks(x.ticks(4));

  const rowTop = (index: number) => MARGIN.top + index * ROW + (ROW - BAR) / 2;
  const boxes: Box[] = bars.flatMap((bar, index) =>
    bar.value > 0 ? [{ x0: left, x1: Math.max(x(bar.value), left + 1), y0: rowTop(index), y1: rowTop(index) + BAR }] : [],
  );
  const grid = segmentsPath(ticks.filter((tick) => tick > 0).map((tick) => [x(tick), MARGIN.top, x(tick), baseline]));
  const axis = segmentsPath([
    [left, MARGIN.top, left, baseline],
    [left, baseline, x(ticks.at(-1) ?? max), baseline],
    ...ticks.map((tick): [number, number, number, number] => [x(tick), baseline, x(tick), baseline + 4]),
  ]);
  const textY = (index: number) => round(rowTop(index) + BAR / 2 + FONT * 0.35);

  return (
    svgOpen(input.id, width, height, input.title, input.description) +
    (grid ? `<path d="${grid}" stroke="${COLORS.grid}" fill="none"/>` : '') +
    `<path d="${boxesPath(boxes)}" fill="${COLORS.bar}"/>` +
    `<path d="${axis}" stroke="${COLORS.axis}" fill="none"/>` +
    `<g fill="${COLORS.text}" text-anchor="end">` +
    labels.map((label, index) => `<text x="${round(left - 6)}" y="${textY(index)}">${escapeXml(label)}</text>`).join('') +
    '</g>' +
    `<g fill="${COLORS.text}">` +
    bars
      .map(
        (bar, index) => `<text x="${round(Math.max(x(bar.value), left) + 4)}" y="${textY(index)}">${escapeXml(values[index] ?? '')}</text>`,
      )
      .join('') +
    '</g>' +
    `<g fill="${COLORS.muted}" font-size="${TICK_FONT}" text-anchor="middle">` +
    ticks.map((tick) => `<text x="${round(x(tick))}" y="${baseline + 16}">${escapeXml(input.formatTick(tick))}</text>`).join('') +
    '</g></svg>'
  );
}
