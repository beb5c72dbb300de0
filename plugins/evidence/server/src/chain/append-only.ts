// The database objects that keep custody events and file records append-only: triggers refusing
// UPDATE and DELETE (and TRUNCATE on PostgreSQL), as the audit plugin does for its trail, and the
// unique indexes that make a fork of a chain or a second item number impossible. A DBA can still
// drop a trigger; the integrity check is what catches what they then change. No Strapi import.
import { CUSTODY_TABLE, FILE_TABLE, ITEM_TABLE } from '../uids';

export interface NamedStatement { name: string; sql: string }

export const GUARD_FUNCTION = 'pett_evidence_guard';
const GUARDED_TABLES = [CUSTODY_TABLE, FILE_TABLE];

const GUARD_SQL = `CREATE OR REPLACE FUNCTION ${GUARD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence records are append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$`;

export function appendOnlyStatements(client: string): NamedStatement[] {
  const indexes: NamedStatement[] = [
    { name: `${CUSTODY_TABLE}_seq_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${CUSTODY_TABLE}_seq_uq ON ${CUSTODY_TABLE} (item_document_id, sequence)` },
    { name: `${ITEM_TABLE}_number_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${ITEM_TABLE}_number_uq ON ${ITEM_TABLE} (case_document_id, number)` },
    { name: `${FILE_TABLE}_item_idx`, sql: `CREATE INDEX IF NOT EXISTS ${FILE_TABLE}_item_idx ON ${FILE_TABLE} (item_document_id)` },
  ];
  if (client === 'postgres') {
    return [
      { name: GUARD_FUNCTION, sql: GUARD_SQL },
      ...indexes,
      ...GUARDED_TABLES.flatMap((table) => [
        { name: `${table}_guard`, sql: `CREATE TRIGGER ${table}_guard BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${GUARD_FUNCTION}()` },
        { name: `${table}_guard_truncate`, sql: `CREATE TRIGGER ${table}_guard_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${GUARD_FUNCTION}()` },
      ]),
    ];
  }
  return [
    ...indexes,
    ...GUARDED_TABLES.flatMap((table) => ['UPDATE', 'DELETE'].map((operation) => {
      const name = `${table}_refuse_${operation.toLowerCase()}`;
      return { name, sql: `CREATE TRIGGER IF NOT EXISTS ${name} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'evidence records are append-only: ${operation} on ${table} refused'); END` };
    })),
  ];
}

/** The names of functions, triggers and indexes the database already has. */
export const EXISTING_OBJECTS_SQL: Record<string, string> = {
  postgres: `SELECT proname AS name FROM pg_proc WHERE proname = '${GUARD_FUNCTION}'
             UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
             UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
  sqlite: `SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index')`,
};
