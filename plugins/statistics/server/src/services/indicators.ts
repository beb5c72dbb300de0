// The indicators, computed in SQL: each one a grouped count over cases (and the people in them),
// returned as a CountTable of codes. No row about a person is ever loaded into JavaScript; what
// leaves this service is counts per group, and what leaves the API is those counts suppressed.
import type { Core } from '@strapi/strapi';
import { indicatorOf, UNKNOWN, type Indicator } from '../indicators/catalogue';
import type { IndicatorScope } from '../indicators/query';
import { assembleTable, type CodeLists, type GroupCount } from '../indicators/table';
import type { CountTable } from '../suppression/suppress';
import { createSqlKit, type Sql, type UnitsOf } from './sql-kit';
import { CORE_UNITS } from './units/core';
import { CHARGE_UNITS, chargeScopePart } from './units/charges';

export { ACCUSED_ROLES } from './units/core';

/** Every indicator's units, by key (one module per group of indicators). */
export const UNITS: Record<string, UnitsOf> = { ...CORE_UNITS, ...CHARGE_UNITS };

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

    /** The code lists an indicator's dimensions are labelled from. */
    listsOf(indicator: Indicator): Promise<CodeLists> {
      return kit.codeLists([indicator.rows.codeList, indicator.columns.codeList].filter((k): k is string => !!k));
    },

    /** The indicator's UNSUPPRESSED table of codes: for the tables service to suppress, never to send. */
    async count(key: string, scope: IndicatorScope, lists: CodeLists): Promise<CountTable> {
      const indicator = indicatorOf(key);
      const units = UNITS[key];
      if (!indicator || !units) throw new Error(`unknown indicator ${key}`);
      return assembleTable(indicator, await grouped(await units(kit, scope)), lists);
    },
  };
};

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
