// The one way a figure leaves the statistics plugin: an indicator's table, counted in SQL, passed
// through small-cell suppression, labelled in the caller's language. The API, the dashboard, the
// exports and the scheduled reports all take their tables from `answer`; none of them ever sees an
// unsuppressed count.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DIMENSIONS, GROUPS, INDICATORS, PARAMETERS, indicatorOf, type Dimension, type Indicator, type Lang, type MeasureKind } from '../indicators/catalogue';
import { parseIndicatorQuery, type IndicatorRequest, type IndicatorScope } from '../indicators/query';
import { labelOf } from '../indicators/table';
import { SUPPRESSION_PROFILES, figureText, suppressTable, type CountTable, type Figure } from '../suppression/suppress';
import type { IndicatorsService } from './indicators';
import type { SqlKit } from './sql-kit';
import { SDG_MEASURES } from './measures/sdg';
import { OPERATIONAL_MEASURES } from './measures/operational';

/** A measure per figure of a count table (a rate, a median); null where it cannot be given. */
export interface MeasureTable { cells: Array<Array<number | null>>; rowTotals: Array<number | null>; columnTotals: Array<number | null>; total: number | null }
/** Computes an indicator's measure in SQL for the (unsuppressed) count table it goes with. */
export type MeasureOf = (kit: SqlKit, scope: IndicatorScope, counts: CountTable) => Promise<MeasureTable>;
/** Every measured indicator's measure, by key (one module per group adds its own). */
export const MEASURES: Record<string, MeasureOf> = {
  ...SDG_MEASURES,
  ...OPERATIONAL_MEASURES,
};

export interface FigureOut { value: number | null; suppressed: Figure['suppressed']; text: string }
export interface MeasureOut { value: number | null; text: string }
export interface IndicatorAnswer {
  data: {
    key: string; group: string; name: string; counts: string; source: string;
    rows: Array<{ code: string; label: string }>;
    columns: Array<{ code: string; label: string }>;
    cells: FigureOut[][]; rowTotals: FigureOut[]; columnTotals: FigureOut[]; total: FigureOut;
    /** Only for measured indicators: each measure published only where its count is. */
    measure?: { kind: MeasureKind; unit: string; cells: MeasureOut[][]; rowTotals: MeasureOut[]; columnTotals: MeasureOut[]; total: MeasureOut };
  };
  meta: { k: number; profile: string; scope: IndicatorScope; dimensions: { rows: ReturnType<typeof dimensionOut>; columns: ReturnType<typeof dimensionOut> } };
}

const TEXT = {
  year: { es: 'Este indicador se calcula para un año: indique el parámetro year.', en: 'This indicator is computed for one year: give the year parameter.' },
  key: { es: `Indicador desconocido: consulte el catálogo (/api/statistics/indicators).`, en: `Unknown indicator: see the catalogue (/api/statistics/indicators).` },
  units: {
    'rate-per-100000': { es: 'por 100 000 habitantes', en: 'per 100,000 population' },
    'median-days': { es: 'días (mediana)', en: 'days (median)' },
    count: { es: '', en: '' },
  } satisfies Record<MeasureKind, Record<Lang, string>>,
};

export const dimensionOut = (dim: Dimension, lang: Lang) => ({ key: dim.key, name: dim.name[lang], names: dim.name, codeList: dim.codeList ?? null });

const measureText = (kind: MeasureKind, value: number): string => (kind === 'rate-per-100000' ? value.toFixed(2) : String(Math.round(value)));

