// The counted units of the SDG 16.2.2, US TIP and smuggling indicators (definitions in
// docs/statistics.md, "SDG 16.2.2, TIP victims and smuggling"). Victims are counted exactly as in
// victims-by-sex-age: victim roles, natural persons, once per case.
import { UNKNOWN } from '../../indicators/catalogue';
import { ASSISTED_REFERRAL_STATUSES, tipFormsOf, tipTypeCase, victimGroupCase } from '../../indicators/sdg';
import { CASE_UID, VICTIM_PROFILE_UID } from '../../uids';
import type { IndicatorScope } from '../../indicators/query';
import type { Sql, SqlKit, UnitsOf } from '../sql-kit';
import { CORE_UNITS, personsIn } from './core';

export const SMUGGLED_MIGRANT_ROLE = 'smuggled-migrant';

/** The case's own forms of exploitation, one row each (column f.value); none gives one row with a null value. */
function caseFormsJoin(kit: SqlKit): string {
  if (kit.isPostgres()) return `LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(c.exploitation_forms::jsonb) = 'array' THEN c.exploitation_forms::jsonb END) AS f(value) ON true`;
  return `LEFT JOIN json_each(CASE WHEN json_type(c.exploitation_forms) = 'array' THEN c.exploitation_forms END) AS f ON 1 = 1`;
}

/** A condition that the victim profile `vp` has a row of its repeatable component `attribute` meeting `where` (on alias `x`). */
function profileHas(kit: SqlKit, attribute: string, where = '1 = 1'): string {
  const meta = kit.strapi.db.metadata.get(VICTIM_PROFILE_UID as never) as unknown as { attributes: Record<string, { target?: string; joinTable?: { on?: Record<string, string> } }> };
  const attr = meta.attributes[attribute];
  const link = kit.link(VICTIM_PROFILE_UID, attribute);
  const field = attr?.joinTable?.on?.field ?? attribute;
  return `EXISTS (SELECT 1 FROM ${link.name} xl JOIN ${kit.table(attr!.target!)} x ON x.id = xl.${link.to} WHERE xl.${link.from} = vp.id AND xl.field = '${field}' AND ${where})`;
}

const inList = (values: string[]) => values.map(() => '?').join(', ');

/** Cases by type × TIP kind: once per kind the case's forms make it (sex and/or labour), else once as unspecified. */
async function investigationsByType(kit: SqlKit, scope: IndicatorScope): Promise<Sql> {
  const forms = tipFormsOf((await kit.codeLists(['exploitation-form'])).get('exploitation-form') ?? []);
  const kind = tipTypeCase('f.value', forms);
  const where = kit.scopeOf(scope);
  const perForm = `SELECT DISTINCT c.id AS case_id, ${kit.known('c.case_type')} AS r, ${kind.sql} AS k FROM ${kit.table(CASE_UID)} c ${caseFormsJoin(kit)} WHERE ${where.sql}`;
  // "unspecified" only for a case none of whose forms is sex or labour trafficking.
  return {
    sql: `SELECT t.case_id, t.r, t.k AS c FROM (SELECT u.case_id, u.r, u.k, MAX(CASE WHEN u.k <> 'unspecified' THEN 1 ELSE 0 END) OVER (PARTITION BY u.case_id) AS specified FROM (${perForm}) u) t
      WHERE t.k <> 'unspecified' OR t.specified = 0`,
    bindings: [...kind.bindings, ...where.bindings],
  };
}

/** Victims (once per case) as identified, and again as referred and as assisted when their profile says so. */
async function victimsIdentifiedReferredAssisted(kit: SqlKit, scope: IndicatorScope): Promise<Sql> {
  const group = victimGroupCase(kit.known('vp.sex', 'p.sex'), kit.known('vp.nationality', 'p.nationality'), UNKNOWN);
  const roles = await kit.victimRoles();
  const referred = profileHas(kit, 'serviceReferrals');
  const assisted = `(${profileHas(kit, 'serviceReferrals', `x.status IN (${inList(ASSISTED_REFERRAL_STATUSES)})`)} OR ${profileHas(kit, 'protectionMeasures')})`;
  const step = (code: string, condition: Sql): Sql => {
    const victims = personsIn(kit, scope, roles, `'${code}'`, group.sql);
    // personsIn's SELECT: group bindings come first (in the select list), then its WHERE's.
    return { sql: `${victims.sql} AND ${condition.sql}`, bindings: [...group.bindings, ...victims.bindings, ...condition.bindings] };
  };
  const parts = [step('identified', { sql: '1 = 1', bindings: [] }), step('referred', { sql: referred, bindings: [] }), step('assisted', { sql: assisted, bindings: ASSISTED_REFERRAL_STATUSES })];
  return { sql: parts.map((p) => p.sql).join(' UNION '), bindings: parts.flatMap((p) => p.bindings) };
}

export const SDG_UNITS: Record<string, UnitsOf> = {
  // The rates' counts are the victims of the Global Report tables, cut the same way.
  'sdg-victims-rate-sex-age': CORE_UNITS['victims-by-sex-age']!,
  'sdg-victims-rate-form-sex': async (kit, scope) => personsIn(kit, scope, await kit.victimRoles(), `COALESCE(f.value, '${UNKNOWN}')`, kit.known('vp.sex', 'p.sex'), kit.exploitationFormsJoin()),
  'tip-investigations-by-type': investigationsByType,
  'tip-victims-identified-referred-assisted': victimsIdentifiedReferredAssisted,
  'smuggled-migrants-by-nationality-route': (kit, scope) => personsIn(kit, scope, [SMUGGLED_MIGRANT_ROLE], kit.known('vp.nationality', 'p.nationality'), kit.known('c.smuggling_route')),
};
