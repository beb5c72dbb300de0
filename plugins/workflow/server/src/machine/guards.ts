// Named guard functions: each returns the reasons to refuse a move, or none. A workflow names them;
// the validator refuses a name that is not here. Add a guard here and give it words in reasons.ts.
import type { Reason, TransitionContext, WorkflowTransition } from './definition';

export type Guard = (transition: WorkflowTransition, context: TransitionContext) => Reason[];
export type GuardRegistry = Readonly<Record<string, Guard>>;

/** Every required SOP step held by the case's checklists must be done (steps absent do not apply). */
export const requiredStepsDone: Guard = (transition, { steps }) =>
  transition.requiredSteps.filter((key) => steps[key] === 'open').map((key) => ({ code: 'step-not-done', params: { step: key }, overridable: true }));

/** Leaving arrest for a coercive measure needs the request to the judge on record. */
export const requiresCoercionRequest: Guard = (_t, { facts, steps }) =>
  facts.coercionRequestFiled || steps['coercion-request'] === 'done' ? [] : [{ code: 'coercion-request-missing', overridable: true }];

/** A case cannot be closed while a victim is still under a protection measure. */
export const noOpenProtectionMeasure: Guard = (_t, { facts }) =>
  facts.activeProtectionMeasures > 0 ? [{ code: 'open-protection-measure', params: { count: facts.activeProtectionMeasures }, overridable: true }] : [];

/** An accusation needs someone to accuse. */
export const requiresAccused: Guard = (_t, { facts }) => (facts.accusedCount > 0 ? [] : [{ code: 'no-accused', overridable: true }]);

export const GUARDS: GuardRegistry = { requiredStepsDone, requiresCoercionRequest, noOpenProtectionMeasure, requiresAccused };
