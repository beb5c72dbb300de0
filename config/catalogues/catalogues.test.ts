import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CodeListItem {
  code: string;
  labelEs: string;
  labelEn: string;
  sortOrder: number;
  parentCode?: string;
  meta?: Record<string, unknown>;
}

interface CodeList {
  key: string;
  nameEs: string;
  nameEn: string;
  /** The list whose codes the items' parentCode names (province for municipality); none: the same list. */
  parentKey?: string;
  description: string;
  items: CodeListItem[];
}

interface Agency {
  code: string;
  name: string;
  kind: string;
  confirm?: boolean;
}

interface SopStep {
  key: string;
  title: string;
  role: string;
  required: boolean;
  dueOffsetDays: number;
  gate: boolean;
}

interface SopTemplate {
  key: string;
  name: string;
  version: number;
  appliesTo: string[];
  description: string;
  steps: SopStep[];
}

const dir = import.meta.dirname;
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

const codeLists = readJson<CodeList[]>('code-lists.json');
const agencies = readJson<Agency[]>('agencies.json');
const sopTemplates = readJson<SopTemplate[]>('sop-templates.json');

const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const AGENCY_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const SOP_ROLES = ['chief-prosecutor', 'prosecutor', 'investigator', 'victim-officer', 'analyst', 'agency-liaison'];
const REQUIRED_LISTS = [
  'case-type', 'case-stage', 'case-origin', 'province', 'exploitation-form', 'palermo-act', 'palermo-mean',
  'labour-sector', 'control-method', 'smuggling-route', 'party-role', 'scheme-role', 'nationality', 'sex',
  'agency-kind', 'identification-indicator', 'coercive-measure', 'team-role', 'municipality', 'stage-outcome',
  'investigation-type', 'judicial-authorisation-type', 'international-cooperation-type', 'aggravating-circumstance',
  'offence', 'law-version',
];

/**
 * Every code shipped before (in sortOrder), list by list. Codes are stable identifiers stored on
 * records: a code may be added or deactivated, never renamed or removed from the seed.
 */
const SHIPPED_CODES: Record<string, string> = {
  'case-type': 'trata trafico ambos conexo',
  'case-stage': 'intake investigation arrest coercive-measure conclusive-act preliminary-hearing trial judgment appeal enforcement closed',
  'case-origin': 'denuncia querella de-oficio',
  province: 'azua bahoruco barahona dajabon distrito-nacional duarte el-seibo elias-pina espaillat hato-mayor hermanas-mirabal independencia la-altagracia la-romana la-vega maria-trinidad-sanchez monsenor-nouel monte-plata montecristi pedernales peravia puerto-plata samana san-cristobal san-jose-de-ocoa san-juan san-pedro-de-macoris sanchez-ramirez santiago santiago-rodriguez santo-domingo valverde',
  'exploitation-form': 'explotacion-sexual pornografia trabajo-forzoso servidumbre-por-deudas servidumbre esclavitud mendicidad-forzada matrimonio-forzado adopcion-irregular extraccion-organos actividades-delictivas-forzadas otra',
  'palermo-act': 'captacion transporte traslado acogida recepcion',
  'palermo-mean': 'amenaza uso-fuerza coaccion rapto fraude engano abuso-poder abuso-vulnerabilidad sustancias-alteran-conciencia pagos-beneficios',
  'labour-sector': 'agriculture aquafarming begging construction domestic-work hospitality illicit-activities manufacturing mining peddling transportation other',
  'control-method': 'debt-bondage takes-earnings restricts-financial-access threats psychological-abuse physical-abuse sexual-abuse false-promises psychoactive-substances restricts-movement restricts-medical-care excessive-working-hours uses-children threat-of-law-enforcement withholds-necessities withholds-documents',
  'smuggling-route': 'aire mar tierra',
  'party-role': 'victim-adult victim-child survivor smuggled-migrant witness protected-witness complainant querellante civil-party suspect imputado acusado condenado absuelto legal-person',
  'scheme-role': 'recruiter transporter broker smuggler exploiter controller financier',
  nationality: 'do ht ve co cu cn us es mx pa cr ni hn gt sv ec pe br ar cl bo uy jm bs tt ca gb fr it de nl ru ua in ph xx',
  sex: 'f m x',
  'agency-kind': 'prosecution investigation-unit police military migration border-security forensic child-protection women foreign-affairs labour health passports judiciary international-organisation ngo shelter',
  'identification-indicator': 'documents-held-by-other cannot-speak-for-self poor-living-conditions injuries restricted-movement no-access-to-earnings',
  'coercive-measure': 'prision-preventiva arresto-domiciliario garantia-economica impedimento-salida presentacion-periodica',
  'team-role': 'lead-prosecutor prosecutor investigator victim-officer analyst',
  'identity-document-kind': 'cedula passport birth-certificate residence-permit national-id other',
  'protection-measure-type': 'alejamiento reserva-identidad custodia-policial albergue cambio-domicilio declaracion-anticipada camara-gesell otra',
  'consent-purpose': 'data-sharing shelter medical psychological interview repatriation media',
  'victim-service': 'shelter health psychological legal repatriation reintegration education',
  'service-referral-status': 'requested accepted in-progress completed declined',
};

