// CSV of suppressed indicator tables: UTF-8 with a byte-order mark (so spreadsheets read the
// accents), one block per indicator. A text cell a spreadsheet would take for a formula is
// neutralised with a leading apostrophe. Pure.
import type { ReportContent } from './content';
import { tableLines } from './content';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text a spreadsheet will never evaluate: a leading = + - @ tab or CR gets an apostrophe. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: neutralised, quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = neutralise(value);
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(report: ReportContent): Buffer {
  const lines: string[] = [];
  const line = (cells: Array<string | number>) => lines.push(cells.map(csvField).join(','));
  line([report.title]);
  for (const p of report.parameters) line([p.label, p.value]);
  lines.push('');
  for (const answer of report.answers) {
    line([answer.data.name]);
    line([answer.data.counts]);
    for (const row of tableLines(answer, report.labels)) line(row);
    lines.push('');
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
