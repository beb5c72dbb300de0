// What a workflow is, as plain data: states, and transitions with the roles allowed, the SOP steps
// that must be done and the named guards that may refuse. Edited by the configurator, versioned.
export interface WorkflowState {
  code: string;
  labelEs: string;
  labelEn: string;
  /** SOP template keys whose checklists entering the stage opens (those that apply to the case type). */
  sopTemplates?: string[];
  /** Deadline events entering the stage starts (the `event` of deadline rules, e.g. `arrest`). */
  startsEvents?: string[];
}

export interface WorkflowTransition {
  from: string;
  to: string;
  /** Account role keys (chief-prosecutor, prosecutor, ...) allowed to make this move. */
  roles: string[];
  /** SOP step keys that must be done before the move (where the case's checklists hold them). */
  requiredSteps: string[];
  /** Names of guard functions in the registry (guards.ts). */
  guards: string[];
}

/** Which cases a workflow is for; a workflow with no condition is a fallback, the default one. */
export interface AppliesTo {
  caseTypes?: string[];
  smugglingRoutes?: string[];
}

export interface WorkflowDefinition {
  key: string;
  name: string;
  initialState: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
  appliesTo?: AppliesTo | null;
  isDefault?: boolean;
}

/** Facts about a case that guards read; gathered by the plugin's service from the case's records. */
export interface CaseWorkflowFacts {
  /** A coercive-measure request has been filed (the SOP step `coercion-request` or a recorded date). */
  coercionRequestFiled: boolean;
  /** Protection measures of the case's victims still in force today. */
  activeProtectionMeasures: number;
  /** Parties charged (imputado, acusado). */
  accusedCount: number;
}

export type StepStatus = 'open' | 'done' | 'not-applicable';

/** An unfinished gate step of an open checklist: it blocks every move that would close its checklist. */
export interface OpenGate {
  key: string;
  templateKey: string;
}

export interface TransitionContext {
  actorRole: string | null;
  /** The SOP steps of the case's open checklists, by key. A step absent from every checklist does not apply. */
  steps: Readonly<Record<string, StepStatus>>;
  /** Open gate steps of the open checklists (none when omitted). */
  gates?: readonly OpenGate[];
  /** The template keys each stage of the workflow opens (templatesOfStage), to tell which checklists a move closes. */
  stageTemplates?: Readonly<Record<string, readonly string[]>>;
  /** Titles of the steps (and names of the templates) by key, so that a refusal can name them in words. */
  titles?: Readonly<Record<string, string>>;
  facts: CaseWorkflowFacts;
}

/** The template keys each stage opens; a checklist whose template the target stage opens again stays open. */
export function stageTemplatesOf(workflow: WorkflowDefinition): Record<string, string[]> {
  return Object.fromEntries(workflow.states.map((s) => [s.code, Array.isArray(s.sopTemplates) ? s.sopTemplates : []]));
}

/** Why a move is refused: a stable code (for the portal and tests) and its parameters. */
export interface Reason {
  code: ReasonCode;
  params?: Record<string, string | number>;
  /** Whether the chief prosecutor may override it with a stated reason. */
  overridable: boolean;
}

export type ReasonCode =
  | 'unknown-state'
  | 'no-such-transition'
  | 'role-not-allowed'
  | 'step-not-done'
  | 'gate-step-open'
  | 'coercion-request-missing'
  | 'open-protection-measure'
  | 'no-accused'
  | 'unknown-guard'
  | 'cannot-edit-case';

/** The workflow (one version of it) that a case follows. */
export function stateOf(workflow: WorkflowDefinition, code: string): WorkflowState | undefined {
  return workflow.states.find((s) => s.code === code);
}

/** Picks the workflow for a new case: the most specific active one that applies, else the default. */
export function workflowFor<T extends WorkflowDefinition>(workflows: readonly T[], facts: { caseType?: string | null; smugglingRoute?: string | null }): T | undefined {
  const matches = (w: T) => {
    const a = w.appliesTo ?? {};
    if (a.caseTypes?.length && !a.caseTypes.includes(facts.caseType ?? '')) return false;
    if (a.smugglingRoutes?.length && !a.smugglingRoutes.includes(facts.smugglingRoute ?? '')) return false;
    return true;
  };
  const specificity = (w: T) => (w.appliesTo?.caseTypes?.length ? 1 : 0) + (w.appliesTo?.smugglingRoutes?.length ? 1 : 0);
  const candidates = workflows.filter((w) => specificity(w) > 0 && matches(w)).sort((a, b) => specificity(b) - specificity(a) || a.key.localeCompare(b.key));
  return candidates[0] ?? workflows.find((w) => w.isDefault) ?? undefined;
}
