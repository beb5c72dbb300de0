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
const sopTemplates = JSON.parse(readFileSync(join(root, 'config/catalogues/sop-templates.json'), 'utf8')) as Array<{ steps: Array<{ key: string }> }>;
const stageCodes = new Set(codeLists.find((l) => l.key === 'case-stage')!.items.map((i) => i.code));
const options: ValidationOptions = { roles: ROLE_KEYS, guards: Object.keys(GUARDS), stageCodes };
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
