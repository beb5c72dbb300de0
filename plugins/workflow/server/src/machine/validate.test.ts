import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_KEYS } from '../../../../access/server/src/policy/roles';
import type { WorkflowDefinition } from './definition';
import { GUARDS } from './guards';
import { problemMessage, problemsSummary, validateWorkflow, type ValidationOptions } from './validate';

const root = join(import.meta.dirname, '../../../../..');
const shipped = JSON.parse(readFileSync(join(root, 'config/catalogues/workflows.json'), 'utf8')) as WorkflowDefinition[];
const codeLists = JSON.parse(readFileSync(join(root, 'config/catalogues/code-lists.json'), 'utf8')) as Array<{ key: string; items: Array<{ code: string }> }>;
const sopTemplates = JSON.parse(readFileSync(join(root, 'config/catalogues/sop-templates.json'), 'utf8')) as Array<{ key: string; appliesTo: string[]; steps: Array<{ key: string; gate: boolean; required: boolean }> }>;
const deadlineRules = (JSON.parse(readFileSync(join(root, 'config/catalogues/deadline-rules.json'), 'utf8')) as { rules: Array<{ event: string }> }).rules;
const stageCodes = new Set(codeLists.find((l) => l.key === 'case-stage')!.items.map((i) => i.code));
const caseTypes = codeLists.find((l) => l.key === 'case-type')!.items.map((i) => i.code);
const templateKeys = new Set(sopTemplates.map((t) => t.key));
const events = new Set(deadlineRules.map((r) => r.event));
const options: ValidationOptions = { roles: ROLE_KEYS, guards: Object.keys(GUARDS), stageCodes, templates: templateKeys, events };
const general = shipped.find((w) => w.key === 'flujo-general')!;

const broken = (change: (w: WorkflowDefinition) => void): WorkflowDefinition => {
  const copy = structuredClone(general);
  change(copy);
  return copy;
};

describe('the shipped workflows', () => {
  it.each(shipped.map((w) => [w.key, w] as const))('%s is valid', (_key, w) => {
    expect(validateWorkflow(w, options)).toEqual([]);
  });

  it('the general workflow has the eleven stages of the case-stage code list, in order, from intake', () => {
    expect(general.states.map((s) => s.code)).toEqual([...stageCodes]);
    expect(general.initialState).toBe('intake');
    expect(shipped.filter((w) => w.isDefault).map((w) => w.key)).toEqual(['flujo-general']);
  });

  it('names only SOP steps that a shipped protocol has', () => {
    const keys = new Set(sopTemplates.flatMap((t) => t.steps.map((s) => s.key)));
    for (const w of shipped) for (const t of w.transitions) for (const step of t.requiredSteps) expect(keys.has(step), `${w.key} ${t.from}→${t.to}: ${step}`).toBe(true);
  });

  it('every step a transition requires is held by a checklist its source stage opens, for every case type the workflow takes', () => {
    for (const w of shipped) {
      const types = w.appliesTo?.caseTypes?.length ? w.appliesTo.caseTypes : caseTypes;
      for (const t of w.transitions) {
        const from = w.states.find((s) => s.code === t.from)!;
        for (const type of types) {
          const held = new Set(sopTemplates.filter((x) => from.sopTemplates?.includes(x.key) && x.appliesTo.includes(type)).flatMap((x) => x.steps.map((s) => s.key)));
          for (const step of t.requiredSteps) expect(held.has(step), `${w.key} ${t.from}→${t.to} (${type}): ${step}`).toBe(true);
        }
      }
    }
  });

  it('no two checklists open at once hold the same step key (a tick means one thing)', () => {
    for (const w of shipped) {
      for (const state of w.states) {
        for (const type of caseTypes) {
          const keys = sopTemplates.filter((x) => state.sopTemplates?.includes(x.key) && x.appliesTo.includes(type)).flatMap((x) => x.steps.map((s) => s.key));
          expect(keys.filter((k, i) => keys.indexOf(k) !== i), `${w.key} ${state.code} (${type})`).toEqual([]);
        }
      }
    }
  });

  it('opens the issue’s eight protocols somewhere, and starts the deadlines the contract names', () => {
    const opened = new Set(shipped.flatMap((w) => w.states.flatMap((s) => s.sopTemplates ?? [])));
    for (const key of ['sop-recepcion-denuncia', 'sop-identificacion-victimas', 'sop-protocolo-nna', 'sop-planificacion-rescate', 'sop-investigacion-financiera', 'sop-evidencia-digital', 'sop-cooperacion-internacional', 'sop-preparacion-acusacion']) {
      expect(opened.has(key), key).toBe(true);
    }
    const starts = (w: WorkflowDefinition, code: string) => w.states.find((s) => s.code === code)?.startsEvents;
    expect(starts(general, 'arrest')).toEqual(['arrest']);
    expect(starts(general, 'coercive-measure')).toEqual(['pretrial-detention-ordered']);
    expect(starts(general, 'investigation')).toEqual(['proceedings-start']);
  });

  it('only the chief prosecutor closes a case', () => {
    for (const w of shipped) for (const t of w.transitions.filter((x) => x.to === 'closed')) expect(t.roles).toEqual(['chief-prosecutor']);
  });
});

