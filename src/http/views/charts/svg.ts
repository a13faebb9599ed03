import { curveLinearClosed, line } from 'd3-shape';
import { escapeXml } from '../escape-xml.ts';

/**
 * Shared pieces of the server-rendered charts. Everything is inline SVG with
 * presentation attributes (the CSP allows no style attributes and no script),
 * system fonts only, and no reference to anything outside the document.
 */

export const COLORS = {
  bar: '#8a1c1c',
  text: '#1d232a',
  muted: '#555d66',
  axis: '#8b8478',
  grid: '#e2ddd3',
} as const;

export const FONT_FAMILY = 'system-ui,sans-serif';

/** Coordinates to one decimal: enough for a screen, and keeps the markup small. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

// One closed outline per box, drawn by d3-shape with one decimal.
const outline = line<[number, number]>().curve(curveLinearClosed).digits(1);

/** Every bar of a chart as one path: far smaller than a rect per bar. */
export function boxesPath(boxes: readonly Box[]): string {
  return boxes
    .map(({ x0, y0, x1, y1 }) =>
      outline([
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ]),
    )
    .join('');
}

/** Straight segments (axes, ticks, grid lines) as one path. */
export function segmentsPath(segments: readonly [number, number, number, number][]): string {
  return segments.map(([x0, y0, x1, y1]) => `M${round(x0)},${round(y0)}L${round(x1)},${round(y1)}`).join('');
}

/** A rough width of a label in system fonts: CJK characters are square, Latin ones about 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? fontSize : fontSize * 0.6;
  return width;
}

/** Tick values of a linear scale that are whole people. */
export function integerTicks(ticks: readonly number[]): number[] {
  return ticks.filter((tick) => Number.isInteger(tick));
}

/** The opening of an accessible chart: role="img", named by its title and described by a summary. */
export function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" ` +
    `font-family="${FONT_FAMILY}" font-size="12">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
  );
}

/** Ids become attribute values and fragment targets: keep them to safe characters. */
export function assertSafeId(id: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`chart id must be lowercase letters, digits and dashes: ${id}`);
}
