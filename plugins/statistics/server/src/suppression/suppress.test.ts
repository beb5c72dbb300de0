import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { figureText, suppressTable, SUPPRESSION_PROFILES, type CountTable, type SuppressedTable } from './suppress';

/**
 * An independent judge: which withheld figures do the published ones determine? Solved as linear
 * algebra over the rationals (exact), not with the graph argument the module uses. Unknowns: the
 * withheld cells and totals; equations: each row and column sums to its total, the totals to the
 * grand total. An unknown is determined when its unit vector lies in the row space of the system.
 */
function determinedByPublished(out: SuppressedTable): string[] {
  const r = out.rows.length;
  const c = out.columns.length;
  // Variables: cell (i,j) -> i*c+j, row total i -> r*c+i, column total j -> r*c+r+j, grand -> r*c+r+c.
  const published = new Map<number, number>();
  const names: string[] = [];
  const add = (index: number, name: string, figure: { value: number | null }) => {
    names[index] = name;
    if (figure.value !== null) published.set(index, figure.value);
  };
  out.cells.forEach((line, i) => line.forEach((f, j) => add(i * c + j, `cell ${i},${j}`, f)));
  out.rowTotals.forEach((f, i) => add(r * c + i, `row total ${i}`, f));
  out.columnTotals.forEach((f, j) => add(r * c + r + j, `column total ${j}`, f));
  add(r * c + r + c, 'grand total', out.total);
  const size = r * c + r + c + 1;
  const equations: number[][] = [];
  for (let i = 0; i < r; i += 1) {
    const e = new Array<number>(size).fill(0);
    for (let j = 0; j < c; j += 1) e[i * c + j] = 1;
    e[r * c + i] = -1;
    equations.push(e);
  }
  for (let j = 0; j < c; j += 1) {
    const e = new Array<number>(size).fill(0);
    for (let i = 0; i < r; i += 1) e[i * c + j] = 1;
    e[r * c + r + j] = -1;
    equations.push(e);
  }
  const grandRows = new Array<number>(size).fill(0);
  for (let i = 0; i < r; i += 1) grandRows[r * c + i] = 1;
  grandRows[size - 1] = -1;
  const grandColumns = new Array<number>(size).fill(0);
  for (let j = 0; j < c; j += 1) grandColumns[r * c + r + j] = 1;
  grandColumns[size - 1] = -1;
  equations.push(grandRows, grandColumns);

  const unknowns = [...Array(size).keys()].filter((v) => !published.has(v));
  // Exact elimination with BigInt fractions, on the unknowns' columns only.
  type Q = [bigint, bigint];
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const norm = ([n, d]: Q): Q => {
    if (n === 0n) return [0n, 1n];
    const g = gcd(n, d) * (d < 0n ? -1n : 1n);
    return [n / g, d / g];
  };
  const sub = (a: Q, b: Q): Q => norm([a[0] * b[1] - b[0] * a[1], a[1] * b[1]]);
  const mul = (a: Q, b: Q): Q => norm([a[0] * b[0], a[1] * b[1]]);
  const div = (a: Q, b: Q): Q => norm([a[0] * b[1], a[1] * b[0]]);
  const matrix: Q[][] = equations.map((e) => unknowns.map((v) => [BigInt(e[v]!), 1n] as Q));
  const pivots: Array<{ row: Q[]; column: number }> = [];
  for (const original of matrix) {
    const row = [...original];
    for (const p of pivots) {
      const factor = row[p.column]!;
      if (factor[0] !== 0n) for (let x = 0; x < row.length; x += 1) row[x] = sub(row[x]!, mul(factor, p.row[x]!));
    }
    const column = row.findIndex((q) => q[0] !== 0n);
    if (column === -1) continue;
    const lead = row[column]!;
    for (let x = 0; x < row.length; x += 1) row[x] = div(row[x]!, lead);
    for (const p of pivots) {
      const factor = p.row[column]!;
      if (factor[0] !== 0n) for (let x = 0; x < row.length; x += 1) p.row[x] = sub(p.row[x]!, mul(factor, row[x]!));
    }
    pivots.push({ row, column });
  }
  return unknowns.filter((_, u) => {
    const target: Q[] = unknowns.map((__, x) => [x === u ? 1n : 0n, 1n]);
    for (const p of pivots) {
      const factor = target[p.column]!;
      if (factor[0] !== 0n) for (let x = 0; x < target.length; x += 1) target[x] = sub(target[x]!, mul(factor, p.row[x]!));
    }
    return target.every((q) => q[0] === 0n);
  }).map((v) => names[v]!);
}

const table = (cells: number[][]): CountTable => ({ rows: cells.map((_, i) => `r${i}`), columns: cells[0]!.map((_, j) => `c${j}`), cells });
const values = (out: SuppressedTable) => out.cells.map((line) => line.map((f) => f.value));