describe('a broken workflow is refused with what to fix', () => {
  it.each<[string, (w: WorkflowDefinition) => void, string, string[]]>([
    ['an unreachable stage', (w) => (w.transitions = w.transitions.filter((t) => t.to !== 'appeal')), 'No se puede llegar a la etapa «appeal» desde la etapa inicial «intake»: añada una transición que lleve a ella o quítela.', ['states', '8', 'code']],
    ['a target that does not exist', (w) => (w.transitions[0].to = 'investigacion'), 'La transición n.º 1 lleva a «investigacion», que no es una etapa del flujo.', ['transitions', '0', 'to']],
    ['a source that does not exist', (w) => (w.transitions[2].from = 'arresto'), 'La transición n.º 3 sale de «arresto», que no es una etapa del flujo.', ['transitions', '2', 'from']],
    ['an unknown guard', (w) => (w.transitions[4].guards = ['requiresCoercion']), 'La transición n.º 5 nombra la condición «requiresCoercion», que no existe. Condiciones: requiredStepsDone, requiresCoercionRequest, noOpenProtectionMeasure, requiresAccused.', ['transitions', '4', 'guards']],
    ['an unknown role', (w) => (w.transitions[0].roles = ['fiscal']), `La transición n.º 1 nombra el rol «fiscal», que no existe. Roles: ${ROLE_KEYS.join(', ')}.`, ['transitions', '0', 'roles']],
    ['no role at all', (w) => (w.transitions[0].roles = []), 'La transición n.º 1 debe indicar al menos un rol que pueda hacerla.', ['transitions', '0', 'roles']],
    ['an initial stage that is not a stage', (w) => (w.initialState = 'denuncia'), 'La etapa inicial «denuncia» no es una de las etapas del flujo.', ['initialState']],
    ['a stage twice', (w) => w.states.push({ ...w.states[0] }), 'La etapa «intake» aparece dos veces: deje una sola.', ['states', '11', 'code']],
    ['a stage outside the code list', (w) => (w.states.push({ code: 'mediation', labelEs: 'Mediación', labelEn: 'Mediation' }), w.transitions.push({ from: 'intake', to: 'mediation', roles: ['prosecutor'], requiredSteps: [], guards: [] })), 'La etapa «mediation» no está en la lista de códigos «Etapa procesal»: añádala allí primero.', ['states', '11', 'code']],
    ['the same move twice', (w) => w.transitions.push({ ...w.transitions[0] }), 'La transición n.º 22 repite el paso de «intake» a «investigation»: únalas en una.', ['transitions', '21', 'to']],
    ['a move into the same stage', (w) => (w.transitions[0].to = 'intake'), 'La transición n.º 1 sale y llega a la misma etapa «intake».', ['transitions', '0', 'to']],
    ['a step key that is not a key', (w) => (w.transitions[0].requiredSteps = ['Registrar denuncia']), 'La transición n.º 1 exige el paso «Registrar denuncia»: use la clave del paso del protocolo (minúsculas con guiones).', ['transitions', '0', 'requiredSteps']],
    ['no final stage', (w) => w.transitions.push({ from: 'closed', to: 'investigation', roles: ['chief-prosecutor'], requiredSteps: [], guards: [] }), 'Todas las etapas tienen salida: el flujo necesita al menos una etapa final (por ejemplo «closed»).', ['transitions']],
    ['a stage without a name', (w) => (w.states[1].labelEn = ' '), 'La etapa «investigation» necesita nombre en español y en inglés.', ['states', '1', 'labelEs']],
    ['a bad key', (w) => (w.key = 'Flujo General'), 'La clave del flujo debe estar en minúsculas con guiones (por ejemplo «flujo-general»).', ['key']],
    ['an unknown protocol', (w) => (w.states[0].sopTemplates = ['sop-recepcion']), `La etapa «intake» abre el protocolo «sop-recepcion», que no existe o no está activo. Protocolos: ${[...templateKeys].sort().join(', ')}.`, ['states', '0', 'sopTemplates']],
    ['an unknown deadline event', (w) => (w.states[2].startsEvents = ['arresto']), `La etapa «arrest» inicia el evento «arresto», que ninguna regla de plazo usa: cree antes la regla o use uno de: ${[...events].sort().join(', ')}.`, ['states', '2', 'startsEvents']],
    ['a protocol list that is not a list', (w) => ((w.states[1] as unknown as Record<string, unknown>).sopTemplates = 'sop-evidencia-digital'), 'En la etapa «investigation», «sopTemplates» debe ser una lista de claves, por ejemplo ["sop-recepcion-denuncia"].', ['states', '1', 'sopTemplates']],
  ])('%s', (_name, change, message, path) => {
    const problems = validateWorkflow(broken(change), options);
    expect(problems.map((p) => problemMessage(p, 'es'))).toContain(message);
    expect(problems.find((p) => problemMessage(p, 'es') === message)?.path).toEqual(path);
  });

  it('says it in English too, and counts the other problems', () => {
    const problems = validateWorkflow(broken((w) => ((w.transitions[0].to = 'nowhere'), (w.transitions[1].guards = ['x']))), options);
    expect(problemsSummary(problems, 'en')).toMatch(/^Transition no\. 1 leads to «nowhere», which is not a stage of the workflow\. \(and \d+ more problems?\)$/);
  });

  it('refuses something that is not a workflow at all', () => {
    expect(validateWorkflow(null, options)).toEqual([{ path: [], code: 'shape' }]);
    expect(validateWorkflow({ key: 'x', name: 'X', states: 'intake', transitions: {} }, options).map((p) => p.code)).toEqual(['no-states']);
  });
});
