// What one report holds, whatever its format: suppressed indicator answers (from the tables
// service, never raw counts), the parameters they were asked with, and the hash of their data.
// Pure: the formats (csv.ts, xlsx.ts, pdf.ts) draw from this alone.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@pett/audit/dist/server/chain/canonical-json';
import type { IndicatorAnswer } from '../services/tables';

export interface ReportContent {
  title: string;
  /** Parameters in words, in order (period, province, profile, k, ...). */
  parameters: Array<{ label: string; value: string }>;
  k: number;
  profile: string;
  generatedAt: Date;
  answers: IndicatorAnswer[];
  dataHash: string;
  labels: ReportLabels;
}

/** The words a report prints around its tables (Spanish for the office; English when asked). */
export interface ReportLabels { total: string; measure: string; suppressedNote: string; generatedAt: string; dataHash: string; notes: string; definition: string; source: string; parameter: string; value: string; noData: string; page: string }

export const LABELS: Record<'es' | 'en', ReportLabels> = {
  es: {
    total: 'Total', measure: 'Medida', suppressedNote: 'Las cifras menores que k se muestran como «<k»; «x» marca una cifra retenida para que no pueda deducirse otra (supresión secundaria). Una cifra retenida nunca es cero.',
    generatedAt: 'Generado', dataHash: 'Huella de los datos (SHA-256)', notes: 'Notas', definition: 'Qué se cuenta', source: 'Fuente', parameter: 'Parámetro', value: 'Valor', noData: 'Sin datos en el periodo.', page: 'Página',
  },
  en: {
    total: 'Total', measure: 'Measure', suppressedNote: 'Figures below k are shown as «<k»; «x» marks a figure withheld so that another cannot be worked out (secondary suppression). A withheld figure is never zero.',
    generatedAt: 'Generated', dataHash: 'Data fingerprint (SHA-256)', notes: 'Notes', definition: 'What is counted', source: 'Source', parameter: 'Parameter', value: 'Value', noData: 'No data in the period.', page: 'Page',
  },
};

/** SHA-256 of the canonical JSON of the suppressed data: the same figures give the same hash. */
export function dataHashOf(answers: IndicatorAnswer[]): string {
  const data = answers.map((a) => ({ data: a.data, k: a.meta.k, profile: a.meta.profile, scope: a.meta.scope }));
  return createHash('sha256').update(canonicalJson(JSON.parse(JSON.stringify(data))), 'utf8').digest('hex');
}

/** A suppressed figure as printed: its published value, or its text (`<5`, `x`), never 0 for a withheld one. */
export const printed = (figure: { value: number | null; text: string }): string => figure.text;

/** The table as lines of text: header, one line per row with its total, the totals line; then the measure, if any. */
export function tableLines(answer: IndicatorAnswer, labels: ReportLabels): string[][] {
  const { data, meta } = answer;
  const corner = `${meta.dimensions.rows.name} / ${meta.dimensions.columns.name}`;
  const lines: string[][] = [[corner, ...data.columns.map((c) => c.label), labels.total]];
  data.rows.forEach((row, i) => lines.push([row.label, ...data.cells[i]!.map(printed), printed(data.rowTotals[i]!)]));
  lines.push([labels.total, ...data.columnTotals.map(printed), printed(data.total)]);
  if (data.measure) {
    lines.push([`${labels.measure}: ${data.measure.unit}`]);
    data.rows.forEach((row, i) => lines.push([row.label, ...data.measure!.cells[i]!.map((m) => m.text), data.measure!.rowTotals[i]!.text]));
    lines.push([labels.total, ...data.measure.columnTotals.map((m) => m.text), data.measure.total.text]);
  }
  return lines;
}
