// Requests of a case's investigation plan and the shapes the server answers with. People appear in
// a plan only by their pseudonymous code; staff by user name; agencies by code.
import { request, requestFile } from '../../api/http'

export interface Hypothesis { key: string; statement: string; basis: string | null; status: string; personCodes: string[] }
export interface Line { key: string; hypothesisKey: string; title: string; description: string | null }
export interface Action { key: string; lineKey: string; description: string; assigneeUser: string | null; assigneeAgency: string | null; dueDate: string | null; status: string; personCodes: string[]; note: string | null }
export interface Resource { key: string; kind: string; description: string; agencyCode: string | null; secured: boolean }
export interface Risk { key: string; description: string; likelihood: string; impact: string; mitigation: string | null }
export interface Authorisation { key: string; kind: string; description: string | null; court: string | null; reference: string | null; requestedOn: string | null; grantedOn: string | null; expiresOn: string | null; lineKey: string | null }
export interface MlaRequest { key: string; country: string; authority: string | null; subject: string | null; sentOn: string | null; status: string; lineKey: string | null }
export interface InformationNeed { key: string; question: string; sources: string | null; deadline: string | null; priority: string; status: string; lineKey: string | null }

export interface PlanParts {
  hypotheses: Hypothesis[]
  lines: Line[]
  actions: Action[]
  resources: Resource[]
  risks: Risk[]
  authorisations: Authorisation[]
  mlaRequests: MlaRequest[]
  informationNeeds: InformationNeed[]
}

export interface Plan extends PlanParts {
  documentId: string
  version: number
  templateKey: string | null
  templateVersion: number | null
  updatedAt: string
  updatedBy: { username: string } | null
  objective: string | null
}

export interface PlanOptions {
  team: Array<{ documentId: string; username: string; teamRole: string }>
  agencies: Array<{ code: string; name: string }>
  countries: Array<{ code: string; labelEs: string; labelEn: string }>
  people: Array<{ code: string; role: string }>
}

export interface PlanAnswer {
  data: Plan | null
  meta: { canEdit: boolean; case: { documentId: string; caseNumber: string; caseType: string | null }; options: PlanOptions }
}

export interface PlanTemplate {
  key: string
  version: number
  name: string
  description: string | null
  caseTypes: string[]
  counts: { hypotheses: number; lines: number; actions: number; informationNeeds: number }
}

export type PlanUpdate = PlanParts & { version: number; objective: string | null }

const planPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/plan`

export function getPlan(caseId: string, signal?: AbortSignal): Promise<PlanAnswer> {
  return request<PlanAnswer>(planPath(caseId), { signal })
}

export async function listPlanTemplates(signal?: AbortSignal): Promise<PlanTemplate[]> {
  return (await request<{ data: PlanTemplate[] }>('/api/plan-templates', { signal })).data
}

/** Creates the case's plan from a template (null: an empty plan). */
export function createPlan(caseId: string, template: string | null): Promise<PlanAnswer> {
  return request<PlanAnswer>(planPath(caseId), { method: 'POST', body: { data: { template } } })
}

/** Saves the whole plan; a 409 means someone saved a newer version meanwhile. */
export function savePlan(caseId: string, plan: PlanUpdate): Promise<PlanAnswer> {
  return request<PlanAnswer>(planPath(caseId), { method: 'PUT', body: { data: plan } })
}

/** The plan as a PDF (its download is recorded on the audit trail). */
export function downloadPlanPdf(caseId: string): Promise<Blob> {
  return requestFile(`${planPath(caseId)}.pdf`)
}