/** The first 36 nationalities as shipped: the most relevant ones, labelled as demonyms, in this order. */
const SHIPPED_NATIONALITY_LABELS = [
  'Dominicana', 'Haitiana', 'Venezolana', 'Colombiana', 'Cubana', 'China', 'Estadounidense', 'Española', 'Mexicana',
  'Panameña', 'Costarricense', 'Nicaragüense', 'Hondureña', 'Guatemalteca', 'Salvadoreña', 'Ecuatoriana', 'Peruana',
  'Brasileña', 'Argentina', 'Chilena', 'Boliviana', 'Uruguaya', 'Jamaiquina', 'Bahameña', 'Trinitense', 'Canadiense',
  'Británica', 'Francesa', 'Italiana', 'Alemana', 'Neerlandesa', 'Rusa', 'Ucraniana', 'India', 'Filipina', 'Desconocida',
];

/**
 * The 249 officially assigned ISO 3166-1 alpha-2 codes, in lower case. Written out here rather
 * than taken from ICU, so the test checks scripts/generate-nationalities.ts instead of repeating it.
 */
const ISO_3166_ALPHA2 = new Set(
  ('ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ' +
    'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ' +
    'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ' +
    'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms ' +
    'mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ' +
    'ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw ' +
    'tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw').split(' '),
);

const list = (key: string): CodeList => {
  const found = codeLists.find((l) => l.key === key);
  if (!found) throw new Error(`code list ${key} is missing`);
  return found;
};
const codesOf = (key: string): string[] =>
  [...list(key).items].sort((a, b) => a.sortOrder - b.sortOrder).map((i) => i.code);

