// The vault service: seals and opens identities, keeps their blind indexes, records reveals,
// checks the key ring against the database at startup, and re-encrypts under a new key version.
// It decides nothing about who may do what: callers ask the access policy first.
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import { KeyRingError, loadKeyRing, type KeyRing, type KeyRingSource } from '../crypto/keyring';
import { blindIndex, indexesFor, normaliseDocumentNumber, normaliseName, type IndexPurpose } from '../crypto/blind-index';
import { open, openBytes, seal, sealBytes, versionOf, type SealContext } from '../crypto/sealer';
import type { FileUpload } from '../identity/files';
import { IDENTITY_FIELDS, indexable, type Identity } from '../identity/identity';
import { openIdentityFields, sealIdentityFields } from '../identity/sealed-identity';
import { BLIND_INDEX_UID, FILE_UID, IDENTITY_UID, KEY_CHECK_UID, REVEAL_UID } from '../uids';

type Row = Record<string, unknown> & { id: number };

const CHECK_TEXT = 'pett-vault-key-check';
const INDEX_CHECK_VERSION = 0; // the key-check row that holds the blind-index key's fingerprint
const RING_RECHECK_MS = 2000;

/** Every sealed column of the database, so rotation and the startup check miss none. */
const SEALED: ReadonlyArray<{ uid: string; type: string; idColumn: string; fields: readonly string[]; file?: true }> = [
  { uid: IDENTITY_UID, type: 'person', idColumn: 'personDocumentId', fields: IDENTITY_FIELDS },
  { uid: REVEAL_UID, type: 'reveal', idColumn: 'ref', fields: ['reason'] },
  { uid: FILE_UID, type: 'person-file', idColumn: 'ref', fields: ['fileName'], file: true },
];

export interface StoredFile { id: string; kind: string; mimeType: string; size: number; uploadedAt: string }

export interface Match { personDocumentId: string; reasons: Array<'document' | 'name-year' | 'name'> }

export class VaultStartupError extends Error {}

