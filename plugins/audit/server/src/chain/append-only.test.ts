import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { appendOnlyPlan, appendOnlyStatements, EXISTING_OBJECTS_SQL } from './append-only';

type Sqlite = { exec(sql: string): void; prepare(sql: string): { all(): Array<Record<string, unknown>> } };
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Sqlite;

/** A database as an earlier version left it: the audit tables, with triggers that refuse every DELETE. */
function earlierInstallation(): Sqlite {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE audit_entries (id INTEGER PRIMARY KEY, seq INTEGER, outcome TEXT, target_type TEXT, target_id TEXT, actor_user_id INTEGER, at TEXT);
    CREATE TABLE audit_checkpoints (id INTEGER PRIMARY KEY, seq INTEGER);
    CREATE TABLE audit_archives (id INTEGER PRIMARY KEY, from_seq INTEGER, upto INTEGER);
    INSERT INTO audit_entries (seq, outcome) VALUES (1, 'success'), (2, 'success'), (3, 'success'), (4, 'success');
    INSERT INTO audit_checkpoints (seq) VALUES (2);`);
  for (const table of ['audit_entries', 'audit_checkpoints']) {
    for (const op of ['UPDATE', 'DELETE']) db.exec(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, 'append-only'); END`);
  }
  return db;
}

const upgrade = (db: Sqlite) => {
  const existing = new Set(db.prepare(EXISTING_OBJECTS_SQL.sqlite).all().map((row) => String(row.name)));
  const plan = appendOnlyPlan('sqlite', existing);
  for (const { sql } of plan) db.exec(sql);
  return plan;
};

describe('the append-only triggers (SQLite)', () => {
  it('replace the earlier ones at startup, and then need nothing more', () => {
    const db = earlierInstallation();
    const plan = upgrade(db);
    expect(plan.slice(0, 4).map((s) => s.name)).toEqual(['audit_entries_no_update', 'audit_entries_no_delete', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete']);
    expect(upgrade(db)).toEqual([]);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all().map((r) => r.name);
    expect(names.sort()).toEqual(appendOnlyStatements('sqlite').filter((s) => s.name.includes('_refuse_')).map((s) => s.name).sort());
  });

  it('let only entries at or below the newest archive be deleted, and refuse every update', () => {
    const db = earlierInstallation();
    upgrade(db);
    expect(() => db.exec('DELETE FROM audit_entries WHERE seq = 1')).toThrow(/append-only: DELETE on audit_entries/);
    db.exec('INSERT INTO audit_archives (from_seq, upto) VALUES (1, 2)');
    db.exec('DELETE FROM audit_entries WHERE seq <= 2');
    expect(() => db.exec('DELETE FROM audit_entries WHERE seq = 3')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE audit_entries SET outcome = 'x' WHERE seq = 4")).toThrow(/append-only: UPDATE/);
    expect(() => db.exec('DELETE FROM audit_checkpoints')).toThrow(/append-only/);
    expect(() => db.exec('UPDATE audit_archives SET upto = 4')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_archives')).toThrow(/append-only/);
    expect(db.prepare('SELECT seq FROM audit_entries ORDER BY seq').all()).toEqual([{ seq: 3 }, { seq: 4 }]);
  });
});
