// The pure rules of investigation plans: the shipped templates make valid plans, the validator
// names every problem by path in both languages, and authorisation expiries become deadline changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePlan, type PlanReferences } from '../validation/plan-input';
import { planFromTemplate } from './from-template';
import { authorisationDeadlineChanges, syncAuthorisationDeadlines } from './authorisation-deadlines';
import type { Core } from '@strapi/strapi';
import { renderPlanPdf } from './plan-pdf';
import { keepHiddenCodes, visibleCodesOnly } from './person-codes';

const templates = JSON.parse(readFileSync(join(__dirname, '../../../../../config/catalogues/plan-templates.json'), 'utf8')) as Array<{ key: string; name: string; caseTypes: string[]; content: Record<string, unknown[]> }>;
const agencies = new Set((JSON.parse(readFileSync(join(__dirname, '../../../../../config/catalogues/agencies.json'), 'utf8')) as Array<{ code: string }>).map((a) => a.code));
const refs: PlanReferences = { agencies, countries: new Set(['ht', 'us', 'es']), teamUsers: new Set(['user1docid']), personCodes: new Set(['V-7KQ2M']) };
const TODAY = '2026-11-29';

describe('plan templates', () => {
  it('ship the five training-manual plans, in Spanish', () => {
    expect(templates.map((t) => t.key)).toEqual(['explotacion-sexual', 'trabajo-forzoso', 'trafico-maritimo', 'trata-ninos', 'investigacion-financiera']);
  });

  it('name only agencies of the shipped catalogue', () => {
    const named = templates.flatMap((t) => [...(t.content.actions ?? []), ...(t.content.resources ?? [])].map((r) => (r as { agency?: string }).agency).filter(Boolean));
    expect(named.filter((code) => !agencies.has(code!))).toEqual([]);
  });

  it.each(templates.map((t) => [t.key, t] as const))('%s pre-fills a plan the validator accepts, losing nothing', (_key, template) => {
    const content = planFromTemplate(template.content, refs, TODAY);
    for (const part of ['hypotheses', 'lines', 'actions', 'informationNeeds', 'risks', 'resources', 'authorisations'] as const) {
      expect(content[part].length, part).toBe((template.content[part] ?? []).length);
    }
    expect(content.hypotheses.length).toBeGreaterThanOrEqual(2);
    const checked = validatePlan({ ...content, version: 1 }, refs, 'es', TODAY);
    expect('problems' in checked ? checked.problems : []).toEqual([]);
  });

  it('turns day offsets into due dates and drops an agency that no longer exists', () => {
    const content = planFromTemplate({
      hypotheses: [{ key: 'h-a', statement: 'Hipótesis' }],
      lines: [{ key: 'l-a', hypothesisKey: 'h-a', title: 'Línea' }, { key: 'l-b', hypothesisKey: 'h-z', title: 'Huérfana' }],
      actions: [{ key: 'a-1', lineKey: 'l-a', description: 'Hacer', agency: 'NO-EXISTE', dueInDays: 3 }, { key: 'a-2', lineKey: 'l-b', description: 'Sin línea' }],
    }, refs, TODAY);
    expect(content.lines.map((l) => l.key)).toEqual(['l-a']);
    expect(content.actions).toEqual([expect.objectContaining({ key: 'a-1', assigneeAgency: null, dueDate: '2026-12-02', status: 'planned' })]);
  });
});

describe('validatePlan', () => {
  const base = { version: 3, hypotheses: [{ key: 'h-a', statement: 'Algo pasó' }], lines: [{ key: 'l-a', hypothesisKey: 'h-a', title: 'Línea' }] };

  it('accepts a plan, fills defaults and gives a key to a new item', () => {
    const checked = validatePlan({ ...base, actions: [{ lineKey: 'l-a', description: 'Entrevista', assigneeUser: 'user1docid', personCodes: ['V-7KQ2M', 'V-7KQ2M'] }] }, refs, 'es', TODAY);
    if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
    expect(checked.version).toBe(3);
    expect(checked.content.actions[0]).toMatchObject({ status: 'planned', personCodes: ['V-7KQ2M'], assigneeAgency: null });
    expect(checked.content.actions[0].key).toMatch(/^a-[a-z0-9]{8}$/);
  });

  it('names each problem by path, in the language asked', () => {
    const data = {
      ...base,
      actions: [{ key: 'a-1', lineKey: 'l-z', description: 'x', assigneeUser: 'user1docid', assigneeAgency: 'PN' }],
      authorisations: [{ key: 'j-1', kind: 'search', expiresOn: '2026-12-31' }],
      mlaRequests: [{ key: 'm-1', country: 'ht', status: 'executed' }],
    };
    const es = validatePlan(data, refs, 'es', TODAY);
    const en = validatePlan(data, refs, 'en', TODAY);
    const paths = (r: typeof es) => ('problems' in r ? r.problems.map((p) => p.path.join('.')) : []);
    expect(paths(es)).toEqual(['actions.0.lineKey', 'actions.0.assigneeAgency', 'authorisations.0.grantedOn', 'mlaRequests.0.sentOn']);
    expect(paths(en)).toEqual(paths(es));
    expect('problems' in es && es.problems[1].message).toBe('Asigne la diligencia a una persona del equipo o a una institución, no a ambas.');
    expect('problems' in en && en.problems[1].message).toBe('Assign the action to a team member or to an agency, not both.');
  });

  it('refuses a grant in the future and a request without a version', () => {
    const checked = validatePlan({ authorisations: [{ key: 'j-1', kind: 'search', requestedOn: TODAY, grantedOn: '2026-12-01' }] }, refs, 'en', TODAY);
    expect('problems' in checked && checked.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['version', 'Give in «version» the version of the plan you edited.'],
      ['authorisations.0.grantedOn', 'The date cannot be in the future.'],
    ]);
  });
});

