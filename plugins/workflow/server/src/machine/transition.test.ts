import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseWorkflowFacts, TransitionContext, WorkflowDefinition } from './definition';
import { stageTemplatesOf, workflowFor } from './definition';
import { GUARDS } from './guards';
import { nextSteps, refusals, transition } from './transition';
import { reasonMessage } from './reasons';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../../config/catalogues/workflows.json'), 'utf8')) as WorkflowDefinition[];
const general = shipped.find((w) => w.key === 'flujo-general')!;
const sopTemplates = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../../config/catalogues/sop-templates.json'), 'utf8')) as Array<{ key: string; steps: Array<{ key: string; gate: boolean }> }>;
const sea = shipped.find((w) => w.key === 'interdiccion-maritima')!;

/** Facts under which no guard refuses. */
const CLEAR: CaseWorkflowFacts = { coercionRequestFiled: true, activeProtectionMeasures: 0, accusedCount: 1 };
const ctx = (actorRole: string | null, over: Partial<TransitionContext> = {}): TransitionContext => ({ actorRole, steps: {}, facts: CLEAR, ...over });

describe.each([general, sea].map((w) => [w.key, w] as const))('every transition of %s', (_key, workflow) => {
  it.each(workflow.transitions.map((t) => [`${t.from} → ${t.to}`, t] as const))('%s: allowed roles move with clear facts, other roles are refused', (_name, t) => {
    for (const role of t.roles) expect(transition({ workflow, current: t.from }, { to: t.to }, ctx(role))).toEqual({ ok: true, state: t.to, overridden: [] });
    for (const role of ['prosecutor', 'investigator', 'victim-officer', 'analyst', 'configurator', null].filter((r) => !t.roles.includes(r as string))) {
      const result = transition({ workflow, current: t.from }, { to: t.to }, ctx(role));
      expect(result.ok, `${role}`).toBe(false);
      if (!result.ok) expect(result.reasons.map((r) => r.code)).toContain('role-not-allowed');
    }
  });

  it.each(workflow.transitions.filter((t) => t.requiredSteps.length).map((t) => [`${t.from} → ${t.to}`, t] as const))('%s: an open required step blocks, a done or absent one does not', (_name, t) => {
    const [step] = t.requiredSteps;
    const role = t.roles[0];
    const blocked = transition({ workflow, current: t.from }, { to: t.to }, ctx(role, { steps: { [step]: 'open' } }));
    expect(blocked).toMatchObject({ ok: false, reasons: [{ code: 'step-not-done', params: { step }, overridable: true }] });
    expect(transition({ workflow, current: t.from }, { to: t.to }, ctx(role, { steps: { [step]: 'done' } })).ok).toBe(true);
  });

  it.each(workflow.transitions.filter((t) => t.guards.length).map((t) => [`${t.from} → ${t.to} [${t.guards.join(', ')}]`, t] as const))('%s: each guard blocks on its own fact', (_name, t) => {
    const blocking: Record<string, Partial<CaseWorkflowFacts>> = {
      requiresCoercionRequest: { coercionRequestFiled: false },
      noOpenProtectionMeasure: { activeProtectionMeasures: 2 },
      requiresAccused: { accusedCount: 0 },
    };
    for (const guard of t.guards) {
      expect(blocking[guard], `no table row for guard ${guard}`).toBeDefined();
      const result = transition({ workflow, current: t.from }, { to: t.to }, ctx(t.roles[0], { facts: { ...CLEAR, ...blocking[guard] } }));
      expect(result.ok, guard).toBe(false);
    }
  });

  it.each(workflow.transitions.map((t) => [`${t.from} → ${t.to}`, t] as const))('%s: the open gates of the checklists it closes block it, those it continues do not', (_name, t) => {
    const stageTemplates = stageTemplatesOf(workflow);
    const open = sopTemplates.filter((x) => stageTemplates[t.from].includes(x.key));
    const gates = open.flatMap((x) => x.steps.filter((s) => s.gate).map((s) => ({ key: s.key, templateKey: x.key })));
    const closing = [...new Set(gates.filter((g) => !stageTemplates[t.to].includes(g.templateKey)).map((g) => g.key))];
    const reasons = refusals(t, ctx(t.roles[0], { gates, stageTemplates }));
    expect(reasons.filter((r) => r.code === 'gate-step-open').map((r) => r.params?.step)).toEqual(closing);
    expect(reasons.every((r) => r.overridable)).toBe(true);
  });

  it('refuses a move the table does not have, and a state it does not know, for everyone', () => {
    const noWay = transition({ workflow, current: 'closed' }, { to: 'intake' }, ctx('chief-prosecutor'));
    expect(noWay).toMatchObject({ ok: false, reasons: [{ code: 'no-such-transition', overridable: false }] });
    const lost = transition({ workflow, current: 'limbo' }, { to: 'closed', override: true }, ctx('chief-prosecutor'));
    expect(lost).toMatchObject({ ok: false, reasons: [{ code: 'unknown-state' }] });
  });
});

