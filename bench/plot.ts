/**
 * Draws docs/performance-latency.svg from one or more `npm run bench -- --out FILE`
 * results: latency under load (p50 and p99, wrk at 64 connections) of each read
 * scenario against the registry size.
 *
 *   node --import tsx bench/plot.ts results.json [more.json…] > docs/performance-latency.svg
 */
import { readFileSync } from 'node:fs';
import { scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { COLORS, FONT_FAMILY, segmentsPath } from '../src/http/views/charts/svg.ts';
import { escapeXml } from '../src/http/views/escape-xml.ts';

interface Outcome {
  scenario: string;
  posts?: number;
  p50: number;
  p99: number;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node --import tsx bench/plot.ts results.json [more.json…] > latency.svg');
  process.exit(2);
}
const outcomes: Outcome[] = files
  .flatMap((file) => (JSON.parse(readFileSync(file, 'utf8')) as { outcomes: Outcome[] }).outcomes)
  .filter((o) => o.posts);
const SERIES = [
  { scenario: 'counter', label: 'counter JSON', color: '#1f5f99' },
  { scenario: 'home', label: 'home page', color: COLORS.bar },
  { scenario: 'permalink', label: 'permalink (shared links)', color: '#2b7a3d' },
  { scenario: 'permalink-uncached', label: 'permalink (uncached)', color: '#8a6d1c' },
  { scenario: 'statistics', label: 'statistics page', color: '#7a3d8a' },
  { scenario: 'archive-first', label: "archive's first page", color: '#3d8a86' },
  { scenario: 'day-pages', label: 'day pages (all days)', color: '#b5452b' },
  { scenario: 'search', label: 'search (distinct)', color: '#555555' },
  { scenario: 'archive-deep', label: 'archive, deep cursors', color: '#c28a00' },
].filter((series) => outcomes.some((o) => o.scenario === series.scenario));

const width = 760;
const height = 420;
const margin = { top: 40, right: 230, bottom: 50, left: 60 };
const sizes = [...new Set(outcomes.map((o) => o.posts!))].sort((a, b) => a - b);
const x = scaleLog()
  .domain([Math.min(...sizes), Math.max(...sizes) * 1.0001])
  .range([margin.left, width - margin.right]);
// Log scale: prepared pages answer in a millisecond or two, pages rendered per request in hundreds.
const y = scaleLog()
  .domain([Math.min(1, ...outcomes.map((o) => o.p50)), Math.max(10, ...outcomes.map((o) => o.p99)) * 1.1])
  .nice()
  .range([height - margin.bottom, margin.top]);
const path = line<[number, number]>().digits(1);
const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

const parts: string[] = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="${FONT_FAMILY}" font-size="12">`,
  `<title>Latency under load against registry size</title>`,
  `<rect width="${width}" height="${height}" fill="#fff"/>`,
  `<text x="${margin.left}" y="22" font-size="14" fill="${COLORS.text}">Latency at 64 connections (ms, log scale): p99 solid, p50 dashed</text>`,
];
const ticks = y.ticks(4).filter((t) => [1, 2, 5].includes(Number(t.toPrecision(1)[0])));
parts.push(`<path d="${segmentsPath(ticks.map((t) => [margin.left, y(t), width - margin.right, y(t)]))}" stroke="${COLORS.grid}"/>`);
for (const t of ticks) parts.push(`<text x="${margin.left - 8}" y="${y(t) + 4}" text-anchor="end" fill="${COLORS.muted}">${t}</text>`);
for (const n of sizes) {
  parts.push(`<text x="${x(n)}" y="${height - margin.bottom + 18}" text-anchor="middle" fill="${COLORS.muted}">${sizeLabel(n)}</text>`);
}
parts.push(
  `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle" fill="${COLORS.text}">posts in the registry (log scale)</text>`,
);
parts.push(
  `<path d="${segmentsPath([
    [margin.left, height - margin.bottom, width - margin.right, height - margin.bottom],
    [margin.left, margin.top, margin.left, height - margin.bottom],
  ])}" stroke="${COLORS.axis}"/>`,
);

SERIES.forEach((series, i) => {
  const points = outcomes.filter((o) => o.scenario === series.scenario).sort((a, b) => a.posts! - b.posts!);
  for (const [key, dash] of [
    ['p99', ''],
    ['p50', ' stroke-dasharray="5 4"'],
  ] as const) {
    const d = path(points.map((o) => [x(o.posts!), y(o[key])]));
    parts.push(`<path d="${d}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    for (const o of points)
      parts.push(`<circle cx="${x(o.posts!).toFixed(1)}" cy="${y(o[key]).toFixed(1)}" r="3" fill="${series.color}"/>`);
  }
  const ly = margin.top + 10 + i * 22;
  parts.push(`<path d="M${width - margin.right + 20},${ly}h24" stroke="${series.color}" stroke-width="2"/>`);
  parts.push(`<text x="${width - margin.right + 50}" y="${ly + 4}" fill="${COLORS.text}">${escapeXml(series.label)}</text>`);
});
parts.push('</svg>');
process.stdout.write(`${parts.join('\n')}\n`);