describe('authorisationDeadlineChanges', () => {
  const a = (key: string, grantedOn: string | null, expiresOn: string | null) => ({ key, grantedOn, expiresOn });

  it('starts a deadline for a new or changed dated grant and cancels one removed or undated', () => {
    const before = [a('j-1', '2026-11-01', '2026-12-01'), a('j-2', '2026-11-01', '2026-12-01'), a('j-3', '2026-11-01', '2026-12-01'), a('j-4', null, null)];
    const after = [a('j-1', '2026-11-01', '2026-12-01'), a('j-2', '2026-11-01', '2026-12-15'), a('j-3', '2026-11-01', null), a('j-4', '2026-11-20', '2026-12-20'), a('j-5', '2026-11-21', '2026-12-21')];
    expect(authorisationDeadlineChanges(before, after)).toEqual({
      start: [{ key: 'j-2', grantedOn: '2026-11-01', expiresOn: '2026-12-15' }, { key: 'j-4', grantedOn: '2026-11-20', expiresOn: '2026-12-20' }, { key: 'j-5', grantedOn: '2026-11-21', expiresOn: '2026-12-21' }],
      cancel: ['j-3'],
    });
    expect(authorisationDeadlineChanges(after, [])).toEqual({ start: [], cancel: ['j-1', 'j-2', 'j-4', 'j-5'] });
  });
});

describe('person codes the caller cannot see', () => {
  const hypothesis = (key: string, personCodes: string[]) => ({ key, statement: 'x', basis: null, status: 'open', personCodes });
  const plan = (codes: string[][]) => ({ ...planFromTemplate({}, refs, TODAY), hypotheses: codes.map((c, i) => hypothesis(`h-${i}`, c)) });

  it('are left out of what the caller receives', () => {
    expect(visibleCodesOnly(plan([['V-AAAAA', 'T-BBBBB']]), new Set(['T-BBBBB'])).hypotheses[0]!.personCodes).toEqual(['T-BBBBB']);
  });

  it('are kept, item by item, when the caller saves', () => {
    const stored = plan([['V-AAAAA', 'T-BBBBB'], ['V-AAAAA']]);
    const sent = { ...plan([['T-CCCCC']]), hypotheses: [hypothesis('h-0', ['T-CCCCC']), hypothesis('h-new', [])] };
    const saved = keepHiddenCodes(stored, sent, new Set(['T-BBBBB', 'T-CCCCC']));
    expect(saved.hypotheses.map((h) => [h.key, h.personCodes])).toEqual([['h-0', ['T-CCCCC', 'V-AAAAA']], ['h-new', []]]);
  });
});

describe('syncAuthorisationDeadlines', () => {
  // The workflow plugin's deadline service lives on another branch until the merge: a stand-in
  // with its contract records what this side asks of it.
  const strapiWith = (service: unknown) => ({ plugin: () => ({ service: () => service }) }) as unknown as Core.Strapi;

  it('asks the deadline service to start and cancel by source', async () => {
    const calls: unknown[] = [];
    const service = { start: async (input: unknown) => void calls.push(['start', input]), cancelBySource: async (...args: unknown[]) => void calls.push(['cancel', ...args]) };
    await syncAuthorisationDeadlines(strapiWith(service), 7, { start: [{ key: 'j-1', grantedOn: '2026-11-20', expiresOn: '2026-12-20' }], cancel: ['j-0'] });
    expect(calls).toEqual([
      ['cancel', 7, 'authorisation:j-0', expect.any(String)],
      ['start', { caseId: 7, event: 'judicial-authorisation-granted', eventAt: '2026-11-20T12:00:00-04:00', source: 'authorisation:j-1', recordedDue: '2026-12-20' }],
    ]);
  });

  it('does nothing when this installation has no deadline service yet', async () => {
    const throwing = { plugin: () => ({ service: () => { throw new Error('no service'); } }) } as unknown as Core.Strapi;
    await expect(syncAuthorisationDeadlines(throwing, 7, { start: [{ key: 'j-1', grantedOn: '2026-11-20', expiresOn: '2026-12-20' }], cancel: [] })).resolves.toBeUndefined();
    await expect(syncAuthorisationDeadlines(strapiWith(undefined), 7, { start: [], cancel: ['j-1'] })).resolves.toBeUndefined();
  });
});

describe('renderPlanPdf', () => {
  it('writes an A4 PDF with the header on every page and the page count', async () => {
    const content = planFromTemplate(templates[0].content, refs, TODAY);
    // Enough actions to need several pages.
    content.actions = Array.from({ length: 60 }, (_, i) => ({ ...content.actions[0], key: `a-${i}`, description: `Diligencia número ${i + 1} con acentos: ñandú, acción.` }));
    const pdf = await renderPlanPdf({
      caseNumber: 'PETT-2026-00042', caseType: 'trata', stage: 'investigation', version: 2, updatedAt: '2026-11-28T15:00:00.000Z', generatedAt: new Date('2026-11-29T16:30:00Z'), generatedBy: 'fiscal.demo1',
      content, userLabels: new Map(), agencyLabels: new Map([['MSP', 'MSP — Ministerio de Salud Pública']]), countryLabels: new Map(),
    });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    const pages = (raw.match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    const text = [...raw.matchAll(/<([0-9a-f]+)>/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('');
    // On every page: in the header and as the watermark.
    expect(text.split('CONFIDENCIAL').length - 1).toBe(2 * pages);
    expect(text).toContain('Generado el 29/11/2026 12:30 por fiscal.demo1');
    expect(text).toContain(`Página ${pages} de ${pages}`);
    expect(text).toContain('29/11/2026 12:30');
    expect(text).toContain('ñandú, acción');
  });
});
