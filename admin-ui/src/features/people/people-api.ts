// Requests of the people area (person page, identity vault, search, adding a person to a case) and
// the shapes the server answers with. Everything personal travels in request bodies, never in a URL.
import { request, type ApiError } from '../../api/http'

export interface IdentityDocument {
  kind: string
  number: string
  country: string
}

export interface NextOfKin {
  name: string
  relationship: string
  phone: string
}

/** A person's identity as the vault opens it. Only "Ver identidad" and "Editar identidad" hold one. */
export interface Identity {
  givenNames: string | null
  familyNames: string | null
  aliases: string[]
  documents: IdentityDocument[]
  dateOfBirth: string | null
  phones: string[]
  email: string | null
  addresses: string[]
  nextOfKin: NextOfKin[]
}

export interface PersonParty {
  documentId: string
  role: string
  schemeRole: string | null
  isPublicOfficial: boolean
  since: string | null
  case: { documentId: string; caseNumber: string; title: string; stage: string }
  /** Answers to the office's party form, the version they were saved under, and whether the reader may change them. */
  custom?: Record<string, unknown> | null
  customFormVersion?: number | null
  canEdit?: boolean
}

/** Saves a party's answers to the party form (the server checks them against the published form). */
export async function updatePartyAnswers(caseDocumentId: string, partyDocumentId: string, custom: Record<string, unknown>): Promise<void> {
  await request(`/api/cases/${encodeURIComponent(caseDocumentId)}/parties/${encodeURIComponent(partyDocumentId)}`, { method: 'PUT', body: { data: { custom } } })
}

export interface ProtectionMeasure {
  measureType: string
  authority: string
  startDate: string
  expiryDate: string | null
}

export interface Consent {
  purpose: string
  scope: string | null
  givenOn: string
  withdrawnOn: string | null
}

export interface ServiceReferral {
  service: string
  provider: string | null
  referredOn: string
  status: string
}

/** A warning the server computes about a protection measure. */
export interface ProfileAlert {
  kind: 'measure-expiring' | 'measure-expired'
  measureType: string
  expiryDate: string
  daysLeft: number
}

/** The victim profile; the protection, consent and non-punishment parts come from newer servers. */
export interface VictimProfile {
  sex: string | null
  ageAtIdentification: number | null
  isMinor: boolean
  nationality: string | null
  exploitationForms: string[] | null
  controlMethods: string[] | null
  labourSector: string | null
  identificationDate: string | null
  identifiedBy: { name: string; code: string } | null
  indicators: string[] | null
  protectionMeasures?: ProtectionMeasure[] | null
  consents?: Consent[] | null
  serviceReferrals?: ServiceReferral[] | null
  wasCharged?: boolean | null
  wasDetained?: boolean | null
  wasDeported?: boolean | null
  alerts?: ProfileAlert[] | null
  /** Whether the caller may change the profile (the team's prosecutor or victim officer). */
  canEdit?: boolean
  /** Answers to the office's own victim-profile form, and the version they were saved under. */
  custom?: Record<string, unknown> | null
  customFormVersion?: number | null
}

/** Work owed about a person (a minor victim: notify CONANI), with its due date. */
export interface PersonTask {
  kind: string
  dueDate: string
  status: 'open' | 'done' | 'cancelled' | string
  agency: { code: string; name: string } | null
}

/** What "PUT …/victim-profile" takes: the fields it names, dates as YYYY-MM-DD, identifiedBy as an agency code. */
export interface VictimProfileUpdate {
  custom?: Record<string, unknown>
  identificationDate?: string | null
  identifiedBy?: string | null
  sex?: string | null
  nationality?: string | null
  ageAtIdentification?: number | null
  isMinor?: boolean
  indicators?: string[]
  exploitationForms?: string[]
  controlMethods?: string[]
  labourSector?: string | null
  wasCharged?: boolean
  wasDetained?: boolean
  wasDeported?: boolean
  protectionMeasures?: ProtectionMeasure[]
  consents?: Consent[]
  serviceReferrals?: ServiceReferral[]
}

export interface Agency {
  code: string
  name: string
}

export type PersonFileKind = 'photo' | 'identity-document' | 'other'

/** A photo or scanned document in the vault, as listed: never its name or content. */
export interface PersonFile {
  id: string
  kind: PersonFileKind | string
  mimeType: string
  size: number
  uploadedAt: string
}

export interface FileUploadBody {
  kind: string
  fileName: string
  mimeType: string
  contentBase64: string
}

/** A file opened with a reason: what the panel shows until it closes. */
export interface OpenedFileContent {
  fileName: string
  mimeType: string
  contentBase64: string
}

export interface IdentityStatus {
  recorded: boolean
  canReveal: boolean
  canEdit: boolean
}

export interface PersonProfile {
  documentId: string
  code: string
  personKind: string
  sex: string | null
  nationality: string | null
  birthYear: number | null
  isDemo: boolean
  parties: PersonParty[]
  victimProfile: VictimProfile | null
  /** Sent by newer servers, with the victim profile. */
  tasks?: PersonTask[]
  identity: IdentityStatus
}

