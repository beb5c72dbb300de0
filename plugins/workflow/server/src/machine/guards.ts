// Named guard functions: each returns the reasons to refuse a move, or none. A workflow names them;
// the validator refuses a name that is not here. Add a guard here and give it words in reasons.ts.
import type { Reason, TransitionContext, WorkflowTransition } from './definition';

export type Guard = (transition: WorkflowTransition, context: TransitionContext) => Reason[];
export type GuardRegistry = Readonly<Record<string, Guard>>;

/**
 * Every required SOP step held by the case's open checklists must be done or marked not applicable
 * (steps absent do not apply); and a move that closes a checklist (its target stage does not open
 * the template again) waits for that checklist's gate steps.
 */
export const requiredStepsDone: Guard = (transition, { steps, gates = [], stageTemplates = {}, titles = {} }) => {
  const named = (key: string): Record<string, string> => (titles[key] ? { title: titles[key] } : {});
  const required = transition.requiredSteps.filter((key) => steps[key] === 'open');
  const continuing = new Set(stageTemplates[transition.to] ?? []);
  const closing = gates.filter((g) => !continuing.has(g.templateKey) && !required.includes(g.key));
  return [
    ...required.map((key): Reason => ({ code: 'step-not-done', params: { step: key, ...named(key) }, overridable: true })),
    ...[...new Map(closing.map((g) => [g.key, g])).values()].map((g): Reason => ({ code: 'gate-step-open', params: { step: g.key, template: g.templateKey, ...named(g.key), ...(titles[g.templateKey] ? ({ templateName: titles[g.templateKey] } as Record<string, string>) : {}) }, overridable: true })),
  ];
};

/** Leaving arrest for a coercive measure needs the request to the judge on record. */
export const requiresCoercionRequest: Guard = (_t, { facts, steps }) =>
  facts.coercionRequestFiled || steps['coercion-request'] === 'done' ? [] : [{ code: 'coercion-request-missing', overridable: true }];

/** A case cannot be closed while a victim is still under a protection measure. */
export const noOpenProtectionMeasure: Guard = (_t, { facts }) =>
  facts.activeProtectionMeasures > 0 ? [{ code: 'open-protection-measure', params: { count: facts.activeProtectionMeasures }, overridable: true }] : [];

/** An accusation needs someone to accuse. */
export const requiresAccused: Guard = (_t, { facts }) => (facts.accusedCount > 0 ? [] : [{ code: 'no-accused', overridable: true }]);

export const GUARDS: GuardRegistry = { requiredStepsDone, requiresCoercionRequest, noOpenProtectionMeasure, requiresAccused };
