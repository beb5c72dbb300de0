// Validates the body of a case create or update against the field rules and the active code lists.
// Pure: returns field errors in the caller's language, never throws.
export type Lang = 'es' | 'en';
export type CodeSets = Record<string, ReadonlySet<string>>;

export interface FieldError {
  path: string[];
  message: string;
  name: 'ValidationError' | 'ForbiddenError';
}

export interface CaseInput {
  custom?: unknown;
  title?: string;
  caseType?: string;
  origin?: string;
  intakeDate?: string;
  factsDate?: string | null;
  province?: string;
  municipality?: string | null;
  exploitationForms?: string[];
  palermoActs?: string[];
  palermoMeans?: string[];
  smugglingRoute?: string | null;
  priority?: string;
  risk?: string;
  isComplex?: boolean;
  summary?: string | null;
}

/** Fields the server sets itself, or that belong to other workflows: a client may never send them. */
export const SERVER_OWNED_FIELDS = ['caseNumber', 'stage', 'workflowKey', 'workflowVersion', 'year', 'members', 'team', 'owner', 'isDemo', 'parties', 'id', 'documentId', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'publishedAt', 'locale', 'customFormVersion', 'agencies'];

const CODE_FIELDS: Record<string, string> = {
  caseType: 'case-type',
  origin: 'case-origin',
  province: 'province',
  smugglingRoute: 'smuggling-route',
};
const CODE_ARRAY_FIELDS: Record<string, string> = {
  exploitationForms: 'exploitation-form',
  palermoActs: 'palermo-act',
  palermoMeans: 'palermo-mean',
};
const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const RISKS = ['low', 'medium', 'high'];
const REQUIRED_ON_CREATE = ['title', 'caseType', 'origin', 'intakeDate', 'province'];
const KNOWN = new Set(['custom', 'title', 'caseType', 'origin', 'intakeDate', 'factsDate', 'province', 'municipality', 'summary', 'priority', 'risk', 'isComplex', ...Object.keys(CODE_ARRAY_FIELDS), 'smugglingRoute']);

const LABELS: Record<string, { es: string; en: string }> = {
  title: { es: 'título', en: 'title' },
  caseType: { es: 'tipo de caso', en: 'case type' },
  origin: { es: 'origen', en: 'origin' },
  intakeDate: { es: 'fecha de entrada', en: 'intake date' },
  factsDate: { es: 'fecha de los hechos', en: 'date of the facts' },
  province: { es: 'provincia', en: 'province' },
  municipality: { es: 'municipio', en: 'municipality' },
  exploitationForms: { es: 'formas de explotación', en: 'forms of exploitation' },
  palermoActs: { es: 'actos', en: 'acts' },
  palermoMeans: { es: 'medios', en: 'means' },
  smugglingRoute: { es: 'ruta de tráfico', en: 'smuggling route' },
  priority: { es: 'prioridad', en: 'priority' },
  risk: { es: 'riesgo', en: 'risk' },
  isComplex: { es: 'caso complejo', en: 'complex case' },
  summary: { es: 'resumen de los hechos', en: 'summary of the facts' },
};

const label = (field: string, lang: Lang) => `«${field}» (${LABELS[field]?.[lang] ?? field})`;

const MESSAGES = {
  required: { es: (f: string) => `El campo ${f} es obligatorio.`, en: (f: string) => `The field ${f} is required.` },
  unknown: { es: (f: string) => `El campo «${f}» no existe en un caso.`, en: (f: string) => `The field «${f}» does not exist on a case.` },
  serverOwned: {
    es: (f: string) => `El campo «${f}» no se puede enviar: lo asigna el sistema o su flujo de trabajo.`,
    en: (f: string) => `The field «${f}» cannot be sent: the system or its workflow sets it.`,
  },
  text: {
    es: (f: string, min: number, max: number) => `El campo ${f} debe ser un texto de ${min} a ${max} caracteres.`,
    en: (f: string, min: number, max: number) => `The field ${f} must be text of ${min} to ${max} characters.`,
  },
  code: {
    es: (f: string, v: string) => `El valor «${v}» no es válido para ${f}: elija uno de la lista.`,
    en: (f: string, v: string) => `The value «${v}» is not valid for ${f}: choose one from the list.`,
  },
  codeArray: {
    es: (f: string) => `El campo ${f} debe ser una lista de códigos sin repeticiones.`,
    en: (f: string) => `The field ${f} must be a list of codes without repeats.`,
  },
  date: {
    es: (f: string) => `El campo ${f} debe ser una fecha válida (AAAA-MM-DD).`,
    en: (f: string) => `The field ${f} must be a valid date (YYYY-MM-DD).`,
  },
  future: { es: (f: string) => `El campo ${f} no puede estar en el futuro.`, en: (f: string) => `The field ${f} cannot be in the future.` },
  tooOld: { es: (f: string) => `El campo ${f} no puede ser anterior a 1990.`, en: (f: string) => `The field ${f} cannot be before 1990.` },
  factsAfterIntake: {
    es: () => 'La fecha de los hechos no puede ser posterior a la fecha de entrada.',
    en: () => 'The date of the facts cannot be after the intake date.',
  },
  boolean: { es: (f: string) => `El campo ${f} debe ser verdadero o falso.`, en: (f: string) => `The field ${f} must be true or false.` },
  choice: {
    es: (f: string, options: string) => `El campo ${f} debe ser uno de: ${options}.`,
    en: (f: string, options: string) => `The field ${f} must be one of: ${options}.`,
  },
};

