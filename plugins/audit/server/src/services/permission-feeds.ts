// Portal roles and their permissions changed in the admin panel's users-permissions screens. Those
// screens write through strapi.db.query, which the document-service middleware never sees, so the
// trail listens to the rows (as feeds.ts does for other plugins' events). A role's name and
// description are recorded by field name only; a permission grant or revoke by the permission's
// name (`api::case.case.find`), which is configuration, never personal data.
import type { Core } from '@strapi/strapi';
import { changedFields, scalarNames, type AttributeLike } from '../events/changed-fields';
import { PERMISSION_UID, ROLE_UID } from '../uids';
import { currentActor, currentClient } from './request-facts';
import { documentWriteOf } from './document-writes';
import type { TrailService } from './trail';

interface LifecycleEvent {
  params?: { where?: Record<string, unknown>; data?: Record<string, unknown> };
  result?: { id?: number; documentId?: string } | null;
  state: Record<string, unknown>;
}

type RoleRow = { id: number; documentId: string };
type PermissionRow = { id: number; action: string; role?: RoleRow | null };

export function subscribePermissionFeeds(strapi: Core.Strapi) {
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;
  const roleAttributes = () => ((strapi.getModel(ROLE_UID as never) as { attributes?: Record<string, AttributeLike> })?.attributes ?? {}) as Record<string, AttributeLike>;

  const record = (action: string, role: RoleRow | null | undefined, fields: string[]) =>
    trail().append({ actor: currentActor(strapi), action, target: { type: 'role', id: role?.documentId ?? null }, outcome: 'success', fields, client: currentClient(strapi) });

  const permissionsWhere = (where: Record<string, unknown> | undefined) =>
    strapi.db.query(PERMISSION_UID as never).findMany({ where, select: ['id', 'action'], populate: { role: { select: ['id', 'documentId'] } } }) as Promise<PermissionRow[]>;

  // Read before the rows go: afterwards neither their names nor their roles can be found.
  const beforePermissionsGo = async (event: LifecycleEvent) => {
    event.state.gone = await permissionsWhere(event.params?.where);
  };
  const afterPermissionsWent = async (event: LifecycleEvent) => {
    for (const permission of (event.state.gone as PermissionRow[] | undefined) ?? []) await record('role.permission-revoke', permission.role, [permission.action]);
  };

  strapi.db.lifecycles.subscribe({
    models: [PERMISSION_UID],
    async afterCreate(event: LifecycleEvent) {
      if (!event.result?.id) return;
      const [permission] = await permissionsWhere({ id: event.result.id });
      if (permission) await record('role.permission-grant', permission.role, [permission.action]);
    },
    beforeDelete: beforePermissionsGo,
    afterDelete: afterPermissionsWent,
    beforeDeleteMany: beforePermissionsGo,
    afterDeleteMany: afterPermissionsWent,
  } as never);

  // Role rows written through the document service are already recorded by its middleware.
  const viaDocuments = () => documentWriteOf() === ROLE_UID;
  const rolesWhere = (where: Record<string, unknown> | undefined, select: string[]) => strapi.db.query(ROLE_UID as never).findMany({ where, select: ['id', 'documentId', ...select] }) as Promise<Array<RoleRow & Record<string, unknown>>>;

  strapi.db.lifecycles.subscribe({
    models: [ROLE_UID],
    async afterCreate(event: LifecycleEvent) {
      if (viaDocuments() || !event.result) return;
      await record('role.create', event.result as RoleRow, changedFields(roleAttributes(), event.params?.data));
    },
    async beforeUpdate(event: LifecycleEvent) {
      if (viaDocuments()) return;
      event.state.before = await rolesWhere(event.params?.where, scalarNames(roleAttributes(), event.params?.data));
    },
    async afterUpdate(event: LifecycleEvent) {
      for (const before of (event.state.before as Array<RoleRow & Record<string, unknown>> | undefined) ?? []) {
        const fields = changedFields(roleAttributes(), event.params?.data, before);
        if (fields.length) await record('role.update', before, fields);
      }
    },
    async beforeDelete(event: LifecycleEvent) {
      if (viaDocuments()) return;
      event.state.gone = await rolesWhere(event.params?.where, []);
    },
    async afterDelete(event: LifecycleEvent) {
      for (const role of (event.state.gone as RoleRow[] | undefined) ?? []) await record('role.delete', role, []);
    },
  } as never);
}