const counts = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }) });
const tables = fc.integer({ min: 1, max: 6 }).chain((r) => fc.integer({ min: 1, max: 6 }).chain((c) => fc.array(fc.array(counts, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })));

describe('small-cell suppression', () => {
  it('withholds each figure from 1 to k−1 and shows it as "<k"; in a column of two cells the other one goes too', () => {
    const out = suppressTable(table([[0, 3, 25], [12, 40, 7]]), { k: 5 });
    expect(out.cells[0]![1]).toEqual({ value: null, suppressed: 'primary' });
    expect(figureText(out.cells[0]![1]!, 5)).toBe('<5');
    // Column 1 holds 3 and 40: its total would give the 3 away unless the 40 is withheld as well.
    expect(out.cells[1]![1]).toEqual({ value: null, suppressed: 'secondary' });
    expect(out.cells[0]![2]).toEqual({ value: 25, suppressed: null });
    expect(out.cells[1]![2]).toEqual({ value: 7, suppressed: null });
    expect(out.total).toEqual({ value: 87, suppressed: null });
    expect(determinedByPublished(out)).toEqual([]);
  });

  it('withholds a second figure in the row and column of a lone small cell, so totals cannot give it away', () => {
    const out = suppressTable(table([[20, 3, 25], [12, 40, 30], [15, 16, 17]]), { k: 5 });
    expect(determinedByPublished(out)).toEqual([]);
    const withheld = out.cells.flat().filter((f) => f.suppressed).length;
    expect(withheld).toBe(4); // the small cell and the three that close the cheapest rectangle
    expect(out.cells.flat().filter((f) => f.suppressed === 'secondary').every((f) => f.value === null)).toBe(true);
    expect(figureText(out.cells.flat().find((f) => f.suppressed === 'secondary')!, 5)).toBe('x');
  });

  it('catches a recovery the row-and-column rule alone would miss: a withheld cell bridging two withheld blocks', () => {
    // Two 2×2 blocks of small cells joined by one small cell: every line holds two withheld cells,
    // yet the joining cell equals (its rows' totals) − (its block's columns' totals).
    const out = suppressTable(table([
      [1, 2, 30, 30, 30],
      [3, 4, 1, 30, 30],
      [30, 30, 30, 2, 1],
      [30, 30, 30, 1, 3],
    ]), { k: 5 });
    expect(determinedByPublished(out)).toEqual([]);
  });

  it('uses k = 11 for publication', () => {
    expect(SUPPRESSION_PROFILES).toEqual({ standard: 5, publication: 11 });
    const out = suppressTable(table([[10, 50], [60, 70]]), { k: SUPPRESSION_PROFILES.publication });
    expect(out.cells[0]![0]).toEqual({ value: null, suppressed: 'primary' });
    expect(figureText(out.cells[0]![0]!, 11)).toBe('<11');
  });

  it('refuses what is not a table of counts, and a k below 2', () => {
    expect(() => suppressTable(table([[1, -2]]), { k: 5 })).toThrow(/non-negative whole counts/);
    expect(() => suppressTable({ rows: ['a'], columns: ['b', 'c'], cells: [[1]] }, { k: 5 })).toThrow(/one value per column/);
    expect(() => suppressTable(table([[1.5]]), { k: 5 })).toThrow(/whole counts/);
    expect(() => suppressTable(table([[1]]), { k: 1 })).toThrow(/at least 2/);
  });

  describe('on random tables (fast-check)', () => {
    const ks = fc.constantFrom(3, 5, 11);

    it('no withheld figure can be recovered from the published cells, row totals, column totals or grand total', () => {
      fc.assert(fc.property(tables, ks, (cells, k) => {
        expect(determinedByPublished(suppressTable(table(cells), { k }))).toEqual([]);
      }), { numRuns: 300 });
    });

    it('every figure from 1 to k−1 is withheld as primary, in cells and totals', () => {
      fc.assert(fc.property(tables, ks, (cells, k) => {
        const out = suppressTable(table(cells), { k });
        const small = (v: number) => v > 0 && v < k;
        cells.forEach((line, i) => line.forEach((v, j) => expect(out.cells[i]![j]!.suppressed === 'primary').toBe(small(v))));
        cells.forEach((line, i) => expect(out.rowTotals[i]!.suppressed === 'primary').toBe(small(line.reduce((a, b) => a + b, 0))));
      }), { numRuns: 300 });
    });

    it('publishes every other figure exactly as counted, and nothing of a withheld one', () => {
      fc.assert(fc.property(tables, ks, (cells, k) => {
        const out = suppressTable(table(cells), { k });
        values(out).forEach((line, i) => line.forEach((v, j) => {
          if (v !== null) expect(v).toBe(cells[i]![j]);
          else expect(out.cells[i]![j]!.suppressed).not.toBeNull();
        }));
        const grand = cells.flat().reduce((a, b) => a + b, 0);
        if (out.total.value !== null) expect(out.total.value).toBe(grand);
      }), { numRuns: 300 });
    });
  });
});
