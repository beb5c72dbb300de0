// Portal roles and their permissions changed in the admin panel's users-permissions screens (they
// write through strapi.db.query, past the document service) are in the trail, as the admin who did
// it, with field and permission names only; and the permissions startup sets from
// config/permissions.json, as the system.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';

const targets = inject('apiTargets');

interface Entry { seq: number; action: string; actor_kind: string; actor_user_id: number | null; target_type: string | null; target_id: string | null; outcome: string; fields: string }

describe.each(targets.map((t) => [t.name, t] as const))('permission changes in the admin panel on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const configurator = target.credentials.find((c) => c.role === 'configurator')!;
  const tag = randomBytes(4).toString('hex');
  const description = `Rol temporal de la prueba ${tag} (DEMO)`;
  let headers: Record<string, string>;
  let adminId: number;
  // The demo configurator's admin role has no users-permissions screens; a real installation's
  // configurator is a Super Admin (npm run setup). Lent for this file only.
  const superAdminLink = (sql: 'insert' | 'delete') => {
    const user = `(select id from admin_users where email = '${configurator.username}')`;
    const role = "(select id from admin_roles where code = 'strapi-super-admin')";
    return executeSql(target, sql === 'insert' ? `insert into admin_users_roles_lnk (user_id, role_id) values (${user}, ${role})` : `delete from admin_users_roles_lnk where user_id = ${user} and role_id = ${role}`);
  };
  const entriesAfter = async (seq: number) => (await queryRows<Entry>(target, `select seq, action, actor_kind, actor_user_id, target_type, target_id, outcome, fields from audit_entries where seq > ${seq} order by seq`)).map((e) => ({ ...e, seq: Number(e.seq), actor_user_id: e.actor_user_id == null ? null : Number(e.actor_user_id), fields: JSON.parse(e.fields) as string[] }));
  const headSeq = async () => Number((await queryRows<{ n: number | null }>(target, 'select max(seq) as n from audit_entries'))[0].n ?? 0);

  beforeAll(async () => {
    await superAdminLink('insert');
    headers = await anonymous.adminHeaders();
    adminId = Number((await queryRows<{ id: number }>(target, `select id from admin_users where email = '${configurator.username}'`))[0].id);
  });

  afterAll(async () => {
    await superAdminLink('delete');
  });

  it('records the permissions of config/permissions.json that startup granted, as the system', async () => {
    const granted = await queryRows<{ fields: string; target_id: string }>(target, "select fields, target_id from audit_entries where action = 'role.permission-grant' and actor_kind = 'system'");
    const prosecutor = (await queryRows<{ document_id: string }>(target, "select document_id from up_roles where type = 'prosecutor'"))[0].document_id;
    expect(granted.filter((e) => e.target_id === prosecutor).map((e) => JSON.parse(e.fields)[0])).toContain('api::case.case.find');
  });

  it('records a role created, renamed, granted and revoked a permission, and deleted, as the admin who did it', async () => {
    const start = await headSeq();
    const admin = (method: string, route: string, body?: unknown) => anonymous.request(method, route, { headers, body });
    const created = await admin('POST', '/users-permissions/roles', { name: `Temporal ${tag}`, description, permissions: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const role = ((await admin('GET', '/users-permissions/roles')).body.roles as Array<{ id: number; documentId: string; name: string }>).find((r) => r.name === `Temporal ${tag}`)!;
    const grant = { 'api::case': { controllers: { case: { find: { enabled: true }, findOne: { enabled: false } } } } };
    expect((await admin('PUT', `/users-permissions/roles/${role.id}`, { name: `Temporal ${tag} bis`, description, permissions: grant })).status).toBe(200);
    expect((await admin('PUT', `/users-permissions/roles/${role.id}`, { name: `Temporal ${tag} bis`, description, permissions: {} })).status).toBe(200);
    expect((await admin('DELETE', `/users-permissions/roles/${role.id}`)).status).toBe(200);

    const entries = (await entriesAfter(start)).filter((e) => e.target_type === 'role' && e.target_id === role.documentId);
    expect(entries.map((e) => [e.action, e.fields])).toEqual([
      ['role.create', ['description', 'name', 'type']],
      ['role.update', ['name']],
      ['role.permission-grant', ['api::case.case.find']],
      ['role.permission-revoke', ['api::case.case.find']],
      ['role.delete', []],
    ]);
    for (const entry of entries) expect(entry).toMatchObject({ actor_kind: 'admin', actor_user_id: adminId, outcome: 'success' });
    expect(JSON.stringify(await entriesAfter(start))).not.toContain(tag);
  });
});
