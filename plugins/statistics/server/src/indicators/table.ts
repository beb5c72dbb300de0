// Turns grouped counts from SQL into a CountTable whose rows and columns are codes in the order of
// their code list, and labels those codes in a language. Pure: code lists come in as data.
import type { CountTable } from '../suppression/suppress';
import { UNKNOWN, UNKNOWN_LABEL, type Dimension, type Indicator, type Lang } from './catalogue';

export interface CodeItem { code: string; labelEs: string; labelEn: string; active?: boolean | null; sortOrder?: number | null; meta?: Record<string, unknown> | null }
export type CodeLists = ReadonlyMap<string, CodeItem[]>;
export interface GroupCount { r: string; c: string; n: number }

/** The key under which a lookup's items travel with the code lists. */
export const lookupKey = (lookup: string) => `lookup:${lookup}`;
/** The items labelling a dimension: its code list's, or its lookup's. */
const itemsOf = (dim: Dimension, lists: CodeLists): CodeItem[] => lists.get(dim.codeList ?? (dim.lookup ? lookupKey(dim.lookup) : '')) ?? [];

function listedCodes(dim: Dimension, lists: CodeLists): Array<{ code: string; active: boolean }> {
  if (dim.fixed) return dim.fixed.map((f) => ({ code: f.code, active: true }));
  const items = [...itemsOf(dim, lists)].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0));
  return items.map((i) => ({ code: i.code, active: i.active !== false }));
}

/** The codes of a dimension: every active code of a small list, else only those counted; codes no list knows after them, "unknown" last. */
export function domainOf(dim: Dimension, observed: ReadonlySet<string>, lists: CodeLists): string[] {
  const listed = listedCodes(dim, lists);
  const known = new Set(listed.map((l) => l.code));
  const codes = listed.filter((l) => observed.has(l.code) || (dim.allCodes && l.active)).map((l) => l.code);
  const extra = [...observed].filter((c) => !known.has(c) && c !== UNKNOWN).sort();
  const unknown = observed.has(UNKNOWN) && !known.has(UNKNOWN) ? [UNKNOWN] : [];
  const all = [...codes, ...extra, ...unknown];
  return all.length ? all : [UNKNOWN];
}

export function assembleTable(indicator: Indicator, counts: GroupCount[], lists: CodeLists): CountTable {
  const rows = domainOf(indicator.rows, new Set(counts.map((g) => g.r)), lists);
  const columns = domainOf(indicator.columns, new Set(counts.map((g) => g.c)), lists);
  const rowIndex = new Map(rows.map((code, i) => [code, i]));
  const columnIndex = new Map(columns.map((code, j) => [code, j]));
  const cells = rows.map(() => columns.map(() => 0));
  for (const { r, c, n } of counts) cells[rowIndex.get(r)!]![columnIndex.get(c)!]! += n;
  return { rows, columns, cells };
}

export function labelOf(dim: Dimension, code: string, lang: Lang, lists: CodeLists): string {
  const fixed = dim.fixed?.find((f) => f.code === code);
  if (fixed) return fixed.label[lang];
  if (code === UNKNOWN) return UNKNOWN_LABEL[lang];
  const item = itemsOf(dim, lists).find((i) => i.code === code);
  return item ? (lang === 'en' ? item.labelEn : item.labelEs) : code;
}
