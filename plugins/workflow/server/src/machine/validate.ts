// Checks a workflow definition before it is saved: every state reachable from the initial one,
// every transition between states that exist, known guards and roles. Each problem says what to fix.
import type { WorkflowDefinition } from './definition';
import type { Lang } from './reasons';

export interface Problem {
  path: string[];
  code: ProblemCode;
  params?: Record<string, string | number>;
}

type ProblemCode =
  | 'key' | 'name' | 'no-states' | 'state-code' | 'state-label' | 'duplicate-state' | 'unknown-stage'
  | 'initial-state' | 'transition-from' | 'transition-to' | 'self-transition' | 'duplicate-transition'
  | 'no-roles' | 'unknown-role' | 'unknown-guard' | 'step-key' | 'unreachable' | 'no-final-state' | 'shape'
  | 'unknown-template' | 'unknown-event' | 'state-list';

export interface ValidationOptions {
  /** The role keys a transition may name. */
  roles: readonly string[];
  /** The guard names of the registry. */
  guards: readonly string[];
  /** When given, every state code must be a code of the case-stage code list. */
  stageCodes?: ReadonlySet<string>;
  /** When given, every SOP template a stage opens must be one of these keys (the active templates). */
  templates?: ReadonlySet<string>;
  /** When given, every event a stage starts must be one of these (the events of the deadline rules). */
  events?: ReadonlySet<string>;
}

const known = (set: ReadonlySet<string>) => [...set].sort().join(', ') || '—';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const isText = (v: unknown, max = 300): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const stringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function validateWorkflow(input: unknown, options: ValidationOptions): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Array<string | number>, code: ProblemCode, params?: Problem['params']) => problems.push({ path: path.map(String), code, params });
  if (!input || typeof input !== 'object') return [{ path: [], code: 'shape' }];
  const w = input as Partial<WorkflowDefinition>;
  if (typeof w.key !== 'string' || !CODE.test(w.key)) add(['key'], 'key');
  if (!isText(w.name)) add(['name'], 'name');
  const states = Array.isArray(w.states) ? w.states : [];
  if (!states.length) add(['states'], 'no-states');
  const codes = new Set<string>();
  states.forEach((s, i) => {
    if (!s || typeof s.code !== 'string' || !CODE.test(s.code)) return add(['states', i, 'code'], 'state-code', { index: i + 1 });
    if (codes.has(s.code)) add(['states', i, 'code'], 'duplicate-state', { state: s.code });
    codes.add(s.code);
    if (!isText(s.labelEs) || !isText(s.labelEn)) add(['states', i, 'labelEs'], 'state-label', { state: s.code });
    if (options.stageCodes && !options.stageCodes.has(s.code)) add(['states', i, 'code'], 'unknown-stage', { state: s.code });
    for (const [field, set, code] of [['sopTemplates', options.templates, 'unknown-template'], ['startsEvents', options.events, 'unknown-event']] as const) {
      const value = (s as unknown as Record<string, unknown>)[field];
      if (value == null) continue;
      if (!stringArray(value)) {
        add(['states', i, field], 'state-list', { state: s.code, field });
        continue;
      }
      for (const item of value) if (set && !set.has(item)) add(['states', i, field], code, { state: s.code, item, known: known(set) });
    }
  });
  if (states.length && (typeof w.initialState !== 'string' || !codes.has(w.initialState))) add(['initialState'], 'initial-state', { state: String(w.initialState ?? '') });

  const transitions = Array.isArray(w.transitions) ? w.transitions : [];
  const pairs = new Set<string>();
  const roles = new Set(options.roles);
  const guards = new Set(options.guards);
  transitions.forEach((t, i) => {
    const at = (field: string) => ['transitions', i, field];
    const n = i + 1;
    if (!t || typeof t !== 'object') return add(['transitions', i], 'shape');
    if (!codes.has(t.from)) add(at('from'), 'transition-from', { index: n, state: String(t.from ?? '') });
    if (!codes.has(t.to)) add(at('to'), 'transition-to', { index: n, state: String(t.to ?? '') });
    if (t.from === t.to) add(at('to'), 'self-transition', { index: n, state: String(t.to) });
    const pair = `${t.from}→${t.to}`;
    if (pairs.has(pair)) add(at('to'), 'duplicate-transition', { index: n, from: String(t.from), to: String(t.to) });
    pairs.add(pair);
    if (!stringArray(t.roles) || t.roles.length === 0) add(at('roles'), 'no-roles', { index: n });
    else for (const role of t.roles) if (!roles.has(role)) add(at('roles'), 'unknown-role', { index: n, role, known: options.roles.join(', ') });
    if (t.guards != null && !stringArray(t.guards)) add(at('guards'), 'shape');
    else for (const guard of t.guards ?? []) if (!guards.has(guard)) add(at('guards'), 'unknown-guard', { index: n, guard, known: options.guards.join(', ') });
    if (t.requiredSteps != null && !stringArray(t.requiredSteps)) add(at('requiredSteps'), 'shape');
    else for (const step of t.requiredSteps ?? []) if (!CODE.test(step)) add(at('requiredSteps'), 'step-key', { index: n, step });
  });

  if (typeof w.initialState === 'string' && codes.has(w.initialState)) {
    const reached = new Set([w.initialState]);
    const queue = [w.initialState];
    while (queue.length) {
      const from = queue.shift()!;
      for (const t of transitions) if (t?.from === from && codes.has(t.to) && !reached.has(t.to)) (reached.add(t.to), queue.push(t.to));
    }
    states.forEach((s, i) => {
      if (s && codes.has(s.code) && !reached.has(s.code)) add(['states', i, 'code'], 'unreachable', { state: s.code, initial: w.initialState! });
    });
    const hasWayOut = new Set(transitions.map((t) => t?.from));
    if (states.length && states.every((s) => hasWayOut.has(s?.code))) add(['transitions'], 'no-final-state');
  }
  return problems;
}

