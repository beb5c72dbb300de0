// The first indicators: victims by sex and age group and by citizenship and form of exploitation,
// accused by sex and citizenship, cases by stage, by month of intake and by province.
import { UNKNOWN } from '../../indicators/catalogue';
import { CASE_UID } from '../../uids';
import type { Sql, SqlKit, UnitsOf } from '../sql-kit';
import type { IndicatorScope } from '../../indicators/query';

/** Party roles counted as accused for the Global Report's "persons prosecuted". */
export const ACCUSED_ROLES = ['imputado', 'acusado'];

/** Distinct (case, person) pairs with one of `roles`, with their row and column codes. */
export function personsIn(kit: SqlKit, scope: IndicatorScope, roles: string[], r: string, c: string, extraJoin = ''): Sql {
  const only = kit.rolesIn(roles);
  const where = kit.scopeOf(scope);
  return { sql: `SELECT DISTINCT c.id AS case_id, p.id AS person_id, ${r} AS r, ${c} AS c FROM ${kit.peopleInCases()} ${extraJoin} WHERE ${only.sql} AND ${where.sql}`, bindings: [...only.bindings, ...where.bindings] };
}

/** One unit per case, with its row and column codes (the cases table alone: plain conditions). */
export function casesBy(kit: SqlKit, scope: IndicatorScope, r: string, c: string): Sql {
  const where = kit.caseConditions(scope);
  return { sql: `SELECT c.id AS case_id, ${r} AS r, ${c} AS c FROM ${kit.table(CASE_UID)} c WHERE ${where.sql}`, bindings: where.bindings };
}

export const CORE_UNITS: Record<string, UnitsOf> = {
  'victims-by-sex-age': async (kit, scope) => personsIn(kit, scope, await kit.victimRoles(), kit.known('vp.sex', 'p.sex'), kit.ageGroup()),
  'victims-by-citizenship-exploitation': async (kit, scope) => personsIn(kit, scope, await kit.victimRoles(), kit.known('vp.nationality', 'p.nationality'), `COALESCE(f.value, '${UNKNOWN}')`, kit.exploitationFormsJoin()),
  'accused-by-sex-citizenship': (kit, scope) => personsIn(kit, scope, ACCUSED_ROLES, kit.known('p.sex'), kit.known('p.nationality')),
  'cases-by-stage': (kit, scope) => casesBy(kit, scope, kit.known('c.stage'), kit.known('c.case_type')),
  'cases-opened-by-month': (kit, scope) => casesBy(kit, scope, kit.intakeMonth(), kit.known('c.case_type')),
  'cases-by-province': (kit, scope) => casesBy(kit, scope, kit.known('c.province'), kit.known('c.case_type')),
};
