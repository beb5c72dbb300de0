// Dynamic indicators from the forms: each field a form flags for statistics (and never marked
// sensitive) becomes `form-field:<target>:<field>`, counting cases, victims or parties by the answer
// kept in the record's JSON column `custom`, read in SQL (json_each on SQLite; jsonb on PostgreSQL).
import { FORM_FIELD_TARGETS, FIELD_KEY, formFieldIndicator, offerable, parseFormFieldKey, type FormFieldTarget, type StatisticsField } from '../indicators/catalogue-form-fields';
import { UNKNOWN, type Indicator } from '../indicators/catalogue';
import { CASE_UID } from '../uids';
import type { SqlKit, UnitsOf } from './sql-kit';
import { personsIn } from './units/core';

/** What the statistics read of the forms plugin's definitions service. */
interface FormsDefinitions {
  statisticsDimensions(target: string): Promise<StatisticsField[]>;
  sensitiveKeys(target: string): Promise<Set<string>>;
}

export interface ResolvedIndicator { indicator: Indicator; units: UnitsOf }

/**
 * One row per answer to `key` in the JSON column `column` (alias a), none when unanswered: a list
 * gives one row per item, a single answer one row. `key` matched FIELD_KEY, so it is inlined.
 */
export function answersJoin(kit: SqlKit, column: string, key: string): string {
  if (!FIELD_KEY.test(key)) throw new Error('unsafe form field key');
  if (kit.isPostgres()) {
    const value = `(${column}::jsonb -> '${key}')`;
    return `LEFT JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} WHEN jsonb_typeof(${value}) IN ('string', 'number', 'boolean') THEN jsonb_build_array(${value}) END) AS a(value) ON true`;
  }
  return `LEFT JOIN json_each(CASE WHEN json_valid(${column}) THEN ${column} END, '$.${key}') AS a ON 1 = 1`;
}

/** The answer's code: yes/no as 'true'/'false' on both databases; none as "unknown". */
export function answerCode(kit: SqlKit): string {
  if (kit.isPostgres()) return `COALESCE(NULLIF(a.value, ''), '${UNKNOWN}')`;
  return `COALESCE(NULLIF(CASE a.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL WHEN 'object' THEN NULL WHEN 'array' THEN NULL ELSE CAST(a.value AS TEXT) END, ''), '${UNKNOWN}')`;
}

/** The counted units of a field's indicator: cases by case type; victims (once per case) or parties by sex. */
function unitsOf(target: FormFieldTarget, key: string): UnitsOf {
  return async (kit, scope) => {
    const where = kit.scopeOf(scope);
    const sex = kit.known('vp.sex', 'p.sex');
    if (target === 'case') {
      return { sql: `SELECT DISTINCT c.id AS case_id, ${answerCode(kit)} AS r, ${kit.known('c.case_type')} AS c FROM ${kit.table(CASE_UID)} c ${answersJoin(kit, 'c.custom', key)} WHERE ${where.sql}`, bindings: where.bindings };
    }
    if (target === 'victim-profile') return personsIn(kit, scope, await kit.victimRoles(), answerCode(kit), sex, answersJoin(kit, 'vp.custom', key));
    return { sql: `SELECT DISTINCT cp.id AS party_id, ${answerCode(kit)} AS r, ${sex} AS c FROM ${kit.peopleInCases()} ${answersJoin(kit, 'cp.custom', key)} WHERE ${where.sql}`, bindings: where.bindings };
  };
}

function definitions(kit: SqlKit): FormsDefinitions | null {
  const forms = kit.strapi.plugin('forms');
  return forms ? (forms.service('definitions') as unknown as FormsDefinitions) : null;
}

/** The offerable fields of one target, with their indicators. */
async function indicatorsOfTarget(kit: SqlKit, target: FormFieldTarget): Promise<ResolvedIndicator[]> {
  const forms = definitions(kit);
  if (!forms) return [];
  const [fields, sensitive] = await Promise.all([forms.statisticsDimensions(target), forms.sensitiveKeys(target)]);
  const offered = fields.filter((f) => offerable(f, sensitive));
  const lists = await kit.codeLists([...new Set(offered.map((f) => f.codeList).filter((k): k is string => !!k))]);
  return offered.map((field) => ({ indicator: formFieldIndicator(target, field, lists.get(field.codeList ?? '')?.length ?? 0), units: unitsOf(target, field.key) }));
}

/** Every form-field indicator, target by target in FORM_FIELD_TARGETS order, fields as their forms list them. */
export async function formFieldIndicators(kit: SqlKit): Promise<ResolvedIndicator[]> {
  const all: ResolvedIndicator[] = [];
  for (const target of FORM_FIELD_TARGETS) all.push(...(await indicatorsOfTarget(kit, target)));
  return all;
}

/** The form-field indicator a key names, or null (not such a key, a field not flagged, or sensitive). */
export async function formFieldIndicatorOf(kit: SqlKit, key: string): Promise<ResolvedIndicator | null> {
  const parsed = parseFormFieldKey(key);
  if (!parsed) return null;
  return (await indicatorsOfTarget(kit, parsed.target)).find((r) => r.indicator.key === key) ?? null;
}
