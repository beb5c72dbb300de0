// Checks a whole investigation plan sent by the portal and answers either the clean plan or every
// problem by path (es/en). Pure: what exists (agencies, countries, the team, the case's people by
// code) is passed in. Items carry stable keys so that edits can be compared item by item.
export type Lang = 'es' | 'en';
export interface Problem { path: string[]; message: string }

export const ACTION_STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export const HYPOTHESIS_STATUSES = ['open', 'confirmed', 'discarded'] as const;
export const AUTHORISATION_KINDS = ['search', 'interception', 'bank-records', 'other'] as const;
export const MLA_STATUSES = ['draft', 'sent', 'acknowledged', 'partially-executed', 'executed', 'refused', 'withdrawn'] as const;
export const RESOURCE_KINDS = ['personnel', 'technical', 'logistics', 'financial', 'other'] as const;
export const LEVELS = ['low', 'medium', 'high'] as const;
export const NEED_STATUSES = ['open', 'satisfied', 'cancelled'] as const;
export const MAX_ROWS = 100;
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface Hypothesis { key: string; statement: string; basis: string | null; status: string; personCodes: string[] }
export interface Line { key: string; hypothesisKey: string; title: string; description: string | null }
export interface Action { key: string; lineKey: string; description: string; assigneeUser: string | null; assigneeAgency: string | null; dueDate: string | null; status: string; personCodes: string[]; note: string | null }
export interface Resource { key: string; kind: string; description: string; agencyCode: string | null; secured: boolean }
export interface Risk { key: string; description: string; likelihood: string; impact: string; mitigation: string | null }
export interface Authorisation { key: string; kind: string; description: string | null; court: string | null; reference: string | null; requestedOn: string | null; grantedOn: string | null; expiresOn: string | null; lineKey: string | null }
export interface MlaRequest { key: string; country: string; authority: string | null; subject: string | null; sentOn: string | null; status: string; lineKey: string | null }
export interface InformationNeed { key: string; question: string; sources: string | null; deadline: string | null; priority: string; status: string; lineKey: string | null }

export interface PlanContent {
  objective: string | null;
  hypotheses: Hypothesis[]; lines: Line[]; actions: Action[]; resources: Resource[]; risks: Risk[];
  authorisations: Authorisation[]; mlaRequests: MlaRequest[]; informationNeeds: InformationNeed[];
}
export const PARTS = ['hypotheses', 'lines', 'actions', 'resources', 'risks', 'authorisations', 'mlaRequests', 'informationNeeds'] as const;
export type Part = (typeof PARTS)[number];

/** What a plan may refer to, as the server knows it now. */
export interface PlanReferences {
  agencies: ReadonlySet<string>;
  countries: ReadonlySet<string>;
  /** documentIds of the users with an active membership in the case team. */
  teamUsers: ReadonlySet<string>;
  /** pseudonymous codes of the case's people. */
  personCodes: ReadonlySet<string>;
}

