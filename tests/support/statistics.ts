// What the statistics API tests share: the answer's shape, and the check that an answer is the
// hand-computed table after small-cell suppression.
import { expect } from 'vitest';

export interface Figure { value: number | null; suppressed: 'primary' | 'secondary' | null; text: string }
export interface Measure { value: number | null; text: string }
export interface Answer {
  rows: Array<{ code: string; label: string }>; columns: Array<{ code: string; label: string }>;
  cells: Figure[][]; rowTotals: Figure[]; columnTotals: Figure[]; total: Figure;
  measure?: { kind: string; unit: string; cells: Measure[][]; rowTotals: Measure[]; columnTotals: Measure[]; total: Measure };
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The answer is the hand-computed table after suppression: same rows and columns; every published
 * figure (cells and totals) is the true count; every count from 1 to k-1 is withheld as primary;
 * a withheld figure carries no value. Gives every figure with its true count and where it is, and
 * how many figures were withheld as secondary.
 */
export function checkSuppressed(answer: Answer, rows: string[], columns: string[], cells: number[][], k: number): { pairs: Array<[Figure, number, string]>; secondary: number } {
  expect(answer.rows.map((r) => r.code)).toEqual(rows);
  expect(answer.columns.map((c) => c.code)).toEqual(columns);
  const pairs: Array<[Figure, number, string]> = [
    ...cells.flatMap((line, i) => line.map((v, j) => [answer.cells[i]![j]!, v, `cell|${rows[i]}|${columns[j]}`] as [Figure, number, string])),
    ...cells.map((line, i) => [answer.rowTotals[i]!, sum(line), `row|${rows[i]}`] as [Figure, number, string]),
    ...columns.map((c, j) => [answer.columnTotals[j]!, sum(cells.map((line) => line[j]!)), `column|${c}`] as [Figure, number, string]),
    [answer.total, sum(cells.flat()), 'total'],
  ];
  let secondary = 0;
  for (const [figure, truth, where] of pairs) {
    if (truth > 0 && truth < k) expect(figure, where).toEqual({ value: null, suppressed: 'primary', text: `<${k}` });
    else if (figure.suppressed === null) expect(figure, where).toEqual({ value: truth, suppressed: null, text: String(truth) });
    else {
      expect(figure, where).toEqual({ value: null, suppressed: 'secondary', text: 'x' });
      secondary += 1;
    }
  }
  return { pairs, secondary };
}

/** As checkSuppressed; gives how many figures were withheld as secondary. */
export const expectSuppressedOf = (answer: Answer, rows: string[], columns: string[], cells: number[][], k = 5): number => checkSuppressed(answer, rows, columns, cells, k).secondary;
