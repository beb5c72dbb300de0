import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditKeyError, checkpointDue, checkpointSignatureValid, ensureSigningKeyFile, keyIdOf, loadSigningKey, loadVerifyKey, publicKeyFileOf, signCheckpoint } from './checkpoint';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pett-audit-key-')), 'keys', 'audit-checkpoint-key.pem');

describe('the checkpoint signing key', () => {
  it('is made once, owner-only, with its public key beside it', () => {
    const file = tempFile();
    expect(ensureSigningKeyFile(file)).toBe(true);
    expect(ensureSigningKeyFile(file)).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(publicKeyFileOf(file)).toMatch(/audit-checkpoint-key\.pub\.pem$/);
    const key = loadSigningKey(file);
    expect(keyIdOf(loadVerifyKey(file))).toBe(keyIdOf(createPublicKey(key)));
  });

  it('refuses a missing key, one others may read, and one that is not Ed25519', () => {
    const file = tempFile();
    expect(() => loadSigningKey(file)).toThrow(/is missing/);
    ensureSigningKeyFile(file);
    fs.chmodSync(file, 0o644);
    expect(() => loadSigningKey(file)).toThrow(/chmod 600/);
    fs.writeFileSync(file, 'not a key', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    expect(() => loadSigningKey(file)).toThrow(AuditKeyError);
  });

  it('signs sequence, hash and time, and the signature fails on any change', () => {
    const file = tempFile();
    ensureSigningKeyFile(file);
    const checkpoint = signCheckpoint(loadSigningKey(file), { seq: 7, hash: 'a'.repeat(64) }, new Date(0));
    const key = loadVerifyKey(file);
    expect(checkpointSignatureValid(key, checkpoint)).toBe(true);
    for (const changed of [{ seq: 8 }, { hash: 'b'.repeat(64) }, { at: new Date(1).toISOString() }, { signature: 'AAAA' }]) expect(checkpointSignatureValid(key, { ...checkpoint, ...changed })).toBe(false);
  });
});

describe('when a checkpoint is due', () => {
  const policy = { every: 1000, minutes: 60 };
  const now = new Date('2026-03-01T12:00:00.000Z');
  it('after every N entries', () => {
    expect(checkpointDue({ seq: 1000 }, null, now.toISOString(), now, policy)).toBe(true);
    expect(checkpointDue({ seq: 1999 }, { seq: 1000, at: now.toISOString() }, null, now, policy)).toBe(false);
    expect(checkpointDue({ seq: 2000 }, { seq: 1000, at: now.toISOString() }, null, now, policy)).toBe(true);
  });

  it('at least hourly while entries arrive, and never for a trail that has not moved', () => {
    expect(checkpointDue({ seq: 1005 }, { seq: 1000, at: '2026-03-01T11:00:00.000Z' }, null, now, policy)).toBe(true);
    expect(checkpointDue({ seq: 1005 }, { seq: 1000, at: '2026-03-01T11:30:00.000Z' }, null, now, policy)).toBe(false);
    expect(checkpointDue({ seq: 1000 }, { seq: 1000, at: '2026-01-01T00:00:00.000Z' }, null, now, policy)).toBe(false);
    expect(checkpointDue({ seq: 3 }, null, '2026-03-01T10:00:00.000Z', now, policy)).toBe(true);
    expect(checkpointDue(null, null, null, now, policy)).toBe(false);
  });
});
