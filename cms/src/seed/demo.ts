// The demo installation: one user per role (two prosecutors on different teams), random passwords
// printed once and written to data/demo-credentials.txt (0600), and a synthetic data set.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';
import type { Core } from '@strapi/strapi';
import { dataDir } from '../../config/paths';
import { AGENCY_LIAISON_UID, AGENCY_UID, CASE_UID, CODE_LIST_UID, ROLE_UID, USER_UID } from '../uids';
import { buildDemoDataSet, demoNationalities } from './demo-data';
import { loadDataSet, type MembershipPlan } from './load-data-set';
import { ensureConfiguratorRole } from './admin-roles';
import type { WorkflowsService } from '@pett/workflow/dist/server/services/workflows';
import type { MovesService } from '@pett/workflow/dist/server/services/moves';

export const DEMO_EMAIL_DOMAIN = 'demo.pett.invalid';

const DEMO_USERS: Array<{ role: string; username: string }> = [
  { role: 'configurator', username: 'configurador.demo' },
  { role: 'chief-prosecutor', username: 'titular.demo' },
  { role: 'prosecutor', username: 'fiscal.demo1' },
  { role: 'prosecutor', username: 'fiscal.demo2' },
  { role: 'investigator', username: 'investigador.demo' },
  { role: 'victim-officer', username: 'victimas.demo' },
  { role: 'agency-liaison', username: 'enlace.demo' },
  { role: 'analyst', username: 'analista.demo' },
  { role: 'statistician', username: 'estadistica.demo' },
  { role: 'auditor', username: 'auditor.demo' },
  // A second liaison, of another agency: what one agency is referred the other never reaches.
  { role: 'agency-liaison', username: 'enlace.demo2' },
];

/** The agency each demo liaison speaks for (plugin::access.agency-liaison, set in /admin in a real installation). */
const DEMO_LIAISON_AGENCIES: Record<string, string> = { 'enlace.demo': 'REFUGIO', 'enlace.demo2': 'INACIF' };

async function linkDemoLiaisons(strapi: Core.Strapi, users: CreatedUser[]): Promise<void> {
  for (const [username, code] of Object.entries(DEMO_LIAISON_AGENCIES)) {
    const user = users.find((u) => u.username === username);
    const agency = (await strapi.db.query(AGENCY_UID).findOne({ where: { code }, select: ['id'] })) as { id: number } | null;
    if (user && agency) await strapi.db.query(AGENCY_LIAISON_UID).create({ data: { user: user.id, agency: agency.id, active: true } });
  }
}

export function randomPassword(): string {
  // 18 random bytes in base64url: 24 characters, about 144 bits.
  return randomBytes(18).toString('base64url');
}

export function credentialsFile(): string {
  return path.resolve(process.env.PETT_CREDENTIALS_FILE ?? path.join(dataDir(), 'demo-credentials.txt'));
}

interface CreatedUser { role: string; username: string; password: string; id: number; totpSecret: string }

async function createDemoUsers(strapi: Core.Strapi): Promise<CreatedUser[]> {
  const users: CreatedUser[] = [];
  for (const { role, username } of DEMO_USERS) {
    const password = randomPassword();
    const email = `${username}@${DEMO_EMAIL_DOMAIN}`;
    const roleRow = (await strapi.db.query(ROLE_UID).findOne({ where: { type: role } })) as { id: number } | null;
    if (!roleRow) throw new Error(`role ${role} is missing: the access plugin must run first`);
    const user = (await strapi.plugin('users-permissions').service('user').add({
      username, email, password, provider: 'local', confirmed: true, blocked: false, role: roleRow.id,
    })) as { id: number };
    if (role === 'configurator') {
      // The configurator works in the admin panel; the portal account only reads configuration.
      const adminRole = await ensureConfiguratorRole(strapi);
      await strapi.service('admin::user').create({ email, firstname: 'Configurador', lastname: 'DEMO', password, isActive: true, registrationToken: null, roles: [adminRole] });
    }
    // Enrolled at seed time so a tester can add the secret to any authenticator app.
    const totpSecret = generateSecret();
    await (strapi.plugin('access').service('signIn') as { enrol(userId: number, secret: string, step: number | null): Promise<string[]> }).enrol(user.id, totpSecret, null);
    users.push({ role, username: role === 'configurator' ? email : username, password, id: user.id, totpSecret });
  }
  return users;
}

