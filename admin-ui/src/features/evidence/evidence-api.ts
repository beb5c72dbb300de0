// Requests of the evidence register (/api/cases/:id/evidence, see docs/evidence.md).
import { ApiError, errorFromBody, request, requestFile } from '../../api/http'

export interface Holder { agency: { code: string; name: string } | null; user: { documentId: string; username: string } | null }
export interface EvidenceSummary {
  documentId: string
  number: number
  evidenceType: string
  description: string
  seizedAt: string
  seizedWhere: string
  seizedBy: Holder
  storageLocation: string | null
  sealNumber: string | null
  holder: Holder
  custodyLength: number
}
export interface CustodyRecord {
  sequence: number
  at: string
  from: { agency: string | null; user: { documentId: string; username: string | null } | null }
  to: { agency: string | null; user: { documentId: string; username: string | null } | null }
  purpose: string
  condition: string
  sealNumber: string | null
  note: string | null
  hash: string
  prevHash: string
}
export interface EvidenceFile { documentId: string; name: string; mimeType: string; size: number; sha256: string; uploadedAt: string }
export interface EvidenceDetail extends EvidenceSummary {
  files: EvidenceFile[]
  custody: CustodyRecord[]
  chain: { ok: boolean; problems: Array<{ kind: string; sequence: number | null; message: string }> }
}
export interface Code { code: string; labelEs: string; labelEn: string }
export interface EvidenceOptions {
  evidenceTypes: Code[]
  purposes: Code[]
  conditions: Code[]
  agencies: Array<{ code: string; name: string }>
  team: Array<{ documentId: string; username: string }>
}
export interface EvidenceList {
  data: EvidenceSummary[]
  meta: { canRecord: boolean; options: EvidenceOptions | null; pagination: { page: number; pageSize: number; total: number; pageCount: number } }
}

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/evidence`

export function listEvidence(caseId: string, page: number, signal?: AbortSignal): Promise<EvidenceList> {
  return request<EvidenceList>(base(caseId), { query: { page, pageSize: 10 }, signal })
}

export async function getEvidence(caseId: string, number: number): Promise<EvidenceDetail> {
  return (await request<{ data: EvidenceDetail }>(`${base(caseId)}/${number}`)).data
}

export async function createEvidence(caseId: string, data: Record<string, unknown>): Promise<EvidenceDetail> {
  return (await request<{ data: EvidenceDetail }>(base(caseId), { method: 'POST', body: { data } })).data
}

export async function handOff(caseId: string, number: number, data: Record<string, unknown>): Promise<EvidenceDetail> {
  return (await request<{ data: EvidenceDetail }>(`${base(caseId)}/${number}/custody`, { method: 'POST', body: { data } })).data
}

export function downloadEvidenceFile(caseId: string, number: number, fileId: string): Promise<Blob> {
  return requestFile(`${base(caseId)}/${number}/files/${encodeURIComponent(fileId)}`)
}

export function downloadCustodyForm(caseId: string, number: number): Promise<Blob> {
  return requestFile(`${base(caseId)}/${number}/custody.pdf`)
}

/**
 * Sends a file as multipart with upload progress (fetch cannot report it), with the session's
 * token and language. Resolves to the stored file; rejects with the server's ApiError.
 */
export function uploadEvidenceFile(caseId: string, number: number, file: File, auth: { token: string | null; language: string }, onProgress: (fraction: number) => void): Promise<EvidenceFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${base(caseId)}/${number}/files`)
    if (auth.token) xhr.setRequestHeader('Authorization', `Bearer ${auth.token}`)
    xhr.setRequestHeader('Accept-Language', auth.language)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      if (xhr.status === 201) resolve((body as { data: EvidenceFile }).data)
      else reject(errorFromBody(xhr.status, body))
    }
    xhr.onerror = () => reject(new ApiError(0, ''))
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}
