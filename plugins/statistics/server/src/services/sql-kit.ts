// The SQL building blocks every indicator's units are written with: table and link-table names from
// Strapi's metadata, the request's scope as a WHERE clause, the people in cases, and the few
// expressions that differ between SQLite and PostgreSQL. Indicators (services/units/*) only compose
// these; what they produce is one SELECT of distinct counted units with columns r and c.
import type { Core } from '@strapi/strapi';
import { UNKNOWN } from '../indicators/catalogue';
import type { IndicatorScope } from '../indicators/query';
import type { CodeItem } from '../indicators/table';
import { CASE_PARTY_UID, CASE_UID, CODE_LIST_UID, PERSON_UID, VICTIM_PROFILE_UID } from '../uids';

interface JoinTable { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } }
export type Sql = { sql: string; bindings: Array<string | number> };

export const createSqlKit = (strapi: Core.Strapi) => {
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const hasType = (uid: string) => !!strapi.contentTypes[uid as never];
  const table = (uid: string) => strapi.db.metadata.get(uid as never).tableName;
  /** A relation's link table: `from` is the column of `uid`'s row, `to` the related row's. */
  const link = (uid: string, attribute: string) => {
    const meta = strapi.db.metadata.get(uid as never) as unknown as { attributes: Record<string, { joinTable?: JoinTable }> };
    const joinTable = meta.attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
    return { name: joinTable.name, from: joinTable.joinColumn.name, to: joinTable.inverseJoinColumn.name };
  };

  // Dates: SQLite keeps a date column as 'YYYY-MM-DD' text (a datetime as epoch milliseconds),
  // PostgreSQL as a date (timestamp).
  const yearOf = (column: string) => (isPostgres() ? `CAST(EXTRACT(YEAR FROM ${column}) AS INTEGER)` : `CAST(substr(${column}, 1, 4) AS INTEGER)`);
  const monthOf = (column: string) => (isPostgres() ? `to_char(${column}, 'MM')` : `substr(${column}, 6, 2)`);
  const intakeYear = () => yearOf('c.intake_date');
  const intakeMonth = () => monthOf('c.intake_date');

  /** Extra conditions on the case `c` that other plugins' filters add (offence, law version). */
  const scopeParts: Array<(scope: IndicatorScope) => Sql | null> = [];

  /**
   * The request's scope as plain conditions on the case `c`: only for a query that reads the cases
   * table alone (the case counts read just the covering index pett_stat_cases_intake_idx).
   */
  function caseConditions(scope: IndicatorScope): Sql {
    const parts = ['1 = 1'];
    const bindings: Array<string | number> = [];
    if (scope.from) { parts.push('c.intake_date >= ?'); bindings.push(scope.from); }
    if (scope.to) { parts.push('c.intake_date <= ?'); bindings.push(scope.to); }
    if (scope.province) { parts.push('c.province = ?'); bindings.push(scope.province); }
    for (const part of scopeParts) {
      const extra = part(scope);
      if (extra) { parts.push(extra.sql); bindings.push(...extra.bindings); }
    }
    return { sql: parts.join(' AND '), bindings };
  }

  /**
   * The request's scope as a WHERE on the case `c`, for queries that join a case to many rows
   * (parties, people, deadlines): the same cases as `caseConditions`. On SQLite it is
   * `c.id IN (the scoped cases)`: given the case ids first, SQLite reaches the joined rows from the
   * ids in order through the link tables' indexes, where plain conditions let it read every link or
   * deadline and check its case. PostgreSQL plans plain conditions as well or better (with the IN
   * form it misjudged the exploitation-forms join and took 3× longer). Measured at 100,000 cases:
   * docs/performance.md.
   */
  function scopeOf(scope: IndicatorScope): Sql {
    const where = caseConditions(scope);
    if (isPostgres()) return where;
    return { sql: `c.id IN (SELECT c.id FROM ${table(CASE_UID)} c WHERE ${where.sql})`, bindings: where.bindings };
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

  /** Parties with one of `roles`, natural persons only. */
  const rolesIn = (roles: string[]): Sql => (roles.length
    ? { sql: `cp.role IN (${roles.map(() => '?').join(', ')}) AND p.person_kind = 'natural'`, bindings: roles }
    : { sql: '1 = 0', bindings: [] });
  /** The first non-empty of `columns`, else "unknown". */
  const known = (...columns: string[]) => `COALESCE(${columns.map((c) => `NULLIF(${c}, '')`).join(', ')}, '${UNKNOWN}')`;
  const ageGroup = () => {
    const age = `COALESCE(vp.age_at_identification, ${intakeYear()} - p.birth_year)`;
    return `CASE WHEN ${age} IS NULL THEN '${UNKNOWN}' WHEN ${age} < 12 THEN '0-11' WHEN ${age} < 18 THEN '12-17' WHEN ${age} < 30 THEN '18-29' WHEN ${age} < 50 THEN '30-49' ELSE '50+' END`;
  };

  /**
   * The victim's forms of exploitation, one row each (column f.value): the victim profile's list when
   * it has one, else the case's; none gives one row with a null value. JSON arrays are opened with
   * each database's own function (json_each, jsonb_array_elements_text).
   */
  function exploitationFormsJoin(): string {
    if (isPostgres()) {
      const list = (col: string, nonEmpty: boolean) => `CASE WHEN jsonb_typeof(${col}::jsonb) = 'array'${nonEmpty ? ` AND ${col}::jsonb <> '[]'::jsonb` : ''} THEN ${col}::jsonb END`;
      return `LEFT JOIN LATERAL jsonb_array_elements_text(COALESCE(${list('vp.exploitation_forms', true)}, ${list('c.exploitation_forms', false)})) AS f(value) ON true`;
    }
    const list = (col: string, nonEmpty: boolean) => `CASE WHEN json_type(${col}) = 'array'${nonEmpty ? ` AND json_array_length(${col}) > 0` : ''} THEN ${col} END`;
    return `LEFT JOIN json_each(COALESCE(${list('vp.exploitation_forms', true)}, ${list('c.exploitation_forms', false)})) AS f ON 1 = 1`;
  }

  /** Rows of a raw query, on either database. */
  async function rowsOf<T>(query: Sql): Promise<T[]> {
    const result = (await knex().raw(query.sql, query.bindings)) as { rows?: unknown[] } | unknown[];
    return (Array.isArray(result) ? result : (result.rows ?? [])) as T[];
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

  return {
    strapi, knex, isPostgres, hasType, table, link, yearOf, monthOf, intakeYear, intakeMonth,
    scopeParts, caseConditions, scopeOf, peopleInCases, rolesIn, known, ageGroup, exploitationFormsJoin, rowsOf, codeLists, victimRoles,
  };
};

export type SqlKit = ReturnType<typeof createSqlKit>;

/**
 * How an indicator's counted units are selected: one SQL SELECT of DISTINCT units with columns `r`
 * (row code) and `c` (column code), scoped by the request. Counting happens in services/indicators.ts.
 */
export type UnitsOf = (kit: SqlKit, scope: IndicatorScope) => Promise<Sql> | Sql;
