/**
 * Bar charts for report drafts: drawn as SVG here, rasterised to PNG by resvg
 * with the font bundled in resources/report/fonts, so a chart looks the same
 * on every machine. Horizontal bars (long Dutch labels read well), stacked or
 * grouped, the value on every segment and the total at the end of each bar.
 */
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { resourcesDir } from '../app-paths';
import type { BarChart } from '../../shared/report-model';
import { formatNumberNl, formatPercentNl } from '../../shared/survey';
import { BAR_OUTLINE, CATEGORICAL_COLORS } from './palette';

/** Chart width in SVG units (= pixels of the PNG). At 16 cm wide that is 254 dpi. */
export const CHART_WIDTH = 1600;
const FONT_FAMILY = 'Liberation Sans';
const FONT_SIZE = 30;
const LINE_HEIGHT = 36;
const BAR_HEIGHT = 46;
const ROW_GAP = 30;
const MARGIN = 24;
const LEGEND_HEIGHT = 70;
const AXIS_HEIGHT = 100;
const TEXT_COLOR = '#1f2933';
const GRID_COLOR = '#d9dee4';
const MUTED_COLOR = '#5f6b7a';
const FALLBACK = CATEGORICAL_COLORS;

/** The bundled font files (regular, bold); outside an asar archive so the native renderer can read them. */
export function chartFontFiles(): string[] {
  const dir = join(resourcesDir(), 'report', 'fonts');
  const unpacked = dir.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
  const base = existsSync(unpacked) ? unpacked : dir;
  return ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'].map((file) => join(base, file));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);
}

