import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chain, entryHash, type ChainedEntry } from './entry';
import { EXPORT_FORMAT, exportCsv, exportSignatureValid, signExport } from './export';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function entries(): ChainedEntry[] {
  const first = chain({ actor: { kind: 'portal', userId: 7, role: 'prosecutor', agency: null }, action: 'case.update', target: { type: 'case', id: 'abc' }, outcome: 'success', fields: ['title', 'summary'], client: { address: '10.0.0.1', requestId: 'r-1' } }, null, new Date(Date.UTC(2026, 0, 1)));
  return [first, chain({ ...first, action: 'case.read', fields: [], actor: { ...first.actor, role: '=cmd' } }, first, new Date(Date.UTC(2026, 0, 2)))];
}

describe('exports of a case trail', () => {
  it('signs the canonical JSON, and any change or another key fails the check', () => {
    const signed = signExport(privateKey, { format: EXPORT_FORMAT, case: 'abc', exportedAt: '2026-01-03T00:00:00.000Z', exportedBy: { userId: 3, role: 'auditor' }, entries: entries() });
    expect(exportSignatureValid(publicKey, JSON.parse(JSON.stringify(signed)))).toBe(true);
    expect(signed.export.entries.every((e) => entryHash(e) === e.hash)).toBe(true);
    expect(exportSignatureValid(publicKey, { ...signed, export: { ...signed.export, case: 'abd' } })).toBe(false);
    expect(exportSignatureValid(other.publicKey, signed)).toBe(false);
  });

  it('writes CSV with a header, quoted cells, field names by spaces, and defused formulas', () => {
    const lines = exportCsv(entries().map((e) => ({ ...e, actorUsername: 'fiscal, "uno"' }))).split('\r\n');
    expect(lines[0]).toBe('seq,at,actor_kind,actor_user_id,actor_username,actor_role,actor_agency,action,target_type,target_id,outcome,fields,client_address,request_id,prev_hash,hash');
    expect(lines[1]).toContain(',"fiscal, ""uno""",prosecutor,,case.update,case,abc,success,summary title,10.0.0.1,r-1,');
    expect(lines[2]).toContain(",'=cmd,");
    expect(lines).toHaveLength(4);
  });
});
