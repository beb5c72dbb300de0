// The indexes the indicators' aggregates read through, created idempotently (the same
// SQL on SQLite and PostgreSQL). Measured at 100,000 cases (docs/performance.md, "Statistics at
// 100,000 cases"): the case counts of a year read only the first index (no table rows), and the
// people in a year's cases are reached from the case ids through the link tables' covering indexes.
import type { Core } from '@strapi/strapi';
import { createSqlKit } from './services/sql-kit';
import { CASE_DEADLINE_UID, CASE_PARTY_UID, CASE_UID, VICTIM_PROFILE_UID } from './uids';

/** [index name, table, columns]; names are short enough for PostgreSQL (63 characters). */
export function statisticsIndexes(kit: ReturnType<typeof createSqlKit>): Array<[string, string, string]> {
  const partyCase = kit.link(CASE_PARTY_UID, 'case');
  const profilePerson = kit.link(VICTIM_PROFILE_UID, 'person');
  const out: Array<[string, string, string]> = [
    // Cases by intake date with what the case tables are cut by: a year's counts never read a case row.
    ['pett_stat_cases_intake_idx', kit.table(CASE_UID), 'intake_date, stage, case_type, province'],
    // From a case to its parties, and from a person to the victim profile, without reading the link rows.
    ['pett_stat_party_case_idx', partyCase.name, `${partyCase.to}, ${partyCase.from}`],
    ['pett_stat_profile_person_idx', profilePerson.name, `${profilePerson.to}, ${profilePerson.from}`],
  ];
  if (kit.hasType(CASE_DEADLINE_UID)) {
    const deadlineCase = kit.link(CASE_DEADLINE_UID, 'case');
    out.push(['pett_stat_deadline_case_idx', deadlineCase.name, `${deadlineCase.to}, ${deadlineCase.from}`]);
  }
  return out;
}

/** Creates the indexes that are missing (idempotent; run at every startup). */
export async function ensureStatisticsIndexes(strapi: Core.Strapi): Promise<void> {
  const kit = createSqlKit(strapi);
  for (const [name, table, columns] of statisticsIndexes(kit)) {
    await kit.knex().raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`);
  }
}
