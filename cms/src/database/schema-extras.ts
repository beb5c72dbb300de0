// What Strapi's schema sync does not make: the case-number sequence table and the indexes that
// lists filter and sort on. Idempotent, same SQL on SQLite and PostgreSQL.
import type { Core } from '@strapi/strapi';

export const SEQUENCE_TABLE = 'pett_case_sequences';

const INDEXES: Array<[name: string, table: string, columns: string, unique?: boolean]> = [
  ['pett_cases_case_number_uq', 'cases', 'case_number', true],
  ['pett_cases_stage_idx', 'cases', 'stage'],
  ['pett_cases_case_type_idx', 'cases', 'case_type'],
  ['pett_cases_province_idx', 'cases', 'province'],
  ['pett_cases_year_idx', 'cases', 'year'],
  ['pett_cases_intake_date_idx', 'cases', 'intake_date'],
  ['pett_people_code_uq', 'people', 'code', true],
  ['pett_code_lists_key_uq', 'code_lists', 'key', true],
  ['pett_agencies_code_uq', 'agencies', 'code', true],
  ['pett_case_members_dates_idx', 'case_members', 'start_date, end_date'],
  ['pett_investigation_plans_case_uq', 'investigation_plans', 'case_document_id', true],
  ['pett_plan_templates_key_uq', 'plan_templates', 'key', true],
  // One population per year, province (null: the whole country), sex and age group.
  ['pett_population_estimates_uq', 'population_estimates', "year, COALESCE(province, ''), sex, age_group", true],
];

export async function ensureSchemaExtras(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(SEQUENCE_TABLE))) {
    await knex.schema.createTable(SEQUENCE_TABLE, (table) => {
      table.integer('year').primary();
      table.integer('value').notNullable();
    });
  }
  for (const [name, table, columns, unique] of INDEXES) {
    await knex.raw(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`);
  }
}

type RawResult = { rows?: Array<{ value: number }> } | Array<{ value: number }>;

/** Reserves the next number of a year's case sequence, atomically on both databases. */
export async function nextCaseSequence(knex: Core.Strapi['db']['connection'], year: number): Promise<number> {
  const result = (await knex.raw(
    `INSERT INTO ${SEQUENCE_TABLE} (year, value) VALUES (?, 1)
     ON CONFLICT (year) DO UPDATE SET value = ${SEQUENCE_TABLE}.value + 1
     RETURNING value`,
    [year],
  )) as RawResult;
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  const value = Number(rows[0]?.value);
  if (!Number.isInteger(value) || value < 1) throw new Error('case sequence did not return a number');
  return value;
}

/** Moves a year's sequence forward to at least `value` (after bulk loads). */
export async function raiseCaseSequence(knex: Core.Strapi['db']['connection'], year: number, value: number): Promise<void> {
  await knex.raw(
    `INSERT INTO ${SEQUENCE_TABLE} (year, value) VALUES (?, ?)
     ON CONFLICT (year) DO UPDATE SET value = CASE WHEN ${SEQUENCE_TABLE}.value > excluded.value THEN ${SEQUENCE_TABLE}.value ELSE excluded.value END`,
    [year, value],
  );
}

export function formatCaseNumber(year: number, sequence: number): string {
  return `PETT-${year}-${String(sequence).padStart(5, '0')}`;
}
