// Photos and scanned documents of a person: what the vault accepts (checked here before sending,
// and by content on the server), reading a chosen file as base64 in the browser (never a URL), and
// turning an opened file back into bytes for the panel. Pure but for FileReader and Blob.
import type { FieldError } from '../../api/http'
import type { FormProblem } from '../../composables/use-form-errors'
import { placeByPath } from '../../components/form/rows'

export const FILE_KINDS = ['photo', 'identity-document', 'other'] as const

/** The accepted types and how they are named on screen. */
export const FILE_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
}
export const MAX_FILE_MB = 5
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

/** Error keys of the upload form's two boxes. */
export const UPLOAD_KIND = 'upload.kind'
export const UPLOAD_FILE = 'upload.file'

export const isImage = (mimeType: string) => mimeType.startsWith('image/')

export function validateUpload(kind: string, file: File | null): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {}
  if (!kind) problems[UPLOAD_KIND] = { key: 'validation.chooseOne' }
  if (!file) problems[UPLOAD_FILE] = { key: 'files.upload.missing' }
  else if (!FILE_TYPES[file.type]) problems[UPLOAD_FILE] = { key: 'files.upload.wrongType' }
  else if (file.size === 0) problems[UPLOAD_FILE] = { key: 'files.upload.empty' }
  else if (file.size > MAX_FILE_BYTES) problems[UPLOAD_FILE] = { key: 'files.upload.tooLarge', params: { max: MAX_FILE_MB } }
  return problems
}

/** The server names the file's name, type and content: all of them belong to the file box. */
export function placeUploadErrors(errors: FieldError[]): { fields: Record<string, string>; general: string[] } {
  const onFile = new Set(['fileName', 'mimeType', 'contentBase64'])
  const mapped = errors.map((error) => ({ ...error, path: ['upload', onFile.has(error.path[0] ?? '') ? 'file' : (error.path[0] ?? '')] }))
  return placeByPath(mapped, new Set([UPLOAD_KIND, UPLOAD_FILE]))
}

/** The file's bytes as base64, read in the browser. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const dataUrl = String(reader.result)
      resolve(dataUrl.slice(dataUrl.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
    reader.readAsDataURL(file)
  })
}

export function blobFromBase64(base64: string, mimeType: string): Blob {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index)
  return new Blob([bytes], { type: mimeType })
}

/** A download name that says nothing about the person: "V-7KQ2M-identity-document.pdf". */
export function neutralFileName(code: string, kind: string, mimeType: string): string {
  const extension = (FILE_TYPES[mimeType] ?? 'bin').toLowerCase().replace('jpeg', 'jpg')
  return `${code}-${kind}.${extension}`
}
