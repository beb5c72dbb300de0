// The decision: may a case in `state` make the move `event`, given who asks and the case's facts?
// Pure; the plugin's service gathers the context, applies the answer and records it.
import type { Reason, TransitionContext, WorkflowDefinition, WorkflowTransition } from './definition';
import { GUARDS, requiredStepsDone, type GuardRegistry } from './guards';

export interface MoveEvent {
  to: string;
  /** The chief prosecutor overrides overridable refusals (guards, steps), with a reason recorded. */
  override?: boolean;
}

export interface CaseWorkflowState {
  workflow: WorkflowDefinition;
  current: string;
}

export type TransitionResult =
  | { ok: true; state: string; overridden: Reason[] }
  | { ok: false; reasons: Reason[] };

/** The role that may override a blocking guard or step. */
export const OVERRIDING_ROLE = 'chief-prosecutor';

/** Every reason that refuses `transition` now, overridable or not. */
export function refusals(transition: WorkflowTransition, context: TransitionContext, guards: GuardRegistry = GUARDS): Reason[] {
  const reasons: Reason[] = [];
  if (!context.actorRole || !transition.roles.includes(context.actorRole)) {
    reasons.push({ code: 'role-not-allowed', params: { roles: transition.roles.join(', ') }, overridable: false });
  }
  reasons.push(...requiredStepsDone(transition, context));
  for (const name of new Set(transition.guards)) {
    if (name === 'requiredStepsDone') continue; // always checked above
    const guard = guards[name];
    reasons.push(...(guard ? guard(transition, context) : [{ code: 'unknown-guard' as const, params: { guard: name }, overridable: false }]));
  }
  return reasons;
}

export function transition(state: CaseWorkflowState, event: MoveEvent, context: TransitionContext, guards: GuardRegistry = GUARDS): TransitionResult {
  const { workflow, current } = state;
  if (!workflow.states.some((s) => s.code === current)) {
    return { ok: false, reasons: [{ code: 'unknown-state', params: { state: current, workflow: workflow.key }, overridable: false }] };
  }
  const found = workflow.transitions.find((t) => t.from === current && t.to === event.to);
  if (!found) return { ok: false, reasons: [{ code: 'no-such-transition', params: { from: current, to: event.to }, overridable: false }] };
  const reasons = refusals(found, context, guards);
  if (reasons.length === 0) return { ok: true, state: found.to, overridden: [] };
  const canOverride = event.override === true && context.actorRole === OVERRIDING_ROLE && reasons.every((r) => r.overridable);
  return canOverride ? { ok: true, state: found.to, overridden: reasons } : { ok: false, reasons };
}

export interface NextStep {
  to: string;
  allowed: boolean;
  reasons: Reason[];
  /** True when every reason may be overridden and the caller is the one who may. */
  canOverride: boolean;
}

/** Every move out of the current state, allowed or not, for the caller: what the portal shows. */
export function nextSteps(state: CaseWorkflowState, context: TransitionContext, guards: GuardRegistry = GUARDS): NextStep[] {
  return state.workflow.transitions
    .filter((t) => t.from === state.current)
    .map((t) => {
      const reasons = refusals(t, context, guards);
      return { to: t.to, allowed: reasons.length === 0, reasons, canOverride: reasons.length > 0 && context.actorRole === OVERRIDING_ROLE && reasons.every((r) => r.overridable) };
    });
}
