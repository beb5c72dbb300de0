// What the portal may know about a signed-in user: who they are and what they may do.
import type { Core } from '@strapi/strapi';
import { CASE_CREATORS, ROLE_NAMES, isRoleKey } from '../policy/roles';
import { canSearchPeople } from '../policy/identity';
import { canReadAuditTrail } from '../policy/policy';
import { USER_UID } from '../uids';
import type { Lang } from './language';

export async function describeUser(strapi: Core.Strapi, userId: number, lang: Lang) {
  const user = (await strapi.db.query(USER_UID as never).findOne({ where: { id: userId }, populate: ['role'] })) as { id: number; username: string; role?: { type?: string } } | null;
  const role = isRoleKey(user?.role?.type) ? user!.role!.type! : null;
  return {
    id: userId,
    username: user?.username ?? '',
    role,
    roleName: role ? ROLE_NAMES[role as keyof typeof ROLE_NAMES][lang] : '',
    can: {
      createCase: role ? CASE_CREATORS.has(role as never) : false,
      seeAllCases: role === 'chief-prosecutor',
      manageSessions: role === 'configurator',
      searchPeople: canSearchPeople(role ? { id: userId, role: role as never } : null),
      readAuditTrail: canReadAuditTrail(role ? { id: userId, role: role as never } : null),
    },
  };
}