describe('guards', () => {
  const t = { from: 'a', to: 'b', roles: ['prosecutor'], requiredSteps: [], guards: [] };
  it.each([
    ['requiresCoercionRequest', { ...CLEAR, coercionRequestFiled: false }, {}, ['coercion-request-missing']],
    ['requiresCoercionRequest', { ...CLEAR, coercionRequestFiled: false }, { 'coercion-request': 'done' }, []],
    ['requiresCoercionRequest', CLEAR, {}, []],
    ['noOpenProtectionMeasure', { ...CLEAR, activeProtectionMeasures: 1 }, {}, ['open-protection-measure']],
    ['noOpenProtectionMeasure', CLEAR, {}, []],
    ['requiresAccused', { ...CLEAR, accusedCount: 0 }, {}, ['no-accused']],
    ['requiresAccused', CLEAR, {}, []],
  ] as const)('%s with %o and steps %o refuses with %o', (name, facts, steps, codes) => {
    expect(GUARDS[name](t, { actorRole: 'prosecutor', facts, steps }).map((r) => r.code)).toEqual(codes);
  });

  it('requiredStepsDone names every open step and ignores steps no checklist of the case holds', () => {
    const reasons = GUARDS.requiredStepsDone({ ...t, requiredSteps: ['x', 'y', 'z'] }, { actorRole: 'prosecutor', facts: CLEAR, steps: { x: 'open', y: 'done', z: 'open' } });
    expect(reasons.map((r) => r.params?.step)).toEqual(['x', 'z']);
  });

  it('a guard name missing from the registry refuses, and cannot be overridden', () => {
    const workflow: WorkflowDefinition = { ...general, transitions: [{ ...t, from: 'intake', to: 'closed', roles: ['chief-prosecutor'], guards: ['noSuchGuard'] }] };
    const result = transition({ workflow, current: 'intake' }, { to: 'closed', override: true }, ctx('chief-prosecutor'));
    expect(result).toMatchObject({ ok: false, reasons: [{ code: 'unknown-guard', params: { guard: 'noSuchGuard' } }] });
  });
});

describe('gate steps', () => {
  const t = { from: 'investigation', to: 'conclusive-act', roles: ['prosecutor'], requiredSteps: ['legal-qualification'], guards: [] };
  const stageTemplates = { investigation: ['sop-a', 'sop-b'], arrest: ['sop-a', 'sop-b'], 'conclusive-act': ['sop-c'] };
  const gates = [{ key: 'victim-indicators', templateKey: 'sop-a' }, { key: 'legal-qualification', templateKey: 'sop-b' }, { key: 'victim-indicators', templateKey: 'sop-a' }];
  const context = (over: Partial<TransitionContext> = {}) => ctx('prosecutor', { steps: { 'legal-qualification': 'open', 'victim-indicators': 'open' }, gates, stageTemplates, ...over });

  it('an open gate blocks the move that closes its checklist, once, with its title; the required step is named once', () => {
    const reasons = GUARDS.requiredStepsDone(t, context({ titles: { 'victim-indicators': 'Aplicar indicadores', 'sop-a': 'POE 2' } }));
    expect(reasons).toEqual([
      { code: 'step-not-done', params: { step: 'legal-qualification' }, overridable: true },
      { code: 'gate-step-open', params: { step: 'victim-indicators', template: 'sop-a', title: 'Aplicar indicadores', templateName: 'POE 2' }, overridable: true },
    ]);
    expect(reasonMessage(reasons[1], 'es')).toBe('El paso «Aplicar indicadores» del protocolo «POE 2» debe completarse (o marcarse como no aplicable, con una nota) antes de salir de esta etapa.');
  });

  it('does not block a move whose target stage continues the checklist', () => {
    expect(GUARDS.requiredStepsDone({ ...t, to: 'arrest', requiredSteps: [] }, context())).toEqual([]);
  });

  it('a step done or not applicable satisfies a transition', () => {
    expect(GUARDS.requiredStepsDone(t, context({ steps: { 'legal-qualification': 'not-applicable' }, gates: [] }))).toEqual([]);
    expect(GUARDS.requiredStepsDone(t, context({ steps: { 'legal-qualification': 'done' }, gates: [] }))).toEqual([]);
  });

  it('in the shipped general workflow, leaving investigation for arrest keeps every checklist open, leaving it for the conclusive act closes them', () => {
    const shippedTemplates = stageTemplatesOf(general);
    const open = [{ key: 'victim-indicators', templateKey: 'sop-identificacion-victimas' }, { key: 'inv-plan', templateKey: 'sop-investigacion-trata' }];
    const toArrest = transition({ workflow: general, current: 'investigation' }, { to: 'arrest' }, ctx('prosecutor', { gates: open, stageTemplates: shippedTemplates }));
    expect(toArrest.ok).toBe(true);
    const toConclusive = transition({ workflow: general, current: 'investigation' }, { to: 'conclusive-act' }, ctx('prosecutor', { gates: open, stageTemplates: shippedTemplates }));
    expect(toConclusive).toMatchObject({ ok: false, reasons: [{ code: 'gate-step-open', params: { step: 'victim-indicators' } }, { code: 'gate-step-open', params: { step: 'inv-plan' } }] });
  });
});

