// The units of the charge indicators (offences recorded; persons suspected, prosecuted and
// convicted; the TIP report's prosecutions, sentences and officials), and the `offence` and
// `lawVersion` request filters. All in SQL over charges -> case, and charges -> party -> person.
import { UNKNOWN } from '../../indicators/catalogue';
import { SENTENCE_BANDS } from '../../indicators/catalogue-charges';
import type { IndicatorScope } from '../../indicators/query';
import { CASE_PARTY_UID, CASE_UID, CHARGE_UID, PERSON_UID } from '../../uids';
import type { Sql, SqlKit, UnitsOf } from '../sql-kit';

/**
 * A charge was brought (the person was prosecuted) when it is charged, indicted or decided, or
 * when it was dismissed or withdrawn after a charge date was recorded.
 */
const PROSECUTED = `(ch.status IN ('charged', 'indicted', 'convicted', 'acquitted') OR (ch.status IN ('dismissed', 'withdrawn') AND ch.charged_at IS NOT NULL))`;
const CONVICTED = `ch.status = 'convicted'`;

/** One row per stage a charge reached: every charge was investigated; some prosecuted; some convicted. */
const STAGES_REACHED = `JOIN (SELECT 'investigated' AS s UNION ALL SELECT 'prosecuted' UNION ALL SELECT 'convicted') st
  ON (st.s = 'investigated' OR (st.s = 'prosecuted' AND ${PROSECUTED}) OR (st.s = 'convicted' AND ${CONVICTED}))`;

/** Cases `c` joined to their charges `ch`. */
function chargesInCases(kit: SqlKit): string {
  const chargeCase = kit.link(CHARGE_UID, 'case');
  return `${kit.table(CASE_UID)} c
      JOIN ${chargeCase.name} chc ON chc.${chargeCase.to} = c.id
      JOIN ${kit.table(CHARGE_UID)} ch ON ch.id = chc.${chargeCase.from}`;
}

/** Cases `c`, their charges `ch`, the charged party `cp` and its person `p`. */
function chargedPeople(kit: SqlKit): string {
  const chargeParty = kit.link(CHARGE_UID, 'party');
  const partyPerson = kit.link(CASE_PARTY_UID, 'person');
  return `${chargesInCases(kit)}
      JOIN ${chargeParty.name} chp ON chp.${chargeParty.from} = ch.id
      JOIN ${kit.table(CASE_PARTY_UID)} cp ON cp.id = chp.${chargeParty.to}
      JOIN ${partyPerson.name} pp ON pp.${partyPerson.from} = cp.id
      JOIN ${kit.table(PERSON_UID)} p ON p.id = pp.${partyPerson.to}`;
}

const inList = (column: string, codes: string[]): Sql => (codes.length ? { sql: `${column} IN (${codes.map(() => '?').join(', ')})`, bindings: codes } : { sql: '1 = 0', bindings: [] });

/** Distinct (case, natural person) pairs charged, with their row and column codes. */
function chargedPersons(kit: SqlKit, scope: IndicatorScope, r: Sql, c: Sql, condition: Sql, extraJoin = ''): Sql {
  const where = kit.scopeOf(scope);
  return {
    sql: `SELECT DISTINCT c.id AS case_id, p.id AS person_id, ${r.sql} AS r, ${c.sql} AS c FROM ${chargedPeople(kit)} ${extraJoin}
      WHERE p.person_kind = 'natural' AND ${condition.sql} AND ${where.sql}`,
    bindings: [...r.bindings, ...c.bindings, ...condition.bindings, ...where.bindings],
  };
}

/** Does the case's list of forms of exploitation hold one of `codes`? */
function caseHasForm(kit: SqlKit, codes: string[]): Sql {
  const within = inList('f.value', codes);
  const forms = kit.isPostgres()
    ? `jsonb_array_elements_text(CASE WHEN jsonb_typeof(c.exploitation_forms::jsonb) = 'array' THEN c.exploitation_forms::jsonb END) AS f(value)`
    : `json_each(CASE WHEN json_type(c.exploitation_forms) = 'array' THEN c.exploitation_forms END) AS f`;
  return { sql: `EXISTS (SELECT 1 FROM ${forms} WHERE ${within.sql})`, bindings: within.bindings };
}

