// The results table: figure, ratio to its reference, target and PASS/MISS.
import type { Figure } from './types.js';

function formatValue(figure: Figure): string {
  const digits = figure.value >= 100 ? 0 : figure.value >= 10 ? 1 : 2;
  return `${figure.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${figure.unit}`;
}

function formatRatio(figure: Figure): string {
  return figure.ratio === undefined ? '' : `${(figure.ratio.value * 100).toFixed(0)}% of ${figure.ratio.of}`;
}

function formatTarget(figure: Figure): string {
  return figure.target === undefined ? '' : `${figure.target.text}  ${figure.target.pass ? 'PASS' : 'MISS'}`;
}

export function formatTable(figures: readonly Figure[]): string[] {
  const header = ['measurement', 'figure', 'ratio', 'target'];
  const rows = figures.map((figure) => [figure.label, formatValue(figure), formatRatio(figure), formatTarget(figure)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) =>
    (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')];
  for (const row of rows) lines.push(line(row));
  const details = figures.filter((figure) => figure.detail !== undefined);
  if (details.length > 0) {
    lines.push('');
    for (const figure of details) lines.push(`${figure.label.trim()}: ${figure.detail}`);
  }
  return lines;
}