const M = {
  body: { es: 'Envíe el plan completo como objeto JSON en «data».', en: 'Send the whole plan as a JSON object in «data».' },
  unknown: (f: string) => ({ es: `Campo desconocido: ${f}.`, en: `Unknown field: ${f}.` }),
  required: { es: 'Este dato es obligatorio.', en: 'This is required.' },
  text: (n: number) => ({ es: `Debe ser un texto de hasta ${n} caracteres.`, en: `Must be text of at most ${n} characters.` }),
  date: { es: 'Fecha no válida: use AAAA-MM-DD.', en: 'Invalid date: use YYYY-MM-DD.' },
  future: { es: 'La fecha no puede ser futura.', en: 'The date cannot be in the future.' },
  order: (es: string, en: string) => ({ es, en }),
  rows: { es: `Debe ser una lista de hasta ${MAX_ROWS} elementos.`, en: `Must be a list of at most ${MAX_ROWS} items.` },
  row: { es: 'Cada elemento debe ser un objeto.', en: 'Each item must be an object.' },
  key: { es: 'Clave no válida: use minúsculas, cifras y guiones (hasta 40 caracteres).', en: 'Invalid key: use lower-case letters, digits and hyphens (up to 40 characters).' },
  duplicateKey: { es: 'Esta clave ya se usa en otro elemento de la misma sección.', en: 'This key is already used by another item of the same section.' },
  choice: (values: readonly string[]) => ({ es: `Valor no válido: use uno de ${values.join(', ')}.`, en: `Invalid value: use one of ${values.join(', ')}.` }),
  bool: { es: 'Debe ser verdadero o falso.', en: 'Must be true or false.' },
  hypothesis: { es: 'Elija una hipótesis existente del plan.', en: 'Choose an existing hypothesis of the plan.' },
  line: { es: 'Elija una línea de investigación existente del plan.', en: 'Choose an existing line of inquiry of the plan.' },
  agency: { es: 'Institución no válida: use el código de una institución activa.', en: 'Invalid agency: use the code of an active agency.' },
  country: { es: 'País no válido: use un código de la lista de países.', en: 'Invalid country: use a code from the country list.' },
  member: { es: 'Asigne la diligencia a un miembro activo del equipo del caso.', en: 'Assign the action to an active member of the case team.' },
  oneAssignee: { es: 'Asigne la diligencia a una persona del equipo o a una institución, no a ambas.', en: 'Assign the action to a team member or to an agency, not both.' },
  codes: { es: 'Use solo códigos de personas de este caso (p. ej. V-7KQ2M); nunca nombres.', en: 'Use only codes of this case\'s people (e.g. V-7KQ2M); never names.' },
  version: { es: 'Indique en «version» la versión del plan que editó.', en: 'Give in «version» the version of the plan you edited.' },
  grantedWithoutRequest: { es: 'Indique también la fecha de solicitud.', en: 'Give the request date too.' },
  expiryWithoutGrant: { es: 'Una autorización solo vence si fue concedida: indique la fecha de concesión.', en: 'An authorisation only expires once granted: give the date it was granted.' },
  sentOn: { es: 'Indique la fecha de envío de una solicitud ya enviada.', en: 'Give the date a sent request was sent.' },
};

/** What the server answers with the plan and keeps for itself: sent back unchanged, it is ignored. */
const READ_ONLY = new Set(['documentId', 'caseDocumentId', 'templateKey', 'templateVersion', 'createdAt', 'updatedAt', 'updatedBy']);

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const FIELDS: Record<Part, readonly string[]> = {
  hypotheses: ['key', 'statement', 'basis', 'status', 'personCodes'],
  lines: ['key', 'hypothesisKey', 'title', 'description'],
  actions: ['key', 'lineKey', 'description', 'assigneeUser', 'assigneeAgency', 'dueDate', 'status', 'personCodes', 'note'],
  resources: ['key', 'kind', 'description', 'agencyCode', 'secured'],
  risks: ['key', 'description', 'likelihood', 'impact', 'mitigation'],
  authorisations: ['key', 'kind', 'description', 'court', 'reference', 'requestedOn', 'grantedOn', 'expiresOn', 'lineKey'],
  mlaRequests: ['key', 'country', 'authority', 'subject', 'sentOn', 'status', 'lineKey'],
  informationNeeds: ['key', 'question', 'sources', 'deadline', 'priority', 'status', 'lineKey'],
};

/** A new item key with this prefix, for items sent without one (and for template rows). */
export function newItemKey(prefix: string, random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
  return `${prefix}-${s}`;
}
const PREFIX: Record<Part, string> = { hypotheses: 'h', lines: 'l', actions: 'a', resources: 'rc', risks: 'r', authorisations: 'j', mlaRequests: 'm', informationNeeds: 'n' };

/**
 * The whole plan as sent (`{ version, objective, hypotheses, ... }`): either the clean content and
 * the version the editor started from, or every problem with its path. A missing part is empty.
 */
