// The admin-panel role of the configurator: configuration content only, never case or victim data.
import type { Core } from '@strapi/strapi';
import { AGENCY_LIAISON_UID, AGENCY_UID, CODE_LIST_UID, DEADLINE_RULE_UID, FORM_DEFINITION_UID, PLAN_TEMPLATE_UID, POPULATION_ESTIMATE_UID, REFERRAL_DATA_SET_UID, REPORT_SCHEDULE_UID, SOP_TEMPLATE_UID, USER_UID, WORKFLOW_UID } from '../uids';

export const CONFIGURATOR_ROLE_CODE = 'pett-configurator';
// PLAN_TEMPLATE_UID: the investigation-plan templates of the training manual.
// POPULATION_ESTIMATE_UID: the population the SDG 16.2.2 rates divide by. REPORT_SCHEDULE_UID:
// statistical report schedules (the snapshots they make are not configuration: no admin view).
// AGENCY_LIAISON_UID: which agency a liaison account speaks for; REFERRAL_DATA_SET_UID: what a referral shares.
const CONFIG_TYPES = [CODE_LIST_UID, AGENCY_UID, SOP_TEMPLATE_UID, WORKFLOW_UID, DEADLINE_RULE_UID, FORM_DEFINITION_UID, PLAN_TEMPLATE_UID, POPULATION_ESTIMATE_UID, REPORT_SCHEDULE_UID, AGENCY_LIAISON_UID, REFERRAL_DATA_SET_UID];
const ACTIONS = ['read', 'create', 'update', 'delete'].map((a) => `plugin::content-manager.explorer.${a}`);

interface RoleService {
  create(attrs: { name: string; code: string; description: string }): Promise<{ id: number }>;
  assignPermissions(roleId: number, permissions: Array<{ action: string; subject: string | null; properties?: object; conditions?: string[] }>): Promise<unknown>;
}

export async function ensureConfiguratorRole(strapi: Core.Strapi): Promise<number> {
  const existing = (await strapi.db.query('admin::role').findOne({ where: { code: CONFIGURATOR_ROLE_CODE } })) as { id: number } | null;
  const roles = strapi.service('admin::role') as unknown as RoleService;
  const role = existing ?? (await roles.create({ name: 'Configurador', code: CONFIGURATOR_ROLE_CODE, description: 'Formularios, listas de códigos, protocolos, instituciones y usuarios. Nunca contenido de casos o víctimas.' }));
  const permissions = [
    ...CONFIG_TYPES.flatMap((subject) => ACTIONS.map((action) => ({ action, subject, properties: {}, conditions: [] }))),
    ...['read', 'create', 'update'].map((a) => ({ action: `plugin::content-manager.explorer.${a}`, subject: USER_UID, properties: {}, conditions: [] })),
    // Forms have a draft: publishing one checks it and freezes a new version (plugins/forms).
    { action: 'plugin::content-manager.explorer.publish', subject: FORM_DEFINITION_UID, properties: {}, conditions: [] },
  ];
  await roles.assignPermissions(role.id, permissions);
  return role.id;
}