export const createVaultService = ({ strapi }: { strapi: Core.Strapi }) => {
  const source = () => strapi.plugin('vault').config('keyRing') as KeyRingSource;
  let cached: { ring: KeyRing; mtimeMs: number; checkedAt: number } | null = null;

  /** The key ring, reloaded when its file changes (a rotation run by another process). */
  function ring(): KeyRing {
    const now = Date.now();
    if (cached && (now - cached.checkedAt < RING_RECHECK_MS || source().env)) return cached.ring;
    const mtimeMs = source().env ? 0 : fs.statSync(source().file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
    if (!cached || cached.mtimeMs !== mtimeMs) cached = { ring: loadKeyRing(source()), mtimeMs, checkedAt: now };
    else cached.checkedAt = now;
    return cached.ring;
  }

  const query = (uid: string) => strapi.db.query(uid as never);
  const filesDir = () => strapi.plugin('vault').config('filesDir') as string;
  const fileContext = (ref: string): SealContext => ({ type: 'person-file', field: 'content', documentId: ref });

  /** Writes sealed bytes under a fresh random name (temporary file, fsync, rename); returns the name. */
  function writeSealed(bytes: Buffer): string {
    fs.mkdirSync(filesDir(), { recursive: true, mode: 0o700 });
    const name = `${randomBytes(16).toString('hex')}.sealed`;
    const target = path.join(filesDir(), name);
    const fd = fs.openSync(`${target}.tmp`, 'w', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(`${target}.tmp`, target);
    return name;
  }
  const where = (type: string, field: string, documentId: string): SealContext => ({ type, field, documentId });

  return {
    ring,

    /** Forgets the cached ring, so the next use reads it again (after a rotation wrote it). */
    reload(): KeyRing {
      cached = null;
      return ring();
    },

    /**
     * Startup check: every key version the data uses is in the ring, and every key in the ring
     * opens its own check value. A missing or wrong key stops the server with a clear message.
     */
    async verifyKeys(): Promise<void> {
      let keys: KeyRing;
      try {
        keys = ring();
      } catch (error) {
        throw new VaultStartupError(`Vault: ${(error as Error).message}`);
      }
      const checks = (await query(KEY_CHECK_UID).findMany({})) as Array<Row & { keyVersion: number; sealed: string }>;
      const byVersion = new Map(checks.map((c) => [Number(c.keyVersion), c]));
      const indexFingerprint = blindIndex(keys.indexKey, 'name', CHECK_TEXT);
      const indexCheck = byVersion.get(INDEX_CHECK_VERSION);
      if (!indexCheck) await query(KEY_CHECK_UID).create({ data: { keyVersion: INDEX_CHECK_VERSION, sealed: indexFingerprint } });
      else if (indexCheck.sealed !== indexFingerprint) throw new VaultStartupError('Vault: the blind-index key in the key ring is not the one this database was indexed with. Restore the key ring that belongs to this database.');
      for (const [version] of keys.keys) {
        const check = byVersion.get(version);
        const context = where('key-check', 'sealed', String(version));
        if (!check) {
          await query(KEY_CHECK_UID).create({ data: { keyVersion: version, sealed: seal(keys, CHECK_TEXT, context, version) } });
          continue;
        }
        let opened = '';
        try {
          opened = open(keys, check.sealed, context);
        } catch {
          /* reported below */
        }
        if (opened !== CHECK_TEXT) throw new VaultStartupError(`Vault: key version ${version} in the key ring is not the key this database was encrypted with. Restore the key ring that belongs to this database; nothing was read or written.`);
      }
      const inUse = await this.versionsInUse();
      const missing = [...inUse.keys()].filter((v) => !keys.keys.has(v));
      if (missing.length) throw new VaultStartupError(`Vault: the database holds values sealed under key version(s) ${missing.join(', ')}, which the key ring does not have. Restore the key ring that belongs to this database.`);
    },

    /** How many sealed rows each key version still protects. */
    async versionsInUse(): Promise<Map<number, number>> {
      const counts = new Map<number, number>();
      for (const table of SEALED) {
        const name = strapi.db.metadata.get(table.uid as never).tableName;
        const rows = (await strapi.db.connection(name).select('key_version').count({ n: '*' }).groupBy('key_version')) as Array<{ key_version: number; n: number | string }>;
        for (const row of rows) counts.set(Number(row.key_version), (counts.get(Number(row.key_version)) ?? 0) + Number(row.n));
      }
      return counts;
    },

    /** The sealed row and the blind indexes of one identity, ready to write (also for bulk seeds). */
    prepare(personDocumentId: string, identity: Identity, options: { birthYear: number | null; isDemo?: boolean }) {
      const keys = ring();
      return {
        row: { ...sealIdentityFields(keys, personDocumentId, identity), personDocumentId, keyVersion: keys.current, isDemo: options.isDemo ?? false },
        indexes: indexesFor(keys.indexKey, indexable(identity, options.birthYear)).map((i) => ({ personDocumentId, purpose: i.purpose, digest: i.digest })),
      };
    },

    /** Writes (or replaces) an identity and its blind indexes, in the caller's transaction if any. */
    async saveIdentity(personDocumentId: string, identity: Identity, options: { birthYear: number | null; isDemo?: boolean }): Promise<void> {
      const { row, indexes } = this.prepare(personDocumentId, identity, options);
      await strapi.db.transaction(async () => {
        const existing = (await query(IDENTITY_UID).findOne({ where: { personDocumentId }, select: ['id'] })) as Row | null;
        if (existing) await query(IDENTITY_UID).update({ where: { id: existing.id }, data: row });
        else await query(IDENTITY_UID).create({ data: row });
        await query(BLIND_INDEX_UID).deleteMany({ where: { personDocumentId } });
        if (indexes.length) await query(BLIND_INDEX_UID).createMany({ data: indexes });
      });
    },

    async readIdentity(personDocumentId: string): Promise<Identity | null> {
      const row = (await query(IDENTITY_UID).findOne({ where: { personDocumentId } })) as Row | null;
      return row ? openIdentityFields(ring(), row) : null;
    },

    /** Opens many identities at once (for the benchmark and exports that the policy allows). */
    async readIdentities(personDocumentIds: string[]): Promise<Map<string, Identity>> {
      const rows = (await query(IDENTITY_UID).findMany({ where: { personDocumentId: { $in: personDocumentIds } } })) as Row[];
      const keys = ring();
      return new Map(rows.map((row) => [String(row.personDocumentId), openIdentityFields(keys, row)]));
    },

    /** Which of these people have an identity in the vault (without opening anything). */
    async withIdentity(personDocumentIds: string[]): Promise<Set<string>> {
      if (!personDocumentIds.length) return new Set();
      const rows = (await query(IDENTITY_UID).findMany({ where: { personDocumentId: { $in: personDocumentIds } }, select: ['personDocumentId'] })) as Array<{ personDocumentId: string }>;
      return new Set(rows.map((r) => r.personDocumentId));
    },

    /**
     * People whose identity shares a normalised document number, or a normalised name and birth
     * year, or (when `nameOnly`) just a normalised name, with the given values.
     */
    async findMatches(probe: { documentNumbers?: string[]; names?: string[]; birthYear?: number | null; nameOnly?: boolean }): Promise<Match[]> {
      const keys = ring();
      const wanted: Array<{ purpose: IndexPurpose; digest: string }> = [];
      for (const number of probe.documentNumbers ?? []) {
        const n = normaliseDocumentNumber(number);
        if (n) wanted.push({ purpose: 'document', digest: blindIndex(keys.indexKey, 'document', n) });
      }
      for (const name of probe.names ?? []) {
        const n = normaliseName(name);
        if (!n) continue;
        if (probe.birthYear) wanted.push({ purpose: 'name-year', digest: blindIndex(keys.indexKey, 'name-year', `${n}|${probe.birthYear}`) });
        if (probe.nameOnly) wanted.push({ purpose: 'name', digest: blindIndex(keys.indexKey, 'name', n) });
      }
      if (!wanted.length) return [];
      const rows = (await query(BLIND_INDEX_UID).findMany({ where: { $or: wanted.map((w) => ({ purpose: w.purpose, digest: w.digest })) }, select: ['personDocumentId', 'purpose'], limit: 200 })) as Array<{ personDocumentId: string; purpose: Match['reasons'][number] }>;
      const matches = new Map<string, Set<Match['reasons'][number]>>();
      for (const row of rows) matches.set(row.personDocumentId, (matches.get(row.personDocumentId) ?? new Set()).add(row.purpose));
      return [...matches].map(([personDocumentId, reasons]) => ({ personDocumentId, reasons: [...reasons].sort() }));
    },

    async recordReveal(userId: number, personDocumentId: string, reason: string): Promise<void> {
      const keys = ring();
      const ref = randomBytes(15).toString('base64url');
      await query(REVEAL_UID).create({ data: { ref, userId, personDocumentId, keyVersion: keys.current, reason: seal(keys, reason, where('reveal', 'reason', ref)), revealedAt: new Date() } });
    },

    async reveals(personDocumentId: string, limit = 50): Promise<Array<{ userId: number; revealedAt: string; reason: string }>> {
      const rows = (await query(REVEAL_UID).findMany({ where: { personDocumentId }, orderBy: { revealedAt: 'desc' }, limit })) as Array<Row & { ref: string; userId: number; revealedAt: string; reason: string }>;
      const keys = ring();
      return rows.map((r) => ({ userId: Number(r.userId), revealedAt: new Date(r.revealedAt).toISOString(), reason: open(keys, r.reason, where('reveal', 'reason', r.ref)) }));
    },

    /** Seals a file in memory and only then writes it; its name is sealed in the database. */
    async storeFile(personDocumentId: string, upload: FileUpload, uploadedBy: number): Promise<StoredFile> {
      const keys = ring();
      const ref = randomBytes(15).toString('base64url');
      const storageName = writeSealed(sealBytes(keys, upload.content, fileContext(ref)));
      const uploadedAt = new Date();
      try {
        await query(FILE_UID).create({ data: { ref, personDocumentId, kind: upload.kind, mimeType: upload.mimeType, size: upload.content.length, fileName: seal(keys, upload.fileName, where('person-file', 'fileName', ref)), storageName, keyVersion: keys.current, uploadedBy, uploadedAt } });
      } catch (error) {
        fs.rmSync(path.join(filesDir(), storageName), { force: true });
        throw error;
      }
      return { id: ref, kind: upload.kind, mimeType: upload.mimeType, size: upload.content.length, uploadedAt: uploadedAt.toISOString() };
    },

    async listFiles(personDocumentId: string): Promise<StoredFile[]> {
      const rows = (await query(FILE_UID).findMany({ where: { personDocumentId }, orderBy: { uploadedAt: 'desc' }, limit: 100 })) as Array<Row & { ref: string; kind: string; mimeType: string; size: number; uploadedAt: string }>;
      return rows.map((r) => ({ id: r.ref, kind: r.kind, mimeType: r.mimeType, size: Number(r.size), uploadedAt: new Date(r.uploadedAt).toISOString() }));
    },

    /** Opens one file of one person; null when that person has no such file. */
    async openFile(personDocumentId: string, ref: string): Promise<{ fileName: string; mimeType: string; content: Buffer } | null> {
      const row = (await query(FILE_UID).findOne({ where: { personDocumentId, ref } })) as (Row & { ref: string; fileName: string; mimeType: string; storageName: string; keyVersion: number }) | null;
      if (!row) return null;
      const keys = ring();
      const content = openBytes(keys, fs.readFileSync(path.join(filesDir(), path.basename(row.storageName))), fileContext(row.ref), Number(row.keyVersion));
      return { fileName: open(keys, row.fileName, where('person-file', 'fileName', row.ref)), mimeType: row.mimeType, content };
    },

    /**
     * Re-seals up to `limit` rows that are not under the current key version, one transaction per
     * row, and returns how many it moved. Run until it returns 0: an interruption loses nothing.
     */
    async rotateBatch(limit = 200): Promise<number> {
      const keys = ring();
      let moved = 0;
      for (const table of SEALED) {
        const rows = (await query(table.uid).findMany({ where: { keyVersion: { $ne: keys.current } }, limit: limit - moved })) as Row[];
        for (const row of rows) {
          const documentId = String(row[table.idColumn]);
          const data: Record<string, unknown> = { keyVersion: keys.current };
          for (const field of table.fields) {
            const sealed = row[field] as string | null;
            if (!sealed) continue;
            if (versionOf(sealed) === null) throw new KeyRingError(`${table.type}.${field} of one row is not a sealed value`);
            let text: string;
            try {
              text = open(keys, sealed, where(table.type, field, documentId));
            } catch (error) {
              throw new KeyRingError(`${(error as Error).message}: ${table.type} record ${documentId}. Nothing after it was changed; restore that row from a backup, then run the rotation again.`);
            }
            data[field] = seal(keys, text, where(table.type, field, documentId));
          }
          let oldFile: string | null = null;
          if (table.file) {
            // A new sealed copy first; the row then points at it; the old copy goes last.
            oldFile = path.join(filesDir(), path.basename(String(row.storageName)));
            const content = openBytes(keys, fs.readFileSync(oldFile), fileContext(documentId), Number(row.keyVersion));
            data.storageName = writeSealed(sealBytes(keys, content, fileContext(documentId)));
          }
          // Only if nobody re-saved the row meanwhile (its version is still the old one).
          const { count } = (await query(table.uid).updateMany({ where: { id: row.id, keyVersion: row.keyVersion }, data })) as { count: number };
          if (oldFile) fs.rmSync(count ? oldFile : path.join(filesDir(), String(data.storageName)), { force: true });
          moved += 1;
        }
        if (moved >= limit) break;
      }
      return moved;
    },

    /** Drops the check value of a retired key version. */
    async forgetKeyVersion(version: number): Promise<void> {
      await query(KEY_CHECK_UID).deleteMany({ where: { keyVersion: version } });
    },
  };
};

export type VaultService = ReturnType<typeof createVaultService>;
