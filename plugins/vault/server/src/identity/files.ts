// Photos and identity documents: what is accepted, checked by content and not by name. Pure.
export const FILE_KINDS = ['photo', 'identity-document', 'other'] as const;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The accepted types and the bytes each must start with. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};
export const MIME_TYPES = Object.keys(SIGNATURES);

type Lang = 'es' | 'en';
export interface FileUpload { kind: string; fileName: string; mimeType: string; content: Buffer }

const M = {
  kind: { es: `Tipo de archivo no válido; use uno de: ${FILE_KINDS.join(', ')}.`, en: `Invalid file kind; use one of: ${FILE_KINDS.join(', ')}.` },
  name: { es: 'Indique el nombre del archivo (hasta 200 caracteres).', en: 'Give the file name (at most 200 characters).' },
  mime: { es: `Formato no admitido; use ${MIME_TYPES.join(', ')}.`, en: `Unsupported format; use ${MIME_TYPES.join(', ')}.` },
  content: { es: 'Falta el contenido del archivo (contentBase64).', en: 'The file content is missing (contentBase64).' },
  size: { es: `El archivo supera ${MAX_FILE_BYTES / 1024 / 1024} MB.`, en: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` },
  mismatch: { es: 'El contenido del archivo no corresponde a su formato.', en: 'The file content does not match its format.' },
};

export function validateUpload(body: Record<string, unknown>, lang: Lang): { upload: FileUpload } | { problems: Array<{ path: string[]; message: string }> } {
  const problems: Array<{ path: string[]; message: string }> = [];
  const fail = (field: string, m: { es: string; en: string }) => problems.push({ path: [field], message: m[lang] });
  const kind = typeof body.kind === 'string' ? body.kind : '';
  if (!(FILE_KINDS as readonly string[]).includes(kind)) fail('kind', M.kind);
  const fileName = typeof body.fileName === 'string' ? body.fileName.trim() : '';
  if (!fileName || fileName.length > 200) fail('fileName', M.name);
  const mimeType = typeof body.mimeType === 'string' ? body.mimeType : '';
  if (!SIGNATURES[mimeType]) fail('mimeType', M.mime);
  const encoded = typeof body.contentBase64 === 'string' ? body.contentBase64 : '';
  const content = Buffer.from(encoded, 'base64');
  if (!encoded || !content.length) fail('contentBase64', M.content);
  else if (content.length > MAX_FILE_BYTES) fail('contentBase64', M.size);
  else if (SIGNATURES[mimeType] && !SIGNATURES[mimeType](content)) fail('contentBase64', M.mismatch);
  return problems.length ? { problems } : { upload: { kind, fileName, mimeType, content } };
}
