// The database objects that keep the audit tables append-only and fast: triggers that refuse
// UPDATE and DELETE (and TRUNCATE on PostgreSQL), and the unique and look-up indexes. Each has a
// name, so startup creates only what is missing: once an operator has handed the tables to an
// owner role (docs/audit.md), the application's role may not run DDL on them at all.
// No Strapi import.
import { CHECKPOINT_TABLE, ENTRY_TABLE } from './entry';

export interface NamedStatement { name: string; sql: string }

const REFUSE_FUNCTION = 'pett_audit_refuse_change';

function triggers(client: string, table: string): NamedStatement[] {
  if (client === 'postgres') {
    return [
      { name: `${table}_append_only`, sql: `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${REFUSE_FUNCTION}()` },
      { name: `${table}_no_truncate`, sql: `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${REFUSE_FUNCTION}()` },
    ];
  }
  return ['UPDATE', 'DELETE'].map((operation) => ({
    name: `${table}_no_${operation.toLowerCase()}`,
    sql: `CREATE TRIGGER IF NOT EXISTS ${table}_no_${operation.toLowerCase()} BEFORE ${operation} ON ${table} BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: ${operation} on ${table} refused'); END`,
  }));
}

/** Every statement, in order, for SQLite or PostgreSQL (`client` as Strapi names it). */
export function appendOnlyStatements(client: string): NamedStatement[] {
  const fn: NamedStatement[] = client === 'postgres'
    ? [{ name: REFUSE_FUNCTION, sql: `CREATE OR REPLACE FUNCTION ${REFUSE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$` }]
    : [];
  const indexes: NamedStatement[] = [
    { name: `${ENTRY_TABLE}_seq_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${ENTRY_TABLE}_seq_uq ON ${ENTRY_TABLE} (seq)` },
    { name: `${CHECKPOINT_TABLE}_seq_uq`, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${CHECKPOINT_TABLE}_seq_uq ON ${CHECKPOINT_TABLE} (seq)` },
    { name: `${ENTRY_TABLE}_target_idx`, sql: `CREATE INDEX IF NOT EXISTS ${ENTRY_TABLE}_target_idx ON ${ENTRY_TABLE} (target_type, target_id)` },
    { name: `${ENTRY_TABLE}_actor_idx`, sql: `CREATE INDEX IF NOT EXISTS ${ENTRY_TABLE}_actor_idx ON ${ENTRY_TABLE} (actor_user_id, at)` },
  ];
  return [...fn, ...indexes, ...triggers(client, ENTRY_TABLE), ...triggers(client, CHECKPOINT_TABLE)];
}

/** The names of functions, triggers and indexes the database already has. */
export const EXISTING_OBJECTS_SQL: Record<string, string> = {
  postgres: `SELECT proname AS name FROM pg_proc WHERE proname = '${REFUSE_FUNCTION}'
             UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
             UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`,
  sqlite: `SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index')`,
};