describe('the chief prosecutor’s override', () => {
  const blocked = ctx('chief-prosecutor', { facts: { ...CLEAR, activeProtectionMeasures: 1 }, steps: { 'legal-qualification': 'open' } });

  it('lets the chief through blocking guards and steps, and says what was overridden', () => {
    const result = transition({ workflow: general, current: 'conclusive-act' }, { to: 'closed', override: true }, blocked);
    expect(result).toMatchObject({ ok: true, state: 'closed', overridden: [{ code: 'open-protection-measure' }] });
  });

  it('does nothing for a prosecutor, and never overrides the role rule', () => {
    const prosecutor = { ...blocked, actorRole: 'prosecutor' };
    expect(transition({ workflow: general, current: 'coercive-measure' }, { to: 'conclusive-act', override: true }, prosecutor).ok).toBe(false);
    expect(transition({ workflow: general, current: 'conclusive-act' }, { to: 'closed', override: true }, { ...prosecutor, facts: CLEAR }).ok).toBe(false);
  });
});

describe('next steps for the portal', () => {
  it('differ by role: the prosecutor may not close a case, the chief may', () => {
    const forProsecutor = nextSteps({ workflow: general, current: 'intake' }, ctx('prosecutor'));
    expect(forProsecutor).toEqual([
      { to: 'investigation', allowed: true, reasons: [], canOverride: false },
      { to: 'closed', allowed: false, reasons: [{ code: 'role-not-allowed', params: { roles: 'chief-prosecutor' }, overridable: false }], canOverride: false },
    ]);
    const forChief = nextSteps({ workflow: general, current: 'intake' }, ctx('chief-prosecutor', { facts: { ...CLEAR, activeProtectionMeasures: 1 } }));
    expect(forChief.find((s) => s.to === 'closed')).toMatchObject({ allowed: false, canOverride: true });
  });

  it('explains each refusal in Spanish and English', () => {
    const [step] = nextSteps({ workflow: general, current: 'arrest' }, ctx('prosecutor', { facts: { ...CLEAR, coercionRequestFiled: false } })).filter((s) => !s.allowed);
    expect(reasonMessage(step.reasons[0], 'es')).toBe('Antes debe registrarse la solicitud de medida de coerción.');
    expect(reasonMessage(step.reasons[0], 'en')).toBe('The coercive-measure request must be recorded first.');
  });
});

describe('which workflow a new case follows', () => {
  it('a smuggling case at sea gets the interdiction workflow, anything else the general one', () => {
    expect(workflowFor(shipped, { caseType: 'trafico', smugglingRoute: 'mar' })?.key).toBe('interdiccion-maritima');
    expect(workflowFor(shipped, { caseType: 'trafico', smugglingRoute: 'tierra' })?.key).toBe('flujo-general');
    expect(workflowFor(shipped, { caseType: 'trata', smugglingRoute: null })?.key).toBe('flujo-general');
  });
});
