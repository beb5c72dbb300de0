// Small-cell suppression: the one module every figure leaving the system passes through. Pure.
//
// Primary: a cell or a total above 0 and below k is withheld (shown as "<k"): "1 victim, female, 14,
// Haitian, Pedernales" identifies a child. Secondary: withheld values must not be recoverable from
// the published ones. A two-way table with its margins is a complete bipartite graph: one vertex per
// row and one for the row of totals, one per column and one for the column of totals; each cell,
// each total and the grand total is an edge, and every vertex's signed sum is zero. The withheld
// values are then determined by the published ones exactly when their edge is a bridge of the graph
// of withheld edges (an edge on a cycle can move along the cycle, + − + −, without changing any
// sum). So, while a withheld edge is a bridge, the cheapest path of published edges that closes a
// cycle through it is withheld too (cells before totals, small values before large ones).

export type Suppressed = 'primary' | 'secondary' | null;

export interface CountTable {
  rows: string[];
  columns: string[];
  /** cells[row][column]: non-negative whole counts. */
  cells: number[][];
}

export interface Figure {
  /** The count, or null when withheld. */
  value: number | null;
  suppressed: Suppressed;
}

export interface SuppressedTable {
  k: number;
  rows: string[];
  columns: string[];
  cells: Figure[][];
  rowTotals: Figure[];
  columnTotals: Figure[];
  total: Figure;
}

/** k by profile: 5 for work inside the office, 11 for publication (as CTDC does). */
export const SUPPRESSION_PROFILES = { standard: 5, publication: 11 } as const;
export type SuppressionProfile = keyof typeof SUPPRESSION_PROFILES;

/** An edge of the table's graph: a cell (row, column), a row total (row, T), a column total (T, column) or the grand total (T, T). */
interface Edge {
  row: number; // 0..r-1, or r for the row of totals
  column: number; // 0..c-1, or c for the column of totals
  value: number;
  withheld: Suppressed;
}

const isPrimary = (value: number, k: number) => value > 0 && value < k;

export function checkTable(table: CountTable): string | null {
  const { rows, columns, cells } = table;
  if (!Array.isArray(rows) || !Array.isArray(columns) || rows.length === 0 || columns.length === 0) return 'a table needs at least one row and one column';
  if (!Array.isArray(cells) || cells.length !== rows.length || cells.some((row) => !Array.isArray(row) || row.length !== columns.length)) return 'cells must have one row per row label and one value per column label';
  if (cells.some((row) => row.some((v) => !Number.isInteger(v) || v < 0))) return 'cells must be non-negative whole counts';
  return null;
}

function edgesOf(table: CountTable, k: number): Edge[][] {
  const r = table.rows.length;
  const c = table.columns.length;
  const grid: Edge[][] = [];
  for (let i = 0; i <= r; i += 1) {
    grid.push([]);
    for (let j = 0; j <= c; j += 1) {
      const value = i < r && j < c ? table.cells[i]![j]! : i < r ? table.cells[i]!.reduce((a, b) => a + b, 0) : j < c ? table.cells.reduce((a, row) => a + row[j]!, 0) : table.cells.flat().reduce((a, b) => a + b, 0);
      grid[i]!.push({ row: i, column: j, value, withheld: isPrimary(value, k) ? 'primary' : null });
    }
  }
  return grid;
}

/** Vertex ids: rows 0..r (r = totals), then columns r+1 .. r+1+c (the last = totals). */
const columnVertex = (r: number, j: number) => r + 1 + j;

