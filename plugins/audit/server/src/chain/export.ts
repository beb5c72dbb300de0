// Exports of a case's trail: CSV for a spreadsheet, and JSON signed with the checkpoint key
// (Ed25519 over the canonical JSON of the export), so a recipient can check it came from this
// system unchanged and recompute every entry's hash. No Strapi import.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { keyIdOf } from './checkpoint';
import type { ChainedEntry } from './entry';

export const EXPORT_FORMAT = 'pett-audit-export/1';

export interface CaseTrailExport {
  format: typeof EXPORT_FORMAT;
  case: string;
  exportedAt: string;
  exportedBy: { userId: number; role: string | null };
  entries: ChainedEntry[];
}

export interface SignedExport {
  export: CaseTrailExport;
  keyId: string;
  /** Base64 Ed25519 signature over canonicalJson(export). */
  signature: string;
}

export function signExport(privateKey: KeyObject, body: CaseTrailExport): SignedExport {
  return { export: body, keyId: keyIdOf(createPublicKey(privateKey)), signature: sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64') };
}

export function exportSignatureValid(publicKey: KeyObject, signed: SignedExport): boolean {
  if (signed.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(signed.export), 'utf8'), publicKey, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

export const CSV_COLUMNS = ['seq', 'at', 'actor_kind', 'actor_user_id', 'actor_username', 'actor_role', 'actor_agency', 'action', 'target_type', 'target_id', 'outcome', 'fields', 'client_address', 'request_id', 'prev_hash', 'hash'] as const;

/** One CSV cell: quoted when needed, and a leading = + - @ defused so a spreadsheet shows it as text. */
function cell(value: unknown): string {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends; field names separated by spaces. */
export function exportCsv(entries: ReadonlyArray<ChainedEntry & { actorUsername?: string | null }>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([e.seq, e.at, e.actor.kind, e.actor.userId, e.actorUsername ?? '', e.actor.role, e.actor.agency, e.action, e.target.type, e.target.id, e.outcome, e.fields.join(' '), e.client.address, e.client.requestId, e.prevHash, e.hash].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