function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export interface ValidationResult {
  errors: FieldError[];
  data: CaseInput;
}

export function validateCaseInput(
  body: unknown,
  options: { mode: 'create' | 'update'; lang: Lang; codes: CodeSets; today: string; existing?: { intakeDate?: string; factsDate?: string | null } },
): ValidationResult {
  const { lang, codes, mode, today } = options;
  const errors: FieldError[] = [];
  const err = (path: string, message: string, name: FieldError['name'] = 'ValidationError') => errors.push({ path: [path], message, name });

  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    err('data', lang === 'es' ? 'El cuerpo debe ser un objeto «data» con los campos del caso.' : 'The body must be a «data» object with the case fields.');
    return { errors, data: {} };
  }
  const input = body as Record<string, unknown>;
  const data: Record<string, unknown> = {};

  for (const key of Object.keys(input)) {
    if (SERVER_OWNED_FIELDS.includes(key)) err(key, MESSAGES.serverOwned[lang](key), 'ForbiddenError');
    else if (!KNOWN.has(key)) err(key, MESSAGES.unknown[lang](key));
  }
  // The form's answers are checked against the published form by the forms plugin, on every write.
  if ('custom' in input) data.custom = input.custom;
  if (mode === 'create') {
    for (const key of REQUIRED_ON_CREATE) {
      const value = input[key];
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) err(key, MESSAGES.required[lang](label(key, lang)));
    }
  }
  const present = (key: string) => input[key] !== undefined && !errors.some((e) => e.path[0] === key);

  const text = (key: string, min: number, max: number, nullable: boolean) => {
    if (!present(key)) return;
    const value = input[key];
    if (value === null && nullable) return void (data[key] = null);
    if (typeof value !== 'string' || value.trim().length < min || value.trim().length > max) return err(key, MESSAGES.text[lang](label(key, lang), min, max));
    data[key] = value.trim();
  };
  text('title', 5, 200, false);
  text('municipality', 1, 100, true);
  text('summary', 1, 5000, true);

  for (const [key, list] of Object.entries(CODE_FIELDS)) {
    if (!present(key)) continue;
    const value = input[key];
    if (value === null && key === 'smugglingRoute') { data[key] = null; continue; }
    if (typeof value !== 'string' || !codes[list]?.has(value)) err(key, MESSAGES.code[lang](label(key, lang), String(value).slice(0, 40)));
    else data[key] = value;
  }
  for (const [key, list] of Object.entries(CODE_ARRAY_FIELDS)) {
    if (!present(key)) continue;
    const value = input[key];
    if (!Array.isArray(value) || value.length > 50 || new Set(value).size !== value.length || value.some((v) => typeof v !== 'string')) {
      err(key, MESSAGES.codeArray[lang](label(key, lang)));
      continue;
    }
    const bad = (value as string[]).find((v) => !codes[list]?.has(v));
    if (bad !== undefined) err(key, MESSAGES.code[lang](label(key, lang), bad.slice(0, 40)));
    else data[key] = value;
  }
  for (const [key, options] of [['priority', PRIORITIES], ['risk', RISKS]] as const) {
    if (!present(key)) continue;
    if (typeof input[key] !== 'string' || !(options as readonly string[]).includes(input[key] as string)) err(key, MESSAGES.choice[lang](label(key, lang), options.join(', ')));
    else data[key] = input[key];
  }
  if (present('isComplex')) {
    if (typeof input.isComplex !== 'boolean') err('isComplex', MESSAGES.boolean[lang](label('isComplex', lang)));
    else data.isComplex = input.isComplex;
  }
  for (const key of ['intakeDate', 'factsDate']) {
    if (!present(key)) continue;
    const value = input[key];
    if (value === null && key === 'factsDate') { data[key] = null; continue; }
    if (!isValidDate(value)) err(key, MESSAGES.date[lang](label(key, lang)));
    else if (value > today) err(key, MESSAGES.future[lang](label(key, lang)));
    else if (value < '1990-01-01') err(key, MESSAGES.tooOld[lang](label(key, lang)));
    else data[key] = value;
  }
  const intake = (data.intakeDate as string | undefined) ?? options.existing?.intakeDate;
  const facts = data.factsDate === undefined ? options.existing?.factsDate : (data.factsDate as string | null);
  if (intake && facts && facts > intake && !errors.some((e) => e.path[0] === 'factsDate')) err('factsDate', MESSAGES.factsAfterIntake[lang]());

  return { errors, data: data as CaseInput };
}