/** The withheld edges that are bridges of the withheld graph: their values could be recovered. */
export function recoverableEdges(grid: ReadonlyArray<ReadonlyArray<{ withheld: Suppressed }>>): Array<[number, number]> {
  const r = grid.length - 1;
  const c = grid[0]!.length - 1;
  const n = r + 1 + c + 1;
  const adjacency: Array<Array<{ to: number; id: number }>> = Array.from({ length: n }, () => []);
  const ends: Array<[number, number]> = [];
  grid.forEach((line, i) => line.forEach((edge, j) => {
    if (!edge.withheld) return;
    const id = ends.length;
    ends.push([i, j]);
    adjacency[i]!.push({ to: columnVertex(r, j), id });
    adjacency[columnVertex(r, j)]!.push({ to: i, id });
  }));
  // Tarjan's bridges, iteratively (no recursion limit on large tables).
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const bridges: Array<[number, number]> = [];
  let clock = 0;
  for (let start = 0; start < n; start += 1) {
    if (order[start] !== -1) continue;
    const stack: Array<{ vertex: number; viaEdge: number; next: number }> = [{ vertex: start, viaEdge: -1, next: 0 }];
    order[start] = low[start] = clock++;
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const out = adjacency[frame.vertex]!;
      if (frame.next < out.length) {
        const { to, id } = out[frame.next++]!;
        if (id === frame.viaEdge) continue;
        if (order[to] === -1) {
          order[to] = low[to] = clock++;
          stack.push({ vertex: to, viaEdge: id, next: 0 });
        } else {
          low[frame.vertex] = Math.min(low[frame.vertex]!, order[to]!);
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low[parent.vertex] = Math.min(low[parent.vertex]!, low[frame.vertex]!);
      if (low[frame.vertex]! > order[parent.vertex]!) bridges.push(ends[frame.viaEdge]!);
    }
  }
  return bridges;
}

/**
 * The cheapest path between the two ends of `bridge` that does not use it: withheld edges cost
 * nothing, published ones their value plus one (totals far more). Answers the published edges on it.
 */
function closingPath(grid: Edge[][], bridge: [number, number]): Edge[] {
  const r = grid.length - 1;
  const c = grid[0]!.length - 1;
  const n = r + 1 + c + 1;
  const [from, to] = [bridge[0], columnVertex(r, bridge[1])];
  const cost = (edge: Edge) => (edge.withheld ? 0 : edge.value + 1 + (edge.row === r || edge.column === c ? 1_000_000 : 0));
  const distance = new Array<number>(n).fill(Infinity);
  const previous = new Array<Edge | null>(n).fill(null);
  const done = new Array<boolean>(n).fill(false);
  distance[from] = 0;
  for (;;) {
    let vertex = -1;
    for (let v = 0; v < n; v += 1) if (!done[v] && distance[v]! < Infinity && (vertex === -1 || distance[v]! < distance[vertex]!)) vertex = v;
    if (vertex === -1 || vertex === to) break;
    done[vertex] = true;
    const neighbours: Edge[] = vertex <= r ? grid[vertex]! : grid.map((line) => line[vertex - r - 1]!);
    for (const edge of neighbours) {
      if (edge.row === bridge[0] && edge.column === bridge[1]) continue;
      const other = vertex <= r ? columnVertex(r, edge.column) : edge.row;
      const next = distance[vertex]! + cost(edge);
      if (next < distance[other]!) {
        distance[other] = next;
        previous[other] = edge;
      }
    }
  }
  const path: Edge[] = [];
  for (let vertex = to; vertex !== from; ) {
    const edge = previous[vertex];
    if (!edge) break; // unreachable only on a 1×1 graph without totals, which cannot occur
    if (!edge.withheld) path.push(edge);
    vertex = vertex <= r ? columnVertex(r, edge.column) : edge.row;
  }
  return path;
}

/** Withholds every figure below k and whatever would let one be recovered; `k` at least 2. */
export function suppressTable(table: CountTable, options: { k: number }): SuppressedTable {
  const problem = checkTable(table);
  if (problem) throw new RangeError(problem);
  const k = options.k;
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k must be a whole number of at least 2');
  const grid = edgesOf(table, k);
  for (let bridges = recoverableEdges(grid); bridges.length; bridges = recoverableEdges(grid)) {
    const path = closingPath(grid, bridges[0]!);
    if (path.length === 0) break; // cannot happen: a bridge always has a published way round in K(r+1, c+1)
    for (const edge of path) edge.withheld = 'secondary';
  }
  const r = table.rows.length;
  const c = table.columns.length;
  const figure = (edge: Edge): Figure => (edge.withheld ? { value: null, suppressed: edge.withheld } : { value: edge.value, suppressed: null });
  return {
    k,
    rows: [...table.rows],
    columns: [...table.columns],
    cells: grid.slice(0, r).map((line) => line.slice(0, c).map(figure)),
    rowTotals: grid.slice(0, r).map((line) => figure(line[c]!)),
    columnTotals: grid[r]!.slice(0, c).map(figure),
    total: figure(grid[r]![c]!),
  };
}

/** How a figure is written out: "<k" below the threshold, "x" where withheld to protect another. */
export function figureText(figure: Figure, k: number): string {
  if (figure.suppressed === 'primary') return `<${k}`;
  if (figure.suppressed === 'secondary') return 'x';
  return String(figure.value);
}