export const createTablesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const indicators = () => strapi.plugin('statistics').service('indicators') as IndicatorsService;

  async function indicatorOrFail(key: string, lang: Lang): Promise<Indicator> {
    // The catalogue's own, else one made from a form field flagged for statistics.
    const indicator = indicatorOf(key) ?? (await indicators().resolve(key))?.indicator;
    if (!indicator) throw new errors.ValidationError(TEXT.key[lang], { errors: [{ path: ['key'], message: TEXT.key[lang] }] });
    return indicator;
  }

  return {
    /** The catalogue, in the caller's language (async: indicators may come from the database). */
    async catalogue(lang: Lang) {
      return {
        data: [...INDICATORS, ...(await indicators().dynamicIndicators())].map((i) => ({
          key: i.key, group: i.group, groupName: GROUPS[i.group][lang], name: i.name[lang], names: i.name, counts: i.counts[lang], source: i.source,
          measure: i.measure ?? 'count', requiresYear: i.requiresYear === true,
          parameters: PARAMETERS.map((p) => ({ ...p, description: p.description[lang] })),
          dimensions: { rows: dimensionOut(i.rows, lang), columns: dimensionOut(i.columns, lang) },
        })),
        meta: { profiles: SUPPRESSION_PROFILES, groups: Object.entries(GROUPS).map(([key, name]) => ({ key, name: name[lang] })), dimensions: Object.values(DIMENSIONS).map((d) => d.key) },
      };
    },

    /** Checks a request's query string (400 naming the field); the parsed request otherwise. */
    async request(query: Record<string, unknown>, lang: Lang): Promise<IndicatorRequest> {
      const lists = await indicators().codeLists(['province', 'offence', 'law-version']);
      const codes = (key: string) => new Set((lists.get(key) ?? []).map((i) => i.code));
      const parsed = parseIndicatorQuery(query, codes('province'), lang, { offence: codes('offence'), lawVersion: codes('law-version') });
      if ('problems' in parsed) throw new errors.ValidationError(parsed.problems[0]!.message, { errors: parsed.problems });
      return parsed.request;
    },

    /** One indicator's table for a checked request: counted, SUPPRESSED, labelled. */
    async answerFor(key: string, request: IndicatorRequest, lang: Lang): Promise<IndicatorAnswer> {
      const indicator = await indicatorOrFail(key, lang);
      const { scope, profile } = request;
      if (indicator.requiresYear && scope.year === null) throw new errors.ValidationError(TEXT.year[lang], { errors: [{ path: ['year'], message: TEXT.year[lang] }] });
      const k = SUPPRESSION_PROFILES[profile];
      const lists = await indicators().listsOf(indicator);
      const counts = await indicators().count(indicator.key, scope, lists);
      // The raw counts go straight into suppression; only the suppressed table is answered.
      const table = suppressTable(counts, { k });
      const figure = (f: Figure): FigureOut => ({ value: f.value, suppressed: f.suppressed, text: figureText(f, k) });
      const data: IndicatorAnswer['data'] = {
        key: indicator.key, group: indicator.group, name: indicator.name[lang], counts: indicator.counts[lang], source: indicator.source,
        rows: table.rows.map((code) => ({ code, label: labelOf(indicator.rows, code, lang, lists) })),
        columns: table.columns.map((code) => ({ code, label: labelOf(indicator.columns, code, lang, lists) })),
        cells: table.cells.map((line) => line.map(figure)),
        rowTotals: table.rowTotals.map(figure),
        columnTotals: table.columnTotals.map(figure),
        total: figure(table.total),
      };
      const kind = indicator.measure ?? 'count';
      const measureOf = MEASURES[indicator.key];
      if (kind !== 'count' && measureOf) {
        const raw = await measureOf(indicators().kit, scope, counts);
        // A measure is published only beside a published, non-zero count: a rate or a median of a
        // withheld cell would tell what was withheld.
        const out = (f: Figure, value: number | null | undefined): MeasureOut => (f.suppressed === null && (f.value ?? 0) > 0 && value !== null && value !== undefined && Number.isFinite(value)
          ? { value, text: measureText(kind, value) }
          : { value: null, text: f.suppressed === null ? '—' : figureText(f, k) });
        data.measure = {
          kind, unit: TEXT.units[kind][lang],
          cells: table.cells.map((line, i) => line.map((f, j) => out(f, raw.cells[i]?.[j]))),
          rowTotals: table.rowTotals.map((f, i) => out(f, raw.rowTotals[i])),
          columnTotals: table.columnTotals.map((f, j) => out(f, raw.columnTotals[j])),
          total: out(table.total, raw.total),
        };
      }
      return { data, meta: { k, profile, scope, dimensions: { rows: dimensionOut(indicator.rows, lang), columns: dimensionOut(indicator.columns, lang) } } };
    },

    /** One indicator's table for a query string: checked (400), then as `answerFor`. */
    async answer(key: string, query: Record<string, unknown>, lang: Lang): Promise<IndicatorAnswer> {
      await indicatorOrFail(key, lang);
      return this.answerFor(key, await this.request(query, lang), lang);
    },
  };
};

export type TablesService = ReturnType<typeof createTablesService>;