export function validatePlan(data: unknown, refs: PlanReferences, lang: Lang, today: string): { content: PlanContent; version: number } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: (string | number)[], m: { es: string; en: string }) => void problems.push({ path: path.map(String), message: m[lang] });
  if (!isObject(data)) return { problems: [{ path: ['data'], message: M.body[lang] }] };
  for (const key of Object.keys(data)) if (key !== 'version' && key !== 'objective' && !READ_ONLY.has(key) && !(PARTS as readonly string[]).includes(key)) fail([key], M.unknown(key));
  const version = data.version;
  if (!Number.isInteger(version) || (version as number) < 1) fail(['version'], M.version);

  const text = (v: unknown, path: (string | number)[], max: number, required = false): string | null => {
    if (v == null || (typeof v === 'string' && !v.trim())) return required ? (fail(path, M.required), null) : null;
    if (typeof v !== 'string' || v.trim().length > max) return fail(path, M.text(max)), null;
    return v.trim();
  };
  const date = (v: unknown, path: (string | number)[], past = false): string | null => {
    if (v == null || v === '') return null;
    if (!isDate(v)) return fail(path, M.date), null;
    if (past && v > today) return fail(path, M.future), null;
    return v;
  };
  const choice = <T extends string>(v: unknown, path: (string | number)[], values: readonly T[], fallback?: T): T | null => {
    if ((v == null || v === '') && fallback) return fallback;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    return fail(path, v == null || v === '' ? M.required : M.choice(values)), null;
  };
  const code = (v: unknown, path: (string | number)[], known: ReadonlySet<string>, message: { es: string; en: string }): string | null => {
    if (v == null || v === '') return null;
    if (typeof v === 'string' && known.has(v)) return v;
    return fail(path, message), null;
  };
  const personCodes = (v: unknown, path: (string | number)[]): string[] => {
    if (v == null) return [];
    if (!Array.isArray(v) || v.length > 50 || !v.every((c) => typeof c === 'string' && refs.personCodes.has(c))) return fail(path, M.codes), [];
    return [...new Set(v as string[])];
  };

  const objective = text(data.objective, ['objective'], 3000);

  // Keys first, so that references between parts can be checked in one pass.
  const rowsOf = (part: Part): Array<{ row: Record<string, unknown>; path: (string | number)[]; key: string }> => {
    const v = data[part];
    if (v == null) return [];
    if (!Array.isArray(v) || v.length > MAX_ROWS) return fail([part], M.rows), [];
    const seen = new Set<string>();
    const out: Array<{ row: Record<string, unknown>; path: (string | number)[]; key: string }> = [];
    v.forEach((row, i) => {
      const path = [part, i];
      if (!isObject(row)) return fail(path, M.row);
      for (const f of Object.keys(row)) if (f !== 'id' && !FIELDS[part].includes(f)) fail([...path, f], M.unknown(f));
      let key = row.key;
      if (key == null || key === '') key = newItemKey(PREFIX[part]);
      if (typeof key !== 'string' || key.length > 40 || !KEY.test(key)) return fail([...path, 'key'], M.key);
      if (seen.has(key)) return fail([...path, 'key'], M.duplicateKey);
      seen.add(key);
      out.push({ row, path, key });
    });
    return out;
  };
  const rows = Object.fromEntries(PARTS.map((p) => [p, rowsOf(p)])) as Record<Part, ReturnType<typeof rowsOf>>;
  const hypothesisKeys = new Set(rows.hypotheses.map((r) => r.key));
  const lineKeys = new Set(rows.lines.map((r) => r.key));
  const ref = (v: unknown, path: (string | number)[], keys: ReadonlySet<string>, message: { es: string; en: string }, required: boolean): string | null => {
    if (v == null || v === '') return required ? (fail(path, message), null) : null;
    if (typeof v === 'string' && keys.has(v)) return v;
    return fail(path, message), null;
  };

  const content: PlanContent = {
    objective,
    hypotheses: rows.hypotheses.map(({ row, path, key }) => ({
      key,
      statement: text(row.statement, [...path, 'statement'], 2000, true) ?? '',
      basis: text(row.basis, [...path, 'basis'], 2000),
      status: choice(row.status, [...path, 'status'], HYPOTHESIS_STATUSES, 'open') ?? 'open',
      personCodes: personCodes(row.personCodes, [...path, 'personCodes']),
    })),
    lines: rows.lines.map(({ row, path, key }) => ({
      key,
      hypothesisKey: ref(row.hypothesisKey, [...path, 'hypothesisKey'], hypothesisKeys, M.hypothesis, true) ?? '',
      title: text(row.title, [...path, 'title'], 300, true) ?? '',
      description: text(row.description, [...path, 'description'], 2000),
    })),
    actions: rows.actions.map(({ row, path, key }) => {
      const lineKey = ref(row.lineKey, [...path, 'lineKey'], lineKeys, M.line, true) ?? '';
      const description = text(row.description, [...path, 'description'], 2000, true) ?? '';
      const assigneeUser = code(row.assigneeUser, [...path, 'assigneeUser'], refs.teamUsers, M.member);
      const assigneeAgency = code(row.assigneeAgency, [...path, 'assigneeAgency'], refs.agencies, M.agency);
      if (assigneeUser && assigneeAgency) fail([...path, 'assigneeAgency'], M.oneAssignee);
      return {
        key,
        lineKey,
        description,
        assigneeUser,
        assigneeAgency,
        dueDate: date(row.dueDate, [...path, 'dueDate']),
        status: choice(row.status, [...path, 'status'], ACTION_STATUSES, 'planned') ?? 'planned',
        personCodes: personCodes(row.personCodes, [...path, 'personCodes']),
        note: text(row.note, [...path, 'note'], 2000),
      };
    }),
    resources: rows.resources.map(({ row, path, key }) => {
      if (row.secured != null && typeof row.secured !== 'boolean') fail([...path, 'secured'], M.bool);
      return {
        key,
        kind: choice(row.kind, [...path, 'kind'], RESOURCE_KINDS, 'other') ?? 'other',
        description: text(row.description, [...path, 'description'], 1000, true) ?? '',
        agencyCode: code(row.agencyCode, [...path, 'agencyCode'], refs.agencies, M.agency),
        secured: row.secured === true,
      };
    }),
    risks: rows.risks.map(({ row, path, key }) => ({
      key,
      description: text(row.description, [...path, 'description'], 1000, true) ?? '',
      likelihood: choice(row.likelihood, [...path, 'likelihood'], LEVELS, 'medium') ?? 'medium',
      impact: choice(row.impact, [...path, 'impact'], LEVELS, 'medium') ?? 'medium',
      mitigation: text(row.mitigation, [...path, 'mitigation'], 2000),
    })),
    authorisations: rows.authorisations.map(({ row, path, key }) => {
      const requestedOn = date(row.requestedOn, [...path, 'requestedOn'], true);
      const grantedOn = date(row.grantedOn, [...path, 'grantedOn'], true);
      const expiresOn = date(row.expiresOn, [...path, 'expiresOn']);
      if (grantedOn && !requestedOn && row.requestedOn == null) fail([...path, 'requestedOn'], M.grantedWithoutRequest);
      if (grantedOn && requestedOn && grantedOn < requestedOn) fail([...path, 'grantedOn'], M.order('La concesión no puede ser anterior a la solicitud.', 'The grant cannot be before the request.'));
      if (expiresOn && !grantedOn && row.grantedOn == null) fail([...path, 'grantedOn'], M.expiryWithoutGrant);
      if (expiresOn && grantedOn && expiresOn < grantedOn) fail([...path, 'expiresOn'], M.order('El vencimiento no puede ser anterior a la concesión.', 'The expiry cannot be before the grant.'));
      return {
        key,
        kind: choice(row.kind, [...path, 'kind'], AUTHORISATION_KINDS) ?? 'other',
        description: text(row.description, [...path, 'description'], 1000),
        court: text(row.court, [...path, 'court'], 200),
        reference: text(row.reference, [...path, 'reference'], 100),
        requestedOn, grantedOn, expiresOn,
        lineKey: ref(row.lineKey, [...path, 'lineKey'], lineKeys, M.line, false),
      };
    }),
    mlaRequests: rows.mlaRequests.map(({ row, path, key }) => {
      const status = choice(row.status, [...path, 'status'], MLA_STATUSES, 'draft') ?? 'draft';
      const sentOn = date(row.sentOn, [...path, 'sentOn'], true);
      if (status !== 'draft' && !sentOn && row.sentOn == null) fail([...path, 'sentOn'], M.sentOn);
      const country = row.country == null || row.country === '' ? (fail([...path, 'country'], M.required), null) : code(row.country, [...path, 'country'], refs.countries, M.country);
      return {
        key,
        country: country ?? '',
        authority: text(row.authority, [...path, 'authority'], 200),
        subject: text(row.subject, [...path, 'subject'], 2000),
        sentOn,
        status,
        lineKey: ref(row.lineKey, [...path, 'lineKey'], lineKeys, M.line, false),
      };
    }),
    informationNeeds: rows.informationNeeds.map(({ row, path, key }) => ({
      key,
      question: text(row.question, [...path, 'question'], 1000, true) ?? '',
      sources: text(row.sources, [...path, 'sources'], 1000),
      deadline: date(row.deadline, [...path, 'deadline']),
      priority: choice(row.priority, [...path, 'priority'], LEVELS, 'medium') ?? 'medium',
      status: choice(row.status, [...path, 'status'], NEED_STATUSES, 'open') ?? 'open',
      lineKey: ref(row.lineKey, [...path, 'lineKey'], lineKeys, M.line, false),
    })),
  };
  return problems.length ? { problems } : { content, version: version as number };
}

/** One line for a response with several problems: how many, then the first. */
export function summary(problems: readonly Problem[], lang: Lang): string {
  if (problems.length === 1) return problems[0].message;
  const count = lang === 'es' ? `Hay ${problems.length} campos con errores.` : `${problems.length} fields have errors.`;
  return `${count} ${problems[0].path.join('.')}: ${problems[0].message}`;
}
