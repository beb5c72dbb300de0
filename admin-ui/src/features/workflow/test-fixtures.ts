// Answers of the workflow endpoints as the issue 6 contract shapes them, for the component tests.
import type { Checklist, ChecklistStep, NextStep, StageOptions } from './workflow-api'

export const STEP_NOT_DONE = { code: 'step-not-done', params: { step: 'intake-register' }, overridable: true, message: 'Falta completar el paso «intake-register» del protocolo.' }

export function stageOptions(steps: NextStep[], extra: Partial<StageOptions> = {}): { data: StageOptions } {
  return {
    data: {
      stage: { code: 'intake', label: 'Denuncia / querella / de oficio' },
      workflow: { key: 'flujo-general', name: 'Flujo general del proceso penal', version: 2, latestVersion: 2, pinned: true },
      steps,
      ...extra,
    },
  }
}

export const TO_INVESTIGATION: NextStep = { to: 'investigation', label: 'Investigación preliminar', allowed: true, canOverride: false, reasons: [] }
export const TO_ARCHIVE_BLOCKED: NextStep = {
  to: 'closed',
  label: 'Cerrado',
  allowed: false,
  canOverride: false,
  reasons: [{ code: 'role-not-allowed', params: { roles: 'Procurador(a) titular' }, overridable: false, message: 'Solo pueden hacer este paso: Procurador(a) titular.' }],
}

export function step(key: string, extra: Partial<ChecklistStep> = {}): ChecklistStep {
  return {
    key,
    title: `Paso ${key}`,
    role: 'prosecutor',
    required: false,
    gate: false,
    dueDate: null,
    overdue: false,
    guidance: null,
    evidenceRequired: null,
    status: 'open',
    doneAt: null,
    doneBy: null,
    note: null,
    ...extra,
  }
}

export function checklist(steps: ChecklistStep[], extra: Partial<Checklist> = {}): Checklist {
  const done = steps.filter((s) => s.status !== 'open').length
  return {
    id: 7,
    templateKey: 'sop-investigacion-trata',
    templateName: 'POE: Investigación de trata de personas',
    templateVersion: 3,
    stage: { code: 'intake', label: 'Denuncia / querella / de oficio' },
    openedAt: '2026-03-10T14:00:00.000Z',
    closedAt: null,
    progress: { done, total: steps.length, requiredOpen: steps.filter((s) => s.required && s.status === 'open').length },
    steps,
    ...extra,
  }
}