/** Rough width of text in the chart font (Liberation Sans averages about 0.52 em per character). */
function textWidth(text: string, size = FONT_SIZE): number {
  let width = 0;
  for (const char of text) width += /[iIl.,:;'|!]/.test(char) ? 0.28 : /[mwMW]/.test(char) ? 0.82 : /[A-Z]/.test(char) ? 0.66 : 0.52;
  return width * size;
}

/** Break a label into at most `maxLines` lines of at most `maxWidth`, with an ellipsis when cut. */
export function wrapLabel(label: string, maxWidth: number, maxLines = 3): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (textWidth(candidate) <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && textWidth(`${last}…`) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** A round axis maximum and its tick step for values up to `max`. */
export function niceScale(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const integerStep = Math.max(1, Math.ceil(step));
  return { max: Math.ceil(max / integerStep) * integerStep, step: integerStep };
}

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

/** A value as the chart writes it, in Dutch notation: 1.523; 59,3%; 6,0. */
export function chartValue(value: number, format: BarChart['format'] = 'count'): string {
  if (format === 'percent') return formatPercentNl(value, 1);
  if (format === 'decimal') return formatNumberNl(value, 1);
  return formatNumberNl(value, 0);
}

/** An axis tick: whole numbers, a percent sign on percentage axes. */
function tickLabel(tick: number, format: BarChart['format']): string {
  return format === 'percent' ? `${formatNumberNl(tick, 0)}%` : formatNumberNl(tick, Number.isInteger(tick) ? 0 : 1);
}

export function barChartSvg(chart: BarChart): ChartSvg {
  const series = chart.series.map((one, index) => ({ ...one, color: one.color ?? FALLBACK[index % FALLBACK.length]! }));
  const format = chart.format ?? 'count';
  const noteOf = (index: number) => chart.notes?.[index] ?? null;
  const labelWidth = Math.min(CHART_WIDTH * 0.4, Math.max(...chart.categories.map((category) => textWidth(category)), 120) + 10);
  const labels = chart.categories.map((category) => wrapLabel(category, labelWidth));
  const totals = chart.categories.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0));
  const endTexts = chart.categories.map((_, index) =>
    noteOf(index) !== null ? null : chart.stacked ? (chart.endLabels ? (chart.endLabels[index] ?? null) : chartValue(totals[index]!, format)) : null,
  );
  const valueTexts = series.flatMap((one) => one.values.map((value) => chartValue(value, format)));
  // Room on the right for the longest text at the end of a bar.
  const rightRoom = Math.max(90, ...endTexts.map((text) => (text ? textWidth(text) + 24 : 0)), ...(chart.stacked ? [] : valueTexts.map((text) => textWidth(text, FONT_SIZE - 6) + 24)));
  const plotLeft = MARGIN + labelWidth + 24;
  const plotRight = CHART_WIDTH - MARGIN - rightRoom;
  const plotWidth = plotRight - plotLeft;
  const peak = chart.stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((one) => one.values));
  // A fixed maximum holds unless a value really exceeds it (percentages that add up to 100.00000000001 do not).
  const scale = chart.axisMax !== undefined && peak <= chart.axisMax * (1 + 1e-9) ? { max: chart.axisMax, step: niceScale(chart.axisMax).step } : niceScale(peak);
  const x = (value: number) => plotLeft + (Math.min(value, scale.max) / scale.max) * plotWidth;

  // Legend: wrapped over as many lines as it needs.
  const showLegend = chart.legend !== false && series.length > 0;
  const legendItems: Array<{ x: number; line: number; name: string; color: string }> = [];
  if (showLegend) {
    let legendX = plotLeft;
    let line = 0;
    for (const one of series) {
      const width = 38 + textWidth(one.name) + 48;
      if (legendX > plotLeft && legendX + width - 48 > CHART_WIDTH - MARGIN) {
        line += 1;
        legendX = plotLeft;
      }
      legendItems.push({ x: legendX, line, name: one.name, color: one.color });
      legendX += width;
    }
  }
  const legendLines = showLegend ? Math.max(...legendItems.map((item) => item.line)) + 1 : 0;
  const legendHeight = showLegend ? LEGEND_HEIGHT + (legendLines - 1) * 44 : 20;

  const barBlock = chart.stacked ? BAR_HEIGHT : Math.max(BAR_HEIGHT, series.length * 30);
  const rowHeights = labels.map((lines) => Math.max(barBlock, lines.length * LINE_HEIGHT) + ROW_GAP);
  const plotTop = MARGIN + legendHeight;
  const plotHeight = rowHeights.reduce((sum, height) => sum + height, 0);
  const height = plotTop + plotHeight + AXIS_HEIGHT;

  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`);

  for (const item of legendItems) {
    const top = MARGIN + 8 + item.line * 44;
    parts.push(`<rect x="${item.x}" y="${top}" width="28" height="28" rx="3" fill="${item.color}" stroke="${BAR_OUTLINE}" stroke-width="1"/>`);
    parts.push(`<text x="${item.x + 38}" y="${top + 24}" font-size="${FONT_SIZE}" fill="${TEXT_COLOR}">${escapeXml(item.name)}</text>`);
  }

  // Grid and ticks
  for (let tick = 0; tick <= scale.max + 1e-9; tick += scale.step) {
    const tickX = x(tick);
    parts.push(`<line x1="${tickX}" y1="${plotTop - 8}" x2="${tickX}" y2="${plotTop + plotHeight}" stroke="${GRID_COLOR}" stroke-width="${tick === 0 ? 3 : 2}"/>`);
    parts.push(`<text x="${tickX}" y="${plotTop + plotHeight + 38}" font-size="${FONT_SIZE - 4}" fill="${TEXT_COLOR}" text-anchor="middle">${escapeXml(tickLabel(tick, format))}</text>`);
  }
  parts.push(
    `<text x="${plotLeft + plotWidth / 2}" y="${plotTop + plotHeight + 82}" font-size="${FONT_SIZE - 2}" fill="${TEXT_COLOR}" text-anchor="middle">${escapeXml(chart.valueLabel)}</text>`,
  );

  // Bars
  let rowTop = plotTop;
  chart.categories.forEach((_, index) => {
    const rowHeight = rowHeights[index]!;
    const middle = rowTop + (rowHeight - ROW_GAP) / 2 + ROW_GAP / 2;
    const lines = labels[index]!;
    lines.forEach((line, lineIndex) => {
      const lineY = middle - ((lines.length - 1) * LINE_HEIGHT) / 2 + lineIndex * LINE_HEIGHT + FONT_SIZE * 0.35;
      parts.push(`<text x="${plotLeft - 18}" y="${lineY}" font-size="${FONT_SIZE}" fill="${TEXT_COLOR}" text-anchor="end">${escapeXml(line)}</text>`);
    });
    const note = noteOf(index);
    if (note !== null) {
      // No bar: a suppressed group shows its note ("n < 10") where the bar would be.
      parts.push(`<text x="${plotLeft + 16}" y="${middle + FONT_SIZE * 0.35}" font-size="${FONT_SIZE}" font-style="italic" fill="${MUTED_COLOR}">${escapeXml(note)}</text>`);
    } else if (chart.stacked) {
      let start = 0;
      const barTop = middle - BAR_HEIGHT / 2;
      for (const one of series) {
        const value = one.values[index] ?? 0;
        if (value <= 0) continue;
        const left = x(start);
        const width = x(start + value) - left;
        parts.push(`<rect x="${left}" y="${barTop}" width="${width}" height="${BAR_HEIGHT}" fill="${one.color}" stroke="${BAR_OUTLINE}" stroke-width="1"/>`);
        const label = chartValue(value, format);
        if (width >= textWidth(label, FONT_SIZE - 4) + 14) {
          parts.push(
            `<text x="${left + width / 2}" y="${middle + (FONT_SIZE - 4) * 0.35}" font-size="${FONT_SIZE - 4}" fill="${contrastText(one.color)}" text-anchor="middle">${escapeXml(label)}</text>`,
          );
        }
        start += value;
      }
      const end = endTexts[index];
      if (end) {
        parts.push(`<text x="${x(start) + 12}" y="${middle + FONT_SIZE * 0.35}" font-size="${FONT_SIZE}" font-weight="bold" fill="${TEXT_COLOR}">${escapeXml(end)}</text>`);
      }
    } else {
      const each = barBlock / series.length;
      series.forEach((one, seriesIndex) => {
        const value = one.values[index] ?? 0;
        const barTop = middle - barBlock / 2 + seriesIndex * each;
        const width = x(value) - plotLeft;
        if (value > 0) parts.push(`<rect x="${plotLeft}" y="${barTop + 2}" width="${width}" height="${each - 4}" fill="${one.color}" stroke="${BAR_OUTLINE}" stroke-width="1"/>`);
        parts.push(
          `<text x="${plotLeft + width + 10}" y="${barTop + each / 2 + (FONT_SIZE - 6) * 0.35}" font-size="${FONT_SIZE - 6}" fill="${TEXT_COLOR}">${escapeXml(chartValue(value, format))}</text>`,
        );
      });
    }
    rowTop += rowHeight;
  });

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT_FAMILY}">${parts.join('')}</svg>`;
  return { svg, width: CHART_WIDTH, height };
}

/** White text on dark fills, dark text on light ones. */
function contrastText(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? TEXT_COLOR : '#ffffff';
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

export function renderChartPng(chart: BarChart): ChartImage {
  const { svg, width, height } = barChartSvg(chart);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false, fontFiles: chartFontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    background: '#ffffff',
  });
  return { png: resvg.render().asPng(), width, height };
}
