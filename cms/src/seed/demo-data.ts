// A synthetic, clearly fictional data set of cases and parties, in Spanish. Deterministic for a seed
// so tests and benchmarks can rely on its shape. Pure: it only builds plain objects.
import { buildDemoCharges, type DemoCharge } from './demo-charges';
export interface Rng { next(): number; int(max: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean }

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Nationality items from sortOrder 100 on are the full ISO list, appended after the relevant ones. */
const RARE_NATIONALITY_ORDER = 100;

/** The nationalities demo people are drawn from: the relevant ones at the top of the list, not 'xx'. */
export function demoNationalities(items: ReadonlyArray<{ code: string; sortOrder?: number | null }>): string[] {
  return items.filter((i) => i.code !== 'xx' && (i.sortOrder ?? 0) < RARE_NATIONALITY_ORDER).map((i) => i.code);
}

export interface DemoCatalogue {
  provinces: string[];
  provinceLabels: Record<string, string>;
  nationalities: string[];
}

export interface DemoCase {
  caseType: string;
  stage: string;
  origin: string;
  intakeDate: string;
  factsDate: string | null;
  year: number;
  province: string;
  title: string;
  summary: string;
  exploitationForms: string[];
  palermoActs: string[];
  palermoMeans: string[];
  smugglingRoute: string | null;
  priority: string;
  risk: string;
  isComplex: boolean;
  /** Which demo team works the case: 0 and 1 are the two demo prosecutors' teams, 2 is nobody's. */
  team: 0 | 1 | 2;
}

export interface DemoPerson { family: 'V' | 'T' | 'I' | 'J'; personKind: 'natural' | 'legal'; sex: string | null; nationality: string; birthYear: number | null }
export interface DemoParty { caseIndex: number; personIndex: number; role: string; schemeRole: string | null; isPublicOfficial: boolean }
export interface DemoDataSet { cases: DemoCase[]; people: DemoPerson[]; parties: DemoParty[]; charges: DemoCharge[] }

const STAGES = ['intake', 'investigation', 'arrest', 'coercive-measure', 'conclusive-act', 'preliminary-hearing', 'trial', 'judgment', 'appeal', 'enforcement', 'closed'];
const OPERATION_NAMES = ['Coral', 'Ámbar', 'Manglar', 'Ceiba', 'Cayena', 'Larimar', 'Guácima', 'Bambú', 'Caoba', 'Flamboyán', 'Tinaja', 'Cigua', 'Bohío', 'Arrecife', 'Caracol', 'Marea', 'Yagrumo', 'Jagua', 'Palmar', 'Salina'];

const TRAFFICKING: Array<{ form: string; title: (place: string) => string; summary: string }> = [
  { form: 'explotacion-sexual', title: (p) => `Explotación sexual en establecimiento nocturno de ${p}`, summary: 'Hechos ficticios: personas captadas con ofertas falsas de empleo y obligadas a ejercer la prostitución.' },
  { form: 'trabajo-forzoso', title: (p) => `Trabajo forzoso en finca agrícola de ${p}`, summary: 'Hechos ficticios: jornaleros retenidos sin pago y con documentos retenidos por el empleador.' },
  { form: 'servidumbre-por-deudas', title: (p) => `Servidumbre por deudas en obra de construcción en ${p}`, summary: 'Hechos ficticios: trabajadores obligados a pagar una deuda inflada por transporte y alojamiento.' },
  { form: 'mendicidad-forzada', title: (p) => `Mendicidad forzada de niños en ${p}`, summary: 'Hechos ficticios: menores de edad obligados a pedir dinero en semáforos bajo control de un adulto.' },
  { form: 'servidumbre', title: (p) => `Servidumbre doméstica en vivienda de ${p}`, summary: 'Hechos ficticios: trabajadora doméstica sin salario ni libertad de movimiento.' },
  { form: 'matrimonio-forzado', title: (p) => `Matrimonio forzado de adolescente en ${p}`, summary: 'Hechos ficticios: unión forzada de una adolescente a cambio de pagos a su familia.' },
  { form: 'pornografia', title: (p) => `Explotación en línea con material de abuso en ${p}`, summary: 'Hechos ficticios: captación por redes sociales y producción de material de explotación.' },
];
const SMUGGLING: Array<{ route: string; title: (place: string) => string; summary: string }> = [
  { route: 'mar', title: (p) => `Viaje ilegal en yola desde la costa de ${p}`, summary: 'Hechos ficticios: embarcación precaria interceptada con migrantes que pagaron por el viaje.' },
  { route: 'tierra', title: (p) => `Cruce irregular por la frontera en ${p}`, summary: 'Hechos ficticios: traslado de migrantes en camiones evadiendo los puestos de control.' },
  { route: 'aire', title: (p) => `Red de documentos falsos en el aeropuerto de ${p}`, summary: 'Hechos ficticios: pasajeros con visados falsificados suministrados por una red organizada.' },
];

function isoDate(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function distinct<T>(r: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(r.int(pool.length), 1)[0]);
  return out;
}

/** Builds `count` cases with about 3.3 parties each; about one person in ten appears in two cases. */
export function buildDemoDataSet(count: number, catalogue: DemoCatalogue, options: { seed?: number; today?: string } = {}): DemoDataSet {
  const r = rng(options.seed ?? 20261129);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  const firstYear = thisYear - 7;
  const cases: DemoCase[] = [];
  const people: DemoPerson[] = [];
  const parties: DemoParty[] = [];
  const accused: number[] = []; // people already accused in an earlier case
  const newPerson = (family: DemoPerson['family'], nationality?: string): number => {
    const legal = family === 'J';
    people.push({
      family,
      personKind: legal ? 'legal' : 'natural',
      sex: legal ? null : r.pick(['f', 'f', 'm', 'x']),
      nationality: nationality ?? r.pick(catalogue.nationalities),
      birthYear: legal ? null : thisYear - 14 - r.int(45),
    });
    return people.length - 1;
  };

  for (let i = 0; i < count; i += 1) {
    const year = firstYear + r.int(thisYear - firstYear + 1);
    const maxDay = year === thisYear ? Math.max(1, Math.floor((Date.parse(today) - Date.UTC(year, 0, 1)) / 86400000)) : 364;
    const intakeDate = isoDate(year, r.int(maxDay));
    const factsDate = r.chance(0.8) ? isoDate(year, Math.max(0, Number(intakeDate.slice(5, 7)) * 28 - 30 - r.int(60))) : null;
    const age = thisYear - year;
    const stage = STAGES[Math.min(STAGES.length - 1, r.int(Math.min(STAGES.length, 2 + age * 2)))];
    const province = r.pick(catalogue.provinces);
    const place = catalogue.provinceLabels[province] ?? province;
    const operation = `Operación ${r.pick(OPERATION_NAMES)} ${i + 1}`;
    const kind = r.next();
    const caseType = kind < 0.55 ? 'trata' : kind < 0.85 ? 'trafico' : kind < 0.95 ? 'ambos' : 'conexo';
    let title: string;
    let summary: string;
    let exploitationForms: string[] = [];
    let smugglingRoute: string | null = null;
    if (caseType === 'trafico') {
      const pattern = r.pick(SMUGGLING);
      title = pattern.title(place);
      summary = pattern.summary;
      smugglingRoute = pattern.route;
    } else {
      const pattern = r.pick(TRAFFICKING);
      title = pattern.title(place);
      summary = pattern.summary;
      exploitationForms = [pattern.form];
      if (caseType === 'ambos') smugglingRoute = r.pick(['mar', 'tierra', 'aire']);
    }
    const trafficking = caseType !== 'trafico';
    cases.push({
      caseType,
      stage,
      origin: r.pick(['denuncia', 'denuncia', 'de-oficio', 'querella']),
      intakeDate,
      factsDate: factsDate && factsDate <= intakeDate ? factsDate : null,
      year,
      province,
      title: `[DEMO] ${operation}: ${title}`,
      summary: `${summary} Datos de demostración: ninguna persona real.`,
      exploitationForms,
      palermoActs: trafficking ? distinct(r, ['captacion', 'transporte', 'traslado', 'acogida', 'recepcion'], 1 + r.int(3)) : [],
      palermoMeans: trafficking ? distinct(r, ['engano', 'fraude', 'amenaza', 'abuso-vulnerabilidad', 'coaccion'], 1 + r.int(2)) : [],
      smugglingRoute,
      priority: r.pick(['low', 'medium', 'medium', 'high', 'urgent']),
      risk: r.pick(['low', 'medium', 'high']),
      isComplex: r.chance(0.1),
      team: (i % 3) as 0 | 1 | 2,
    });

    const victimRole = caseType === 'trafico' ? 'smuggled-migrant' : r.chance(0.25) ? 'victim-child' : 'victim-adult';
    const victims = 1 + r.int(2);
    for (let v = 0; v < victims; v += 1) {
      parties.push({ caseIndex: i, personIndex: newPerson('V', r.chance(0.5) ? 'ht' : undefined), role: victimRole, schemeRole: null, isPublicOfficial: false });
    }
    // Some suspects reappear across cases (a network): reuse an earlier accused person.
    const reuse = accused.length > 0 && r.chance(0.12);
    const suspect = reuse ? r.pick(accused) : newPerson('I', r.chance(0.7) ? 'do' : undefined);
    if (!reuse) accused.push(suspect);
    const accusedRole = STAGES.indexOf(stage) >= 5 ? 'acusado' : STAGES.indexOf(stage) >= 2 ? 'imputado' : 'suspect';
    parties.push({ caseIndex: i, personIndex: suspect, role: accusedRole, schemeRole: r.pick(['recruiter', 'transporter', 'exploiter', 'smuggler', 'controller']), isPublicOfficial: r.chance(0.05) });
    if (r.chance(0.5)) parties.push({ caseIndex: i, personIndex: newPerson('T'), role: r.pick(['witness', 'complainant', 'protected-witness']), schemeRole: null, isPublicOfficial: false });
    if (r.chance(0.15)) parties.push({ caseIndex: i, personIndex: newPerson('J', 'do'), role: 'legal-person', schemeRole: null, isPublicOfficial: false });
  }
  // Charges from a stream of their own: the cases and parties of a seed do not change with them.
  const charges = buildDemoCharges(cases, parties, rng((options.seed ?? 20261129) + 1), today);
  return { cases, people, parties, charges };
}
