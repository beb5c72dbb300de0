// The nine roles of the platform and what each may do with cases, as plain data.
export const ROLE_KEYS = [
  'configurator',
  'chief-prosecutor',
  'prosecutor',
  'investigator',
  'victim-officer',
  'agency-liaison',
  'analyst',
  'statistician',
  'auditor',
] as const;

export type RoleKey = (typeof ROLE_KEYS)[number];

export const ROLE_NAMES: Record<RoleKey, { es: string; en: string }> = {
  configurator: { es: 'Administrador funcional', en: 'Configurator' },
  'chief-prosecutor': { es: 'Procurador(a) titular', en: 'Chief prosecutor' },
  prosecutor: { es: 'Fiscal', en: 'Prosecutor' },
  investigator: { es: 'Investigador(a)', en: 'Investigator' },
  'victim-officer': { es: 'Oficial de atención a víctimas', en: 'Victim officer' },
  'agency-liaison': { es: 'Enlace institucional', en: 'Agency liaison' },
  analyst: { es: 'Analista', en: 'Analyst' },
  statistician: { es: 'Estadístico(a)', en: 'Statistician' },
  auditor: { es: 'Auditor(a)', en: 'Auditor' },
};

/** Roles whose members work cases through a team membership. */
export const TEAM_ROLES: ReadonlySet<RoleKey> = new Set(['prosecutor', 'investigator', 'victim-officer', 'analyst']);

/** Roles that may open a new case (and become its lead). */
export const CASE_CREATORS: ReadonlySet<RoleKey> = new Set(['chief-prosecutor', 'prosecutor']);

/** Team roles (inside a case team) that may edit the case record. */
export const CASE_EDITING_TEAM_ROLES: ReadonlySet<string> = new Set(['lead-prosecutor', 'prosecutor']);

export function isRoleKey(value: unknown): value is RoleKey {
  return typeof value === 'string' && (ROLE_KEYS as readonly string[]).includes(value);
}