const WORDS: Record<ProblemCode, Record<Lang, (p: Record<string, string | number>) => string>> = {
  shape: { es: () => 'El flujo no tiene la forma esperada (estados y transiciones).', en: () => 'The workflow does not have the expected shape (states and transitions).' },
  key: { es: () => 'La clave del flujo debe estar en minúsculas con guiones (por ejemplo «flujo-general»).', en: () => 'The workflow key must be lower case with hyphens (for example «general-flow»).' },
  name: { es: () => 'Indique el nombre del flujo.', en: () => 'Give the workflow a name.' },
  'no-states': { es: () => 'El flujo necesita al menos una etapa.', en: () => 'The workflow needs at least one stage.' },
  'state-code': { es: (p) => `La etapa n.º ${p.index} necesita un código en minúsculas con guiones.`, en: (p) => `Stage no. ${p.index} needs a lower-case, hyphenated code.` },
  'state-label': { es: (p) => `La etapa «${p.state}» necesita nombre en español y en inglés.`, en: (p) => `Stage «${p.state}» needs a Spanish and an English name.` },
  'duplicate-state': { es: (p) => `La etapa «${p.state}» aparece dos veces: deje una sola.`, en: (p) => `Stage «${p.state}» appears twice: keep only one.` },
  'unknown-stage': { es: (p) => `La etapa «${p.state}» no está en la lista de códigos «Etapa procesal»: añádala allí primero.`, en: (p) => `Stage «${p.state}» is not in the «Procedural stage» code list: add it there first.` },
  'initial-state': { es: (p) => `La etapa inicial «${p.state}» no es una de las etapas del flujo.`, en: (p) => `The initial stage «${p.state}» is not one of the workflow's stages.` },
  'transition-from': { es: (p) => `La transición n.º ${p.index} sale de «${p.state}», que no es una etapa del flujo.`, en: (p) => `Transition no. ${p.index} leaves from «${p.state}», which is not a stage of the workflow.` },
  'transition-to': { es: (p) => `La transición n.º ${p.index} lleva a «${p.state}», que no es una etapa del flujo.`, en: (p) => `Transition no. ${p.index} leads to «${p.state}», which is not a stage of the workflow.` },
  'self-transition': { es: (p) => `La transición n.º ${p.index} sale y llega a la misma etapa «${p.state}».`, en: (p) => `Transition no. ${p.index} leaves and enters the same stage «${p.state}».` },
  'duplicate-transition': { es: (p) => `La transición n.º ${p.index} repite el paso de «${p.from}» a «${p.to}»: únalas en una.`, en: (p) => `Transition no. ${p.index} repeats the move from «${p.from}» to «${p.to}»: merge them into one.` },
  'no-roles': { es: (p) => `La transición n.º ${p.index} debe indicar al menos un rol que pueda hacerla.`, en: (p) => `Transition no. ${p.index} must name at least one role allowed to make it.` },
  'unknown-role': { es: (p) => `La transición n.º ${p.index} nombra el rol «${p.role}», que no existe. Roles: ${p.known}.`, en: (p) => `Transition no. ${p.index} names role «${p.role}», which does not exist. Roles: ${p.known}.` },
  'unknown-guard': { es: (p) => `La transición n.º ${p.index} nombra la condición «${p.guard}», que no existe. Condiciones: ${p.known}.`, en: (p) => `Transition no. ${p.index} names condition «${p.guard}», which does not exist. Conditions: ${p.known}.` },
  'step-key': { es: (p) => `La transición n.º ${p.index} exige el paso «${p.step}»: use la clave del paso del protocolo (minúsculas con guiones).`, en: (p) => `Transition no. ${p.index} requires step «${p.step}»: use the protocol step's key (lower case with hyphens).` },
  unreachable: { es: (p) => `No se puede llegar a la etapa «${p.state}» desde la etapa inicial «${p.initial}»: añada una transición que lleve a ella o quítela.`, en: (p) => `Stage «${p.state}» cannot be reached from the initial stage «${p.initial}»: add a transition into it or remove it.` },
  'state-list': { es: (p) => `En la etapa «${p.state}», «${p.field}» debe ser una lista de claves, por ejemplo ["sop-recepcion-denuncia"].`, en: (p) => `In stage «${p.state}», «${p.field}» must be a list of keys, for example ["sop-recepcion-denuncia"].` },
  'unknown-template': { es: (p) => `La etapa «${p.state}» abre el protocolo «${p.item}», que no existe o no está activo. Protocolos: ${p.known}.`, en: (p) => `Stage «${p.state}» opens protocol «${p.item}», which does not exist or is not active. Protocols: ${p.known}.` },
  'unknown-event': { es: (p) => `La etapa «${p.state}» inicia el evento «${p.item}», que ninguna regla de plazo usa: cree antes la regla o use uno de: ${p.known}.`, en: (p) => `Stage «${p.state}» starts event «${p.item}», which no deadline rule uses: create the rule first or use one of: ${p.known}.` },
  'no-final-state': { es: () => 'Todas las etapas tienen salida: el flujo necesita al menos una etapa final (por ejemplo «closed»).', en: () => 'Every stage has a way out: the workflow needs at least one final stage (for example «closed»).' },
};

export function problemMessage(problem: Problem, lang: Lang): string {
  return WORDS[problem.code][lang](problem.params ?? {});
}

/** One message for a refused save: the first problem, and how many more there are. */
export function problemsSummary(problems: Problem[], lang: Lang): string {
  const first = problemMessage(problems[0], lang);
  if (problems.length === 1) return first;
  const more = problems.length - 1;
  return lang === 'es' ? `${first} (y ${more} problema${more === 1 ? '' : 's'} más)` : `${first} (and ${more} more problem${more === 1 ? '' : 's'})`;
}
