// The indicators, computed in SQL: each one a grouped count over cases (and the people in them),
// returned as a CountTable of codes. No row about a person is ever loaded into JavaScript; what
// leaves this service is counts per group, and what leaves the API is those counts suppressed.
import type { Core } from '@strapi/strapi';
import { indicatorOf, UNKNOWN, type Indicator, type IndicatorKey } from '../indicators/catalogue';
import type { IndicatorScope } from '../indicators/query';
import { assembleTable, type CodeItem, type CodeLists, type GroupCount } from '../indicators/table';
import type { CountTable } from '../suppression/suppress';
import { CASE_PARTY_UID, CASE_UID, CODE_LIST_UID, PERSON_UID, VICTIM_PROFILE_UID } from '../uids';

/** Party roles counted as accused for the Global Report's "persons prosecuted". */
export const ACCUSED_ROLES = ['imputado', 'acusado'];

interface JoinTable { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } }
type Sql = { sql: string; bindings: Array<string | number> };

export const createIndicatorsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const table = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  const link = (uid: string, attribute: string) => {
    const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { joinTable?: JoinTable }> };
    const joinTable = meta.attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
    return { name: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
  };

  // Dates: SQLite keeps a date column as 'YYYY-MM-DD' text, PostgreSQL as a date.
  const intakeYear = () => (isPostgres() ? 'CAST(EXTRACT(YEAR FROM c.intake_date) AS INTEGER)' : 'CAST(substr(c.intake_date, 1, 4) AS INTEGER)');
  const intakeMonth = () => (isPostgres() ? "to_char(c.intake_date, 'MM')" : 'substr(c.intake_date, 6, 2)');

  function scopeOf(scope: IndicatorScope): Sql {
    const parts = ['1 = 1'];
    const bindings: Array<string | number> = [];
    if (scope.from) { parts.push('c.intake_date >= ?'); bindings.push(scope.from); }
    if (scope.to) { parts.push('c.intake_date <= ?'); bindings.push(scope.to); }
    if (scope.province) { parts.push('c.province = ?'); bindings.push(scope.province); }
    return { sql: parts.join(' AND '), bindings };
  }

  /** Cases joined to the people in them (through their parties), and each person's victim profile if any. */
  function peopleInCases(): string {
    const partyCase = link(CASE_PARTY_UID, 'case');
    const partyPerson = link(CASE_PARTY_UID, 'person');
    const profilePerson = link(VICTIM_PROFILE_UID, 'person');
    return `${table(CASE_UID)} c
      JOIN ${partyCase.name} pc ON pc.${partyCase.to} = c.id
      JOIN ${table(CASE_PARTY_UID)} cp ON cp.id = pc.${partyCase.from}
      JOIN ${partyPerson.name} pp ON pp.${partyPerson.from} = cp.id
      JOIN ${table(PERSON_UID)} p ON p.id = pp.${partyPerson.to}
      LEFT JOIN ${profilePerson.name} vpp ON vpp.${profilePerson.to} = p.id
      LEFT JOIN ${table(VICTIM_PROFILE_UID)} vp ON vp.id = vpp.${profilePerson.from}`;
  }

  const rolesIn = (roles: string[]): Sql => (roles.length
    ? { sql: `cp.role IN (${roles.map(() => '?').join(', ')}) AND p.person_kind = 'natural'`, bindings: roles }
    : { sql: '1 = 0', bindings: [] });
  const known = (...columns: string[]) => `COALESCE(${columns.map((c) => `NULLIF(${c}, '')`).join(', ')}, '${UNKNOWN}')`;
  const ageGroup = () => {
    const age = `COALESCE(vp.age_at_identification, ${intakeYear()} - p.birth_year)`;
    return `CASE WHEN ${age} IS NULL THEN '${UNKNOWN}' WHEN ${age} < 12 THEN '0-11' WHEN ${age} < 18 THEN '12-17' WHEN ${age} < 30 THEN '18-29' WHEN ${age} < 50 THEN '30-49' ELSE '50+' END`;
  };

  /**
   * The victim's forms of exploitation, one row each: the victim profile's list when it has one,
   * else the case's; none gives one row with a null value. JSON arrays are opened with each
   * database's own function (json_each, jsonb_array_elements_text).
   */
  function exploitationFormsJoin(): string {
    if (isPostgres()) {
      const list = (col: string, nonEmpty: boolean) => `CASE WHEN jsonb_typeof(${col}::jsonb) = 'array'${nonEmpty ? ` AND ${col}::jsonb <> '[]'::jsonb` : ''} THEN ${col}::jsonb END`;
      return `LEFT JOIN LATERAL jsonb_array_elements_text(COALESCE(${list('vp.exploitation_forms', true)}, ${list('c.exploitation_forms', false)})) AS f(value) ON true`;
    }
    const list = (col: string, nonEmpty: boolean) => `CASE WHEN json_type(${col}) = 'array'${nonEmpty ? ` AND json_array_length(${col}) > 0` : ''} THEN ${col} END`;
    return `LEFT JOIN json_each(COALESCE(${list('vp.exploitation_forms', true)}, ${list('c.exploitation_forms', false)})) AS f ON 1 = 1`;
  }

  /** Grouped counts of the distinct units `units` (a SELECT DISTINCT with columns r and c). */
  async function grouped(units: Sql): Promise<GroupCount[]> {
    const result = (await knex().raw(`SELECT t.r AS r, t.c AS c, COUNT(*) AS n FROM (${units.sql}) t GROUP BY t.r, t.c`, units.bindings)) as { rows?: unknown[] } | unknown[];
    const rows = (Array.isArray(result) ? result : (result.rows ?? [])) as Array<{ r: unknown; c: unknown; n: unknown }>;
    return rows.map((row) => ({ r: String(row.r ?? UNKNOWN), c: String(row.c ?? UNKNOWN), n: Number(row.n) }));
  }

  async function codeLists(keys: string[]): Promise<Map<string, CodeItem[]>> {
    const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: keys } }, select: ['key'], populate: { items: true } })) as Array<{ key: string; items?: CodeItem[] }>;
    return new Map(lists.map((l) => [l.key, l.items ?? []]));
  }

  /** Victim roles as the party-role list marks them (meta.isVictim), leaving out roles that may yet be reclassified (smuggled migrants). */
  async function victimRoles(): Promise<string[]> {
    const items = (await codeLists(['party-role'])).get('party-role') ?? [];
    return items.filter((i) => i.meta?.isVictim === true && i.meta?.mayBeReclassified !== true).map((i) => i.code);
  }

  async function unitsOf(key: IndicatorKey, scope: IndicatorScope): Promise<Sql> {
    const where = scopeOf(scope);
    const persons = async (roles: string[], r: string, c: string, extraJoin = ''): Promise<Sql> => {
      const only = rolesIn(roles);
      return { sql: `SELECT DISTINCT c.id AS case_id, p.id AS person_id, ${r} AS r, ${c} AS c FROM ${peopleInCases()} ${extraJoin} WHERE ${only.sql} AND ${where.sql}`, bindings: [...only.bindings, ...where.bindings] };
    };
    switch (key) {
      case 'victims-by-sex-age':
        return persons(await victimRoles(), known('vp.sex', 'p.sex'), ageGroup());
      case 'victims-by-citizenship-exploitation':
        return persons(await victimRoles(), known('vp.nationality', 'p.nationality'), `COALESCE(f.value, '${UNKNOWN}')`, exploitationFormsJoin());
      case 'accused-by-sex-citizenship':
        return persons(ACCUSED_ROLES, known('p.sex'), known('p.nationality'));
      case 'cases-by-stage':
        return { sql: `SELECT c.id AS case_id, ${known('c.stage')} AS r, ${known('c.case_type')} AS c FROM ${table(CASE_UID)} c WHERE ${where.sql}`, bindings: where.bindings };
      case 'cases-opened-by-month':
        return { sql: `SELECT c.id AS case_id, ${intakeMonth()} AS r, ${known('c.case_type')} AS c FROM ${table(CASE_UID)} c WHERE ${where.sql}`, bindings: where.bindings };
    }
  }

  return {
    codeLists,

    /** The code lists an indicator's dimensions are labelled from. */
    listsOf(indicator: Indicator): Promise<CodeLists> {
      return codeLists([indicator.rows.codeList, indicator.columns.codeList].filter((k): k is string => !!k));
    },

    /** The indicator's UNSUPPRESSED table of codes: for the statistics controller to suppress, never to send. */
    async count(key: IndicatorKey, scope: IndicatorScope, lists: CodeLists): Promise<CountTable> {
      const indicator = indicatorOf(key);
      if (!indicator) throw new Error(`unknown indicator ${key}`);
      return assembleTable(indicator, await grouped(await unitsOf(key, scope)), lists);
    },
  };
};

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
