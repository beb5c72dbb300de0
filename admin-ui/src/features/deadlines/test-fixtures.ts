// Answers of the "Mis plazos" endpoints as the issue 6 contract shapes them, for the component tests.
import type { MyDeadline } from './deadlines-api'

export function myDeadline(id: number, due: string, extra: Partial<MyDeadline> = {}): MyDeadline {
  return {
    id,
    ruleKey: 'coercion-request-48h',
    name: `Plazo ${id}`,
    law: 'Código Procesal Penal',
    article: 'art. 224',
    lawVersion: null,
    event: 'arrest',
    eventAt: null,
    due,
    dueAt: due,
    warnFrom: null,
    status: 'open',
    alert: 'none',
    needsLegalConfirmation: false,
    onMiss: null,
    stage: 'arrest',
    closedAt: null,
    closeNote: null,
    case: { documentId: `case-${id}`, caseNumber: `PETT-2026-0000${id}` },
    ...extra,
  }
}

export function paged<T>(data: T[], page = 1, pageCount = 1, total = data.length) {
  return { data, meta: { pagination: { page, pageSize: 20, pageCount, total } } }
}
