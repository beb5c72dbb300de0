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
  'agency-kind', 'identification-indicator', 'coercive-measure', 'team-role',
];

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

  it('orders items with unique sort orders and points parents at codes of the same list', () => {
    for (const l of codeLists) {
      const orders = l.items.map((i) => String(i.sortOrder));
      expect(duplicates(orders), l.key).toEqual([]);
      const codes = new Set(l.items.map((i) => i.code));
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

  it('uses ISO 3166-1 alpha-2 nationality codes and has an unknown entry', () => {
    const codes = codesOf('nationality');
    for (const code of codes) expect(code).toMatch(/^[a-z]{2}$/);
    expect(codes).toContain('xx');
    expect(codes).toContain('do');
    expect(codes).toContain('ht');
  });

  it('ships the twelve forms of exploitation', () => {
    expect(list('exploitation-form').items).toHaveLength(12);
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
