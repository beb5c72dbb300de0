// Creates the nine roles and grants their content-API permissions from config/permissions.json.
// Permissions are code, never clicks: whatever the matrix does not list is removed.
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { ROLE_KEYS, ROLE_NAMES } from './policy/roles';
import { ROLE_UID } from './uids';

const PERMISSION_UID = 'plugin::users-permissions.permission';

export interface PermissionMatrix {
  public: string[];
  roles: Record<string, string[]>;
}

export function readMatrix(file: string): PermissionMatrix {
  const matrix = JSON.parse(fs.readFileSync(file, 'utf8')) as PermissionMatrix;
  for (const key of Object.keys(matrix.roles)) {
    if (!(ROLE_KEYS as readonly string[]).includes(key)) throw new Error(`permissions.json names an unknown role: ${key}`);
  }
  return matrix;
}

async function ensureRole(strapi: Core.Strapi, type: string, name: string, description: string) {
  const existing = await strapi.db.query(ROLE_UID).findOne({ where: { type } });
  if (existing) return existing as { id: number };
  return (await strapi.db.query(ROLE_UID).create({ data: { type, name, description } })) as { id: number };
}

async function grantExactly(strapi: Core.Strapi, roleId: number, actions: string[]) {
  const current = (await strapi.db.query(PERMISSION_UID).findMany({ where: { role: roleId } })) as Array<{ id: number; action: string }>;
  const wanted = new Set(actions);
  const have = new Set(current.map((p) => p.action));
  for (const permission of current) {
    if (!wanted.has(permission.action)) await strapi.db.query(PERMISSION_UID).delete({ where: { id: permission.id } });
  }
  for (const action of wanted) {
    if (!have.has(action)) await strapi.db.query(PERMISSION_UID).create({ data: { action, role: roleId } });
  }
}

// Strapi's `unique` is checked in code, not by the database: these make look-ups indexed and
// uniqueness real under concurrency. Same SQL on SQLite and PostgreSQL.
const INDEXES: Array<[name: string, table: string, columns: string, unique?: boolean]> = [
  ['pett_sessions_sid_uq', 'pett_sessions', 'sid', true],
  ['pett_sessions_user_idx', 'pett_sessions', 'user_id'],
  ['pett_second_factors_user_uq', 'pett_second_factors', 'user_id', true],
  ['pett_sign_in_locks_key_uq', 'pett_sign_in_locks', 'account_key', true],
  ['pett_sign_in_challenges_hash_uq', 'pett_sign_in_challenges', 'challenge_hash', true],
  ['pett_break_glass_user_idx', 'pett_break_glass_grants', 'user_id, expires_at'],
  ['pett_break_glass_case_idx', 'pett_break_glass_grants', 'case_id'],
  ['pett_security_events_user_idx', 'pett_security_events', 'user_id, occurred_at'],
];

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  for (const [name, table, columns, unique] of INDEXES) {
    await strapi.db.connection.raw(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON ${table} (${columns})`);
  }

  const file = strapi.plugin('access').config('permissionsFile') as string;
  const matrix = readMatrix(file);

  for (const key of ROLE_KEYS) {
    const role = await ensureRole(strapi, key, ROLE_NAMES[key].es, ROLE_NAMES[key].en);
    await grantExactly(strapi, role.id, matrix.roles[key] ?? []);
  }
  const publicRole = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  if (publicRole) await grantExactly(strapi, publicRole.id, matrix.public);
  const authenticated = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'authenticated' } });
  if (authenticated) await grantExactly(strapi, authenticated.id, []);

  // No self-registration; new accounts are made by administrators only.
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  await store.set({ value: { ...advanced, allow_register: false, email_confirmation: false, default_role: 'authenticated' } });
};