function membershipPlan(users: CreatedUser[], today: string): MembershipPlan {
  const by = (username: string) => users.find((u) => u.username === username)!.id;
  const fiscal = [by('fiscal.demo1'), by('fiscal.demo2')];
  const investigator = by('investigador.demo');
  const victimOfficer = by('victimas.demo');
  const analyst = by('analista.demo');
  const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return (caseIndex, team) => {
    if (team === 2) return [];
    const start = '2019-01-01';
    const members = [{ userId: fiscal[team], teamRole: 'lead-prosecutor', startDate: start, endDate: null as string | null }];
    if (caseIndex % 4 === 0) members.push({ userId: investigator, teamRole: 'investigator', startDate: start, endDate: null });
    // The investigator left some teams last year: those cases are no longer theirs to see.
    if (caseIndex % 4 === 1) members.push({ userId: investigator, teamRole: 'investigator', startDate: start, endDate: lastYear });
    if (caseIndex % 5 === 0) members.push({ userId: victimOfficer, teamRole: 'victim-officer', startDate: start, endDate: null });
    if (caseIndex % 7 === 0) members.push({ userId: analyst, teamRole: 'analyst', startDate: start, endDate: null });
    return members;
  };
}

async function catalogueForDemo(strapi: Core.Strapi) {
  const lists = (await strapi.documents(CODE_LIST_UID as never).findMany({ filters: { key: { $in: ['province', 'nationality'] } }, populate: ['items'] } as never)) as unknown as Array<{ key: string; items: Array<{ code: string; labelEs: string; sortOrder?: number | null }> }>;
  const items = (key: string) => lists.find((l) => l.key === key)?.items ?? [];
  return {
    provinces: items('province').map((i) => i.code),
    provinceLabels: Object.fromEntries(items('province').map((i) => [i.code, i.labelEs])),
    nationalities: demoNationalities(items('nationality')),
  };
}

/**
 * The demo cases are loaded straight into their stages, so each enters it now as a move would make it
 * enter: the stage's SOP checklists open and its deadlines start (from today), one transaction a case.
 */
async function openDemoChecklists(strapi: Core.Strapi, caseIds: number[], today: string): Promise<void> {
  const workflows = strapi.plugin('workflow').service('workflows') as WorkflowsService;
  const moves = strapi.plugin('workflow').service('moves') as MovesService;
  const at = new Date().toISOString();
  const rows = (await strapi.db.query(CASE_UID as never).findMany({ where: { id: { $in: caseIds } }, select: ['id', 'documentId', 'stage', 'caseType', 'workflowKey', 'workflowVersion'] })) as Array<{ id: number; documentId: string; stage: string; caseType: string | null; workflowKey: string | null; workflowVersion: number | null }>;
  for (const row of rows) {
    const followed = await workflows.ofCase(row);
    await strapi.db.transaction(() => moves.enterStage({ caseId: row.id, caseDocumentId: row.documentId, caseType: row.caseType, workflow: followed.definition, stage: row.stage, at, today, source: 'demo' }));
  }
}

/** Seeds the demo installation once: does nothing when demo users already exist. */
export async function seedDemo(strapi: Core.Strapi, caseCount: number): Promise<void> {
  const already = await strapi.db.query(USER_UID).count({ where: { email: { $endsWith: `@${DEMO_EMAIL_DOMAIN}` } } });
  if (already > 0) return;
  const today = new Date().toISOString().slice(0, 10);
  const users = await createDemoUsers(strapi);
  await linkDemoLiaisons(strapi, users);
  const data = buildDemoDataSet(caseCount, await catalogueForDemo(strapi), { today });
  const { caseIds } = await loadDataSet(strapi, data, membershipPlan(users, today), { demo: true });
  await openDemoChecklists(strapi, caseIds, today);

  const file = credentialsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lines = users.map((u) => [u.role, u.username, u.password, u.totpSecret].join('\t'));
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  const cases = await strapi.db.query(CASE_UID).count();
  // Printed once, on purpose: these are synthetic demo accounts, never real people.
  process.stdout.write(`\n[PETT] Datos de demostración creados: ${cases} casos ficticios.\n[PETT] Usuarios de demostración (rol, usuario, contraseña, secreto TOTP), guardados en ${file}:\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);
}