const duplicates = (values: string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe('code lists', () => {
  it('ships every code list the server expects, each key once', () => {
    const keys = codeLists.map((l) => l.key);
    expect(duplicates(keys)).toEqual([]);
    for (const key of REQUIRED_LISTS) expect(keys).toContain(key);
  });

  it('names every list in Spanish and English', () => {
    for (const l of codeLists) {
      expect(l.nameEs.trim(), l.key).not.toBe('');
      expect(l.nameEn.trim(), l.key).not.toBe('');
    }
  });

  it('gives every item a stable kebab-case code, unique within its list', () => {
    for (const l of codeLists) {
      const codes = l.items.map((i) => i.code);
      expect(duplicates(codes), l.key).toEqual([]);
      for (const code of codes) expect(code, `${l.key}: ${code}`).toMatch(CODE_PATTERN);
    }
  });

  it('labels every item in Spanish and English', () => {
    for (const l of codeLists) {
      for (const item of l.items) {
        expect(typeof item.labelEs, `${l.key}: ${item.code}`).toBe('string');
        expect(typeof item.labelEn, `${l.key}: ${item.code}`).toBe('string');
        expect(item.labelEs.trim(), `${l.key}: ${item.code}`).not.toBe('');
        expect(item.labelEn.trim(), `${l.key}: ${item.code}`).not.toBe('');
      }
    }
  });

  it('orders items with unique sort orders and points parents at codes of the parent list (parentKey) or of the same list', () => {
    for (const l of codeLists) {
      const orders = l.items.map((i) => String(i.sortOrder));
      expect(duplicates(orders), l.key).toEqual([]);
      const codes = new Set((l.parentKey ? list(l.parentKey) : l).items.map((i) => i.code));
      for (const item of l.items) {
        expect(Number.isInteger(item.sortOrder), `${l.key}: ${item.code}`).toBe(true);
        if (item.parentCode !== undefined) expect(codes.has(item.parentCode), `${l.key}: ${item.code}`).toBe(true);
        if (item.meta !== undefined) expect(typeof item.meta, `${l.key}: ${item.code}`).toBe('object');
      }
    }
  });

  it('every party role belongs to a pseudonym family', () => {
    for (const item of list('party-role').items) {
      expect(['V', 'T', 'I', 'J'], item.code).toContain(item.meta?.family);
    }
  });

  it('marks victims, survivors and smuggled migrants as victims in family V', () => {
    const victims = ['victim-adult', 'victim-child', 'survivor', 'smuggled-migrant'];
    for (const item of list('party-role').items) {
      const isVictim = victims.includes(item.code);
      expect(item.meta?.isVictim === true, item.code).toBe(isVictim);
      if (isVictim) expect(item.meta?.family, item.code).toBe('V');
    }
  });

  it('lists the eleven procedural stages in order', () => {
    expect(codesOf('case-stage')).toEqual([
      'intake', 'investigation', 'arrest', 'coercive-measure', 'conclusive-act', 'preliminary-hearing',
      'trial', 'judgment', 'appeal', 'enforcement', 'closed',
    ]);
  });

  it('covers the 31 provinces and the Distrito Nacional', () => {
    const provinces = list('province').items;
    expect(provinces).toHaveLength(32);
    expect(provinces.map((p) => p.code)).toContain('distrito-nacional');
  });

  it('keeps every code shipped before, and the sort order of the lists that are procedural', () => {
    for (const [key, shipped] of Object.entries(SHIPPED_CODES)) {
      const codes = codesOf(key);
      for (const code of shipped.split(' ')) expect(codes, `${key}: ${code}`).toContain(code);
    }
    for (const key of ['case-stage', 'nationality']) {
      const shipped = SHIPPED_CODES[key].split(' ');
      expect(codesOf(key).slice(0, shipped.length), key).toEqual(shipped);
    }
  });

  it('names parent lists that exist, and only for lists with parents', () => {
    for (const l of codeLists) {
      if (l.parentKey === undefined) continue;
      expect(codeLists.map((x) => x.key), l.key).toContain(l.parentKey);
      expect(l.parentKey, l.key).not.toBe(l.key);
      for (const item of l.items) expect(typeof item.parentCode, `${l.key}: ${item.code}`).toBe('string');
    }
  });

  it('uses ISO 3166-1 alpha-2 nationality codes in lower case, all 249 of them, plus xx for unknown', () => {
    const codes = codesOf('nationality');
    expect(ISO_3166_ALPHA2.size).toBe(249);
    for (const code of codes) expect(code === 'xx' || ISO_3166_ALPHA2.has(code), code).toBe(true);
    expect(new Set(codes)).toEqual(new Set([...ISO_3166_ALPHA2, 'xx']));
    expect(codes).not.toContain('xk');
  });

  it('keeps the shipped nationalities first, with their demonyms, and the rest alphabetical by Spanish name', () => {
    const items = [...list('nationality').items].sort((a, b) => a.sortOrder - b.sortOrder);
    const shipped = SHIPPED_CODES.nationality.split(' ');
    expect(items.slice(0, shipped.length).map((i) => i.labelEs)).toEqual(SHIPPED_NATIONALITY_LABELS);
    expect(items.slice(0, shipped.length).map((i) => i.sortOrder)).toEqual(shipped.map((_, i) => i + 1));
    const rest = items.slice(shipped.length);
    expect(rest.every((i) => i.sortOrder >= 100)).toBe(true);
    const names = rest.map((i) => i.labelEs);
    expect(names).toEqual([...names].sort(new Intl.Collator('es', { sensitivity: 'base' }).compare));
  });

  it('names the country of every nationality in Spanish and English, with its upper-case ISO code', () => {
    for (const item of list('nationality').items) {
      if (item.code === 'xx') {
        expect(item.meta?.unknown).toBe(true);
        continue;
      }
      expect(item.meta?.iso2, item.code).toBe(item.code.toUpperCase());
      expect(String(item.meta?.countryEs ?? '').trim(), item.code).not.toBe('');
      expect(String(item.meta?.countryEn ?? '').trim(), item.code).not.toBe('');
    }
    const byCode = new Map(list('nationality').items.map((i) => [i.code, i]));
    expect(byCode.get('do')?.meta?.countryEs).toBe('República Dominicana');
    expect(byCode.get('ht')?.meta?.countryEs).toBe('Haití');
  });

  it('places every municipality in a province, and every province has its municipalities and one capital', () => {
    const provinces = list('province').items;
    const provinceCodes = new Set(provinces.map((p) => p.code));
    const municipalities = list('municipality');
    expect(municipalities.parentKey).toBe('province');
    expect(municipalities.items.length).toBeGreaterThanOrEqual(155);
    for (const m of municipalities.items) {
      expect(provinceCodes.has(m.parentCode ?? ''), `${m.code}: ${m.parentCode}`).toBe(true);
      expect(m.labelEs, m.code).toBe(m.labelEn);
      expect(m.meta?.confirmed, m.code).toBe(false);
      expect(m.meta?.kind === undefined || m.meta?.kind === 'distrito-municipal', m.code).toBe(true);
    }
    for (const p of provinces) {
      const inside = municipalities.items.filter((m) => m.parentCode === p.code);
      expect(inside.length, p.code).toBeGreaterThan(0);
      expect(inside.filter((m) => m.meta?.provinceCapital === true).length, p.code).toBe(1);
    }
    const dn = municipalities.items.filter((m) => m.parentCode === 'distrito-nacional');
    expect(dn.map((m) => m.code)).toEqual(['santo-domingo-de-guzman']);
  });

  it('gives municipalities ONE codes inside their province code, each once', () => {
    const provinceOneCode = new Map(list('province').items.map((p) => [p.code, String(p.meta?.oneCode)]));
    const oneCodes: string[] = [];
    for (const m of list('municipality').items) {
      if (m.meta?.oneCode === undefined) continue;
      const oneCode = String(m.meta.oneCode);
      oneCodes.push(oneCode);
      expect(oneCode, m.code).toMatch(/^\d{4}$/);
      expect(oneCode.slice(0, 2), m.code).toBe(provinceOneCode.get(m.parentCode ?? ''));
      if (m.meta.provinceCapital === true) expect(oneCode.slice(2), m.code).toBe('01');
    }
    expect(duplicates(oneCodes)).toEqual([]);
  });

  it('lists, for every stage outcome named on a stage, an item under that stage', () => {
    const outcomes = list('stage-outcome');
    expect(outcomes.parentKey).toBe('case-stage');
    const named = list('case-stage').items.flatMap((stage) =>
      ((stage.meta?.outcomes as string[] | undefined) ?? []).map((code) => ({ code, stage: stage.code })),
    );
    expect(outcomes.items.map((i) => ({ code: i.code, stage: i.parentCode }))).toEqual(
      expect.arrayContaining(named),
    );
    expect(outcomes.items).toHaveLength(named.length);
  });

  it('ships the twelve forms of exploitation', () => {
    expect(list('exploitation-form').items).toHaveLength(12);
  });

  it('gives every offence a legal regime with dated versions that never overlap, and an ICCS class for trafficking and smuggling', () => {
    const versions = list('law-version').items;
    const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
    for (const v of versions) {
      expect(isDate(v.meta?.from), v.code).toBe(true);
      expect(v.meta?.to === null || (isDate(v.meta?.to) && String(v.meta?.to) >= String(v.meta?.from)), v.code).toBe(true);
      expect(typeof v.meta?.needsLegalConfirmation, v.code).toBe('boolean');
    }
    for (const offence of list('offence').items) {
      const mine = versions.filter((v) => v.meta?.law === offence.meta?.law).sort((a, b) => String(a.meta?.from).localeCompare(String(b.meta?.from)));
      expect(mine.length, offence.code).toBeGreaterThan(0);
      for (let i = 1; i < mine.length; i += 1) expect(String(mine[i - 1]!.meta?.to) < String(mine[i]!.meta?.from), mine[i]!.code).toBe(true);
      expect([null, '0204', '08051'], offence.code).toContain(offence.meta?.iccs);
    }
    expect(list('offence').items.find((o) => o.code === 'trata-personas')?.meta?.iccs).toBe('0204');
    expect(list('offence').items.find((o) => o.code === 'trafico-migrantes')?.meta?.iccs).toBe('08051');
  });
});

describe('agencies', () => {
  const kinds = new Set(list('agency-kind').items.map((i) => i.code));

  it('every agency kind exists in the agency-kind list', () => {
    for (const a of agencies) expect(kinds.has(a.kind), `${a.code}: ${a.kind}`).toBe(true);
  });

  it('gives every agency a unique upper-case code and a name', () => {
    expect(duplicates(agencies.map((a) => a.code))).toEqual([]);
    for (const a of agencies) {
      expect(a.code).toMatch(AGENCY_CODE_PATTERN);
      expect(a.name.trim(), a.code).not.toBe('');
      if (a.confirm !== undefined) expect(typeof a.confirm, a.code).toBe('boolean');
    }
  });

  it('includes the office itself, a generic NGO and a generic shelter', () => {
    const codes = agencies.map((a) => a.code);
    expect(codes).toContain('PGR-PETT');
    expect(agencies.find((a) => a.code === 'ONG')?.kind).toBe('ngo');
    expect(agencies.find((a) => a.code === 'REFUGIO')?.kind).toBe('shelter');
  });
});

describe('SOP templates', () => {
  const caseTypes = new Set(list('case-type').items.map((i) => i.code));

  it('gives every template a unique kebab-case key, a name and a positive version', () => {
    expect(duplicates(sopTemplates.map((t) => t.key))).toEqual([]);
    for (const t of sopTemplates) {
      expect(t.key).toMatch(CODE_PATTERN);
      expect(t.name.trim(), t.key).not.toBe('');
      expect(Number.isInteger(t.version) && t.version >= 1, t.key).toBe(true);
      expect(t.steps.length, t.key).toBeGreaterThan(0);
    }
  });

  it('applies every template only to case types that exist', () => {
    for (const t of sopTemplates) {
      expect(t.appliesTo.length, t.key).toBeGreaterThan(0);
      for (const type of t.appliesTo) expect(caseTypes.has(type), `${t.key}: ${type}`).toBe(true);
    }
  });

  it('assigns every step to an allowed role', () => {
    for (const t of sopTemplates) {
      for (const s of t.steps) expect(SOP_ROLES, `${t.key}/${s.key}`).toContain(s.role);
    }
  });

  it('keeps step keys unique within a template', () => {
    for (const t of sopTemplates) {
      const keys = t.steps.map((s) => s.key);
      expect(duplicates(keys), t.key).toEqual([]);
      for (const key of keys) expect(key, `${t.key}/${key}`).toMatch(CODE_PATTERN);
    }
  });

  it('gives every step a title, flags and a non-negative due offset in days', () => {
    for (const t of sopTemplates) {
      for (const s of t.steps) {
        expect(s.title.trim(), `${t.key}/${s.key}`).not.toBe('');
        expect(typeof s.required, `${t.key}/${s.key}`).toBe('boolean');
        expect(typeof s.gate, `${t.key}/${s.key}`).toBe('boolean');
        expect(Number.isInteger(s.dueOffsetDays) && s.dueOffsetDays >= 0, `${t.key}/${s.key}`).toBe(true);
      }
    }
  });

  it('never lets an optional step block a stage', () => {
    for (const t of sopTemplates) {
      for (const s of t.steps) if (s.gate) expect(s.required, `${t.key}/${s.key}`).toBe(true);
    }
  });

  it('makes CONANI notification a required gate in the child protocol', () => {
    const child = sopTemplates.find((t) => t.key === 'sop-protocolo-nna');
    const step = child?.steps.find((s) => s.key === 'nna-conani-notification');
    expect(step?.required).toBe(true);
    expect(step?.gate).toBe(true);
  });
});
