// Reads ground truth straight from the database under test (SQLite file or PostgreSQL), for tests
// that compare what the API answers with what the access policy says.
import { createRequire } from 'node:module';
import pg from 'pg';
import type { TestTarget } from './server-harness.ts';

const require = createRequire(import.meta.url);
type Sqlite = { prepare(sql: string): { all(...args: unknown[]): unknown[] }; close(): void };
const Database = require('better-sqlite3') as new (file: string, options?: object) => Sqlite;

export async function queryRows<T>(target: Pick<TestTarget, 'databaseFile' | 'databaseUrl'>, sql: string): Promise<T[]> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(target.databaseFile!, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export interface CaseFactsRow { caseId: number; documentId: string; parties: number; members: Array<{ userId: number; teamRole: string; startDate: string; endDate: string | null }>; breakGlassUserIds: number[] }

const day = (value: unknown) => (value == null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** Every case with its memberships, party count and active emergency accesses. */
export async function caseFacts(target: Pick<TestTarget, 'databaseFile' | 'databaseUrl'>): Promise<CaseFactsRow[]> {
  const cases = await queryRows<{ id: number; document_id: string }>(target, 'SELECT id, document_id FROM cases');
  const members = await queryRows<{ case_id: number; user_id: number; team_role: string; start_date: unknown; end_date: unknown }>(target, `
    SELECT cl.case_id, ul.user_id, m.team_role, m.start_date, m.end_date FROM case_members m
    JOIN case_members_case_lnk cl ON cl.case_member_id = m.id JOIN case_members_user_lnk ul ON ul.case_member_id = m.id`);
  const parties = await queryRows<{ case_id: number; n: number | string }>(target, 'SELECT case_id, count(*) AS n FROM case_parties_case_lnk GROUP BY case_id');
  const grants = await queryRows<{ case_id: number; user_id: number; expires_at: unknown }>(target, 'SELECT case_id, user_id, expires_at FROM pett_break_glass_grants');
  const now = Date.now();
  return cases.map((c) => ({
    caseId: Number(c.id),
    documentId: c.document_id,
    parties: Number(parties.find((p) => Number(p.case_id) === Number(c.id))?.n ?? 0),
    members: members.filter((m) => Number(m.case_id) === Number(c.id)).map((m) => ({ userId: Number(m.user_id), teamRole: m.team_role, startDate: day(m.start_date)!, endDate: day(m.end_date) })),
    breakGlassUserIds: grants.filter((g) => Number(g.case_id) === Number(c.id) && new Date(typeof g.expires_at === 'number' ? g.expires_at : String(g.expires_at)).getTime() > now).map((g) => Number(g.user_id)),
  }));
}

export async function userIds(target: Pick<TestTarget, 'databaseFile' | 'databaseUrl'>): Promise<Map<string, { id: number; role: string }>> {
  const rows = await queryRows<{ id: number; username: string; email: string; type: string }>(target, `
    SELECT u.id, u.username, u.email, r.type FROM up_users u JOIN up_users_role_lnk l ON l.user_id = u.id JOIN up_roles r ON r.id = l.role_id`);
  // Keyed by username and by e-mail: the demo configurator signs in with the address.
  return new Map(rows.flatMap((r) => [[r.username, { id: Number(r.id), role: r.type }], [r.email, { id: Number(r.id), role: r.type }]] as const));
}

/** Runs one statement that changes the database under test (for tamper tests only). */
export async function executeSql(target: Pick<TestTarget, 'databaseFile' | 'databaseUrl'>, sql: string): Promise<void> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(target.databaseFile!, { fileMustExist: true }) as Sqlite & { exec(sql: string): void };
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}