export interface OpenedIdentity {
  code: string
  identity: Identity
  closesInSeconds: number
}

/** One opening of an identity: when, why, by whom. */
export interface IdentityReveal {
  revealedAt: string
  reason: string
  username: string | null
  role: string | null
}

export type MatchReason = 'document' | 'name' | 'name-year'

/** A person who may be the same as another: by code, with why the vault thinks so. */
export interface PossibleMatch {
  code: string
  reasons: MatchReason[]
}

export interface SearchResult extends PossibleMatch {
  personKind: string | null
  sex: string | null
  nationality: string | null
  cases: Array<{ caseNumber: string; documentId: string; role: string }>
}

export type PeopleQuery = { documentNumber: string } | { name: string; birthYear?: number }

export interface NewPartyBody {
  role: string
  person?: { personKind?: string; sex?: string; nationality?: string; birthYear?: number }
  existingPerson?: string
  identity?: Identity
  schemeRole?: string
  isPublicOfficial?: boolean
  acknowledgeDuplicates?: boolean
}

/** The reveal reason's bounds, as the server counts them (trimmed). */
export const REVEAL_REASON = { min: 10, max: 500 } as const

const byCode = (code: string) => `/api/people/by-code/${encodeURIComponent(code)}`

export async function getPerson(code: string, signal?: AbortSignal): Promise<PersonProfile> {
  return (await request<{ data: PersonProfile }>(byCode(code), { signal })).data
}

export async function revealIdentity(code: string, reason: string): Promise<OpenedIdentity> {
  return (await request<{ data: OpenedIdentity }>(`${byCode(code)}/reveal`, { method: 'POST', body: { reason } })).data
}

export async function listReveals(code: string, signal?: AbortSignal): Promise<IdentityReveal[]> {
  return (await request<{ data: IdentityReveal[] }>(`${byCode(code)}/reveals`, { signal })).data ?? []
}

export async function saveIdentity(code: string, identity: Identity): Promise<{ possibleDuplicates: PossibleMatch[] }> {
  const body = await request<{ data: { possibleDuplicates?: PossibleMatch[] } }>(`${byCode(code)}/identity`, { method: 'PUT', body: { identity } })
  return { possibleDuplicates: body.data.possibleDuplicates ?? [] }
}

/** Saves the named parts of the victim profile; answers the whole profile, its alerts and the person's tasks. */
export async function updateVictimProfile(code: string, data: VictimProfileUpdate): Promise<{ profile: VictimProfile; tasks: PersonTask[] }> {
  const body = await request<{ data: VictimProfile & { tasks?: PersonTask[] } }>(`${byCode(code)}/victim-profile`, { method: 'PUT', body: { data } })
  const { tasks, ...profile } = body.data
  return { profile, tasks: tasks ?? [] }
}

/** Active agencies, for "Identificada por". */
export async function listAgencies(signal?: AbortSignal): Promise<Agency[]> {
  const body = await request<{ data: Agency[] }>('/api/agencies', {
    query: { filters: { active: { $eq: true } }, fields: ['code', 'name'], sort: 'name:asc', pagination: { pageSize: 100 } },
    signal,
  })
  return (body.data ?? []).map((agency) => ({ code: agency.code, name: agency.name }))
}

export async function listFiles(code: string, signal?: AbortSignal): Promise<PersonFile[]> {
  return (await request<{ data: PersonFile[] }>(`${byCode(code)}/files`, { signal })).data ?? []
}

export async function uploadFile(code: string, file: FileUploadBody): Promise<PersonFile> {
  return (await request<{ data: PersonFile }>(`${byCode(code)}/files`, { method: 'POST', body: file })).data
}

export async function openFile(code: string, fileId: string, reason: string): Promise<OpenedFileContent> {
  return (await request<{ data: OpenedFileContent }>(`${byCode(code)}/files/${encodeURIComponent(fileId)}/open`, { method: 'POST', body: { reason } })).data
}

export async function searchPeople(query: PeopleQuery): Promise<SearchResult[]> {
  return (await request<{ data: SearchResult[] }>('/api/people/search', { method: 'POST', body: query })).data ?? []
}

export async function addParty(caseDocumentId: string, data: NewPartyBody): Promise<{ code: string }> {
  const body = await request<{ data: { person: { code: string } } }>(`/api/cases/${encodeURIComponent(caseDocumentId)}/parties`, {
    method: 'POST',
    body: { data },
  })
  return { code: body.data.person.code }
}

/** The codes of a 409 "PossibleDuplicate" refusal; null for any other error. */
export function duplicatesOf(error: ApiError): PossibleMatch[] | null {
  if (error.status !== 409 || error.errorName !== 'PossibleDuplicate') return null
  const details = error.details as { matches?: unknown } | null
  if (!details || !Array.isArray(details.matches)) return []
  return details.matches.filter(
    (match): match is PossibleMatch => typeof match === 'object' && match !== null && typeof (match as PossibleMatch).code === 'string',
  ).map((match) => ({ code: match.code, reasons: Array.isArray(match.reasons) ? match.reasons : [] }))
}
