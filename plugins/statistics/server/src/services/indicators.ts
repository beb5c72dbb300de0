// The indicators, computed in SQL: each one a grouped count over cases (and the people in them),
// returned as a CountTable of codes. No row about a person is ever loaded into JavaScript; what
// leaves this service is counts per group, and what leaves the API is those counts suppressed.
import type { Core } from '@strapi/strapi';
import { indicatorOf, UNKNOWN, type Indicator } from '../indicators/catalogue';
import type { IndicatorScope } from '../indicators/query';
import { assembleTable, lookupKey, type CodeItem, type CodeLists, type GroupCount } from '../indicators/table';
import type { CountTable } from '../suppression/suppress';
import { createSqlKit, type Sql, type SqlKit, type UnitsOf } from './sql-kit';
import { CORE_UNITS } from './units/core';
import { SDG_UNITS } from './units/sdg';
import { OPERATIONAL_LOOKUPS, OPERATIONAL_UNITS } from './units/operational';
import { formFieldIndicatorOf, formFieldIndicators, type ResolvedIndicator } from './form-fields';
import { CHARGE_UNITS, chargeScopePart } from './units/charges';

export { ACCUSED_ROLES } from './units/core';

/** Every indicator's units, by key (one module per group of indicators). */
export const UNITS: Record<string, UnitsOf> = {
  ...CORE_UNITS,
  ...SDG_UNITS,
  ...OPERATIONAL_UNITS,
  ...CHARGE_UNITS,
};

/** Dimensions labelled from records rather than code lists (Dimension.lookup), by lookup key. */
export const LOOKUPS: Record<string, (kit: SqlKit) => Promise<CodeItem[]>> = { ...OPERATIONAL_LOOKUPS };

export const createIndicatorsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const kit = createSqlKit(strapi);
  kit.scopeParts.push(chargeScopePart(kit));

  /** Grouped counts of the distinct units `units` (a SELECT DISTINCT with columns r and c). */
  async function grouped(units: Sql): Promise<GroupCount[]> {
    const rows = await kit.rowsOf<{ r: unknown; c: unknown; n: unknown }>({ sql: `SELECT t.r AS r, t.c AS c, COUNT(*) AS n FROM (${units.sql}) t GROUP BY t.r, t.c`, bindings: units.bindings });
    return rows.map((row) => ({ r: String(row.r ?? UNKNOWN), c: String(row.c ?? UNKNOWN), n: Number(row.n) }));
  }

  return {
    kit,
    codeLists: kit.codeLists,

    /** The code lists (and lookups) an indicator's dimensions are labelled from. */
    async listsOf(indicator: Indicator): Promise<CodeLists> {
      const lists = await kit.codeLists([indicator.rows.codeList, indicator.columns.codeList].filter((k): k is string => !!k));
      for (const dim of [indicator.rows, indicator.columns]) {
        if (dim.lookup && Object.hasOwn(LOOKUPS, dim.lookup)) lists.set(lookupKey(dim.lookup), await LOOKUPS[dim.lookup]!(kit));
      }
      return lists;
    },

    /** An indicator of the catalogue, or one made from a form field flagged for statistics (`form-field:…`). */
    async resolve(key: string): Promise<ResolvedIndicator | null> {
      const indicator = indicatorOf(key);
      if (indicator && Object.hasOwn(UNITS, key)) return { indicator, units: UNITS[key]! };
      return formFieldIndicatorOf(kit, key);
    },

    /** The indicators made from form fields, as they stand now (the forms may change at any time). */
    async dynamicIndicators(): Promise<Indicator[]> {
      return (await formFieldIndicators(kit)).map((r) => r.indicator);
    },

    /** The indicator's UNSUPPRESSED table of codes: for the tables service to suppress, never to send. */
    async count(key: string, scope: IndicatorScope, lists: CodeLists): Promise<CountTable> {
      const found = await this.resolve(key);
      if (!found) throw new Error(`unknown indicator ${key}`);
      return assembleTable(found.indicator, await grouped(await found.units(kit, scope)), lists);
    },
  };
};

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