/** The case's kind of trafficking for the TIP report: sex or labour when its forms are only of that kind, else unspecified. */
async function tipFormOfCase(kit: SqlKit): Promise<Sql> {
  const forms = (await kit.codeLists(['exploitation-form'])).get('exploitation-form') ?? [];
  const sex = caseHasForm(kit, forms.filter((f) => f.meta?.tipCategory === 'sex').map((f) => f.code));
  const labour = caseHasForm(kit, forms.filter((f) => f.meta?.tipCategory === 'labour').map((f) => f.code));
  return {
    sql: `CASE WHEN ${sex.sql} AND NOT ${labour.sql} THEN 'sex' WHEN ${labour.sql} AND NOT ${sex.sql} THEN 'labour' ELSE 'unspecified' END`,
    bindings: [...sex.bindings, ...labour.bindings, ...labour.bindings, ...sex.bindings],
  };
}

async function offencesOfClass(kit: SqlKit, iccs: string): Promise<string[]> {
  return ((await kit.codeLists(['offence'])).get('offence') ?? []).filter((o) => o.meta?.iccs === iccs).map((o) => o.code);
}

const sentenceBand = () => `CASE WHEN ch.sentence_months IS NULL THEN '${UNKNOWN}' ${SENTENCE_BANDS.map((b) => (b.maxMonths === null ? `ELSE '${b.code}'` : `WHEN ch.sentence_months < ${b.maxMonths} THEN '${b.code}'`)).join(' ')} END`;
const plain = (sql: string): Sql => ({ sql, bindings: [] });

/**
 * The request's `offence` and `lawVersion` as a condition on the case `c`: it has such a charge
 * (with both, one charge of that offence under that version). Pushed into the kit's scopeParts.
 */
export function chargeScopePart(kit: SqlKit) {
  return (scope: IndicatorScope): Sql | null => {
    if (!scope.offence && !scope.lawVersion) return null;
    const chargeCase = kit.link(CHARGE_UID, 'case');
    const parts: string[] = [];
    const bindings: string[] = [];
    if (scope.offence) { parts.push('sch.offence = ?'); bindings.push(scope.offence); }
    if (scope.lawVersion) { parts.push('sch.law_version = ?'); bindings.push(scope.lawVersion); }
    return {
      sql: `EXISTS (SELECT 1 FROM ${chargeCase.name} schc JOIN ${kit.table(CHARGE_UID)} sch ON sch.id = schc.${chargeCase.from} WHERE schc.${chargeCase.to} = c.id AND ${parts.join(' AND ')})`,
      bindings,
    };
  };
}

export const CHARGE_UNITS: Record<string, UnitsOf> = {
  'offences-recorded': (kit, scope) => {
    const where = kit.scopeOf(scope);
    return { sql: `SELECT DISTINCT ch.id AS charge_id, ${kit.known('ch.offence')} AS r, ${kit.known('ch.law_version')} AS c FROM ${chargesInCases(kit)} WHERE ${where.sql}`, bindings: where.bindings };
  },
  'suspected-by-sex-citizenship': (kit, scope) => chargedPersons(kit, scope, plain(kit.known('p.sex')), plain(kit.known('p.nationality')), plain('1 = 1')),
  'prosecuted-by-sex-citizenship': (kit, scope) => chargedPersons(kit, scope, plain(kit.known('p.sex')), plain(kit.known('p.nationality')), plain(PROSECUTED)),
  'convicted-by-sex-citizenship': (kit, scope) => chargedPersons(kit, scope, plain(kit.known('p.sex')), plain(kit.known('p.nationality')), plain(CONVICTED)),
  'tip-prosecutions-convictions': async (kit, scope) => chargedPersons(kit, scope, plain('st.s'), await tipFormOfCase(kit), inList('ch.offence', await offencesOfClass(kit, '0204')), STAGES_REACHED),
  'tip-sentence-lengths': (kit, scope) => {
    const where = kit.scopeOf(scope);
    return { sql: `SELECT DISTINCT ch.id AS charge_id, ${sentenceBand()} AS r, ${kit.known('ch.offence')} AS c FROM ${chargesInCases(kit)} WHERE ${CONVICTED} AND ${where.sql}`, bindings: where.bindings };
  },
  'tip-officials': (kit, scope) => chargedPersons(kit, scope, plain('st.s'), plain(kit.known('c.case_type')), plain('cp.is_public_official'), STAGES_REACHED),
};
