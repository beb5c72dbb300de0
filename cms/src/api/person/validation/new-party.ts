// Checks a request to add a person to a case. Pure: code lists come in as sets.
import type { CodeSets } from '../../case/validation/case-input';
import { isPersonCode, type Family } from '../pseudonym';

export type { CodeSets };
type Lang = 'es' | 'en';
type Problem = { path: string[]; message: string };

/** The pseudonym prefix of each party role's family; roles added later by the office get P. */
const FAMILY_OF_ROLE: Record<string, Family> = {
  'victim-adult': 'V', 'victim-child': 'V', survivor: 'V', 'smuggled-migrant': 'V',
  witness: 'T', 'protected-witness': 'T', complainant: 'T', querellante: 'T', 'civil-party': 'T',
  suspect: 'I', imputado: 'I', acusado: 'I', condenado: 'I', absuelto: 'I',
  'legal-person': 'J',
};
const KEYS = new Set(['role', 'existingPerson', 'person', 'identity', 'schemeRole', 'isPublicOfficial', 'acknowledgeDuplicates']);
const PERSON_KEYS = new Set(['personKind', 'sex', 'nationality', 'birthYear']);

export interface NewParty {
  role: string;
  family: Family;
  isVictim: boolean;
  schemeRole: string | null;
  isPublicOfficial: boolean;
  existingPerson: string | null;
  person: { personKind: 'natural' | 'legal'; sex: string | null; nationality: string | null; birthYear: number | null } | null;
}

const M = {
  unknown: (f: string) => ({ es: `Campo desconocido: ${f}.`, en: `Unknown field: ${f}.` }),
  role: { es: 'Elija el rol de la persona en el caso de la lista.', en: 'Choose the person\'s role in the case from the list.' },
  officer: { es: 'El oficial de atención a víctimas solo puede añadir víctimas o migrantes objeto de tráfico.', en: 'A victim officer may only add victims or smuggled migrants.' },
  code: { es: 'El código de la persona no es válido (por ejemplo V-7KQ2M).', en: 'The person code is not valid (for example V-7KQ2M).' },
  person: { es: 'Indique los datos de la persona o elija una persona existente.', en: 'Give the person\'s details or choose an existing person.' },
  both: { es: 'Elija una persona existente o indique una nueva, no ambas.', en: 'Choose an existing person or describe a new one, not both.' },
  kind: { es: 'El tipo de persona debe ser natural o jurídica.', en: 'The person kind must be natural or legal.' },
  code_list: (list: string) => ({ es: `Valor no válido: use un código de la lista ${list}.`, en: `Invalid value: use a code from the ${list} list.` }),
  year: (max: number) => ({ es: `El año de nacimiento debe estar entre 1900 y ${max}.`, en: `The year of birth must be between 1900 and ${max}.` }),
  bool: { es: 'Debe ser verdadero o falso.', en: 'Must be true or false.' },
};

export function validateNewParty(body: Record<string, unknown>, sets: CodeSets, lang: Lang, today: string, actorRole: string | null): { input: NewParty } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: string[], m: { es: string; en: string }) => problems.push({ path, message: m[lang] });
  for (const key of Object.keys(body)) if (!KEYS.has(key)) fail([key], M.unknown(key));
  const role = typeof body.role === 'string' ? body.role : '';
  if (!sets['party-role']?.has(role)) fail(['role'], M.role);
  const family = FAMILY_OF_ROLE[role] ?? 'P';
  if (actorRole === 'victim-officer' && role && family !== 'V') fail(['role'], M.officer);
  const schemeRole = body.schemeRole == null || body.schemeRole === '' ? null : String(body.schemeRole);
  if (schemeRole !== null && !sets['scheme-role']?.has(schemeRole)) fail(['schemeRole'], M.code_list('scheme-role'));
  if (body.isPublicOfficial !== undefined && typeof body.isPublicOfficial !== 'boolean') fail(['isPublicOfficial'], M.bool);
  if (body.acknowledgeDuplicates !== undefined && typeof body.acknowledgeDuplicates !== 'boolean') fail(['acknowledgeDuplicates'], M.bool);

  let existingPerson: string | null = null;
  if (body.existingPerson != null && body.existingPerson !== '') {
    if (typeof body.existingPerson !== 'string' || !isPersonCode(body.existingPerson)) fail(['existingPerson'], M.code);
    else existingPerson = body.existingPerson;
    if (body.person != null) fail(['person'], M.both);
  }
  let person: NewParty['person'] = null;
  if (!existingPerson && !problems.some((p) => p.path[0] === 'existingPerson')) {
    const raw = body.person;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(['person'], M.person);
    else {
      const p = raw as Record<string, unknown>;
      for (const key of Object.keys(p)) if (!PERSON_KEYS.has(key)) fail(['person', key], M.unknown(key));
      const personKind = p.personKind == null ? (role === 'legal-person' ? 'legal' : 'natural') : p.personKind;
      if (personKind !== 'natural' && personKind !== 'legal') fail(['person', 'personKind'], M.kind);
      const code = (list: string, key: string) => {
        const value = p[key];
        if (value == null || value === '') return null;
        if (typeof value !== 'string' || !sets[list]?.has(value)) return fail(['person', key], M.code_list(list)), null;
        return value;
      };
      const maxYear = Number(today.slice(0, 4));
      let birthYear: number | null = null;
      if (p.birthYear != null && p.birthYear !== '') {
        const year = Number(p.birthYear);
        if (!Number.isInteger(year) || year < 1900 || year > maxYear) fail(['person', 'birthYear'], M.year(maxYear));
        else birthYear = year;
      }
      person = { personKind: personKind as 'natural' | 'legal', sex: code('sex', 'sex'), nationality: code('nationality', 'nationality'), birthYear };
    }
  }
  if (problems.length) return { problems };
  return { input: { role, family, isVictim: family === 'V', schemeRole, isPublicOfficial: body.isPublicOfficial === true, existingPerson, person } };
}
