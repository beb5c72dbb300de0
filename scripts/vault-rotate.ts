// npm run vault:rotate                 adds a new key version and re-seals every value under it;
//                                      run again after an interruption: it resumes where it stopped
// npm run vault:rotate -- --retire N   removes key version N from the ring once nothing uses it
// npm run vault:rotate -- --status     shows how many values each key version protects
// npm run vault:rotate -- --limit N    re-seals at most N values in this run (spread a long
//                                      rotation over several maintenance windows)
// The server may keep running: it reads the ring file again when it changes.
import { requireCjs, withStrapi } from './lib/strapi-app.ts';

type Vault = import('../plugins/vault/server/src/services/vault.ts').VaultService;
type KeyRingModule = typeof import('../plugins/vault/server/src/crypto/keyring.ts');
const { saveKeyRing, withNewKey, withoutKey } = requireCjs('../../plugins/vault/dist/server/crypto/keyring.js') as KeyRingModule;

const args = process.argv.slice(2);
const retireAt = args.indexOf('--retire');
const retire = retireAt >= 0 ? Number(args[retireAt + 1]) : null;
const statusOnly = args.includes('--status');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;

const describe = (inUse: Map<number, number>) => [...inUse].sort(([a], [b]) => a - b).map(([v, n]) => `v${v}: ${n}`).join(', ') || 'ninguno / none';

async function main() {
  if (retireAt >= 0 && (!Number.isInteger(retire) || retire! < 1)) throw new Error('--retire needs a key version number, for example --retire 1');
  if (limitAt >= 0 && (!Number.isInteger(limit) || limit < 1)) throw new Error('--limit needs a positive number of values, for example --limit 5000');
  // Keep the operator's database and ring settings; everything else comes from .env as usual.
  const keep = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && /^(DATABASE_|PETT_VAULT_|PETT_DATA_DIR)/.test(k))) as Record<string, string>;
  await withStrapi(keep, async (strapi) => {
    const vault = strapi.plugin('vault').service('vault') as Vault;
    const source = strapi.plugin('vault').config('keyRing') as { env?: string; file: string };
    if (source.env && !statusOnly) throw new Error('The key ring comes from PETT_VAULT_KEYRING; rotation writes a ring file. Set PETT_VAULT_KEYRING_FILE instead, rotate, then update your secret store from that file.');
    let ring = vault.reload();
    if (statusOnly) {
      console.log(`[vault] key ring: current v${ring.current}, holds ${[...ring.keys.keys()].map((v) => `v${v}`).join(', ')}; sealed values per version: ${describe(await vault.versionsInUse())}`);
      return;
    }
    if (retire !== null) {
      const left = (await vault.versionsInUse()).get(retire) ?? 0;
      if (left > 0) throw new Error(`key version ${retire} still protects ${left} value(s): run "npm run vault:rotate" to finish moving them first`);
      saveKeyRing(source.file, withoutKey(ring, retire));
      await vault.forgetKeyVersion(retire);
      console.log(`[vault] key version ${retire} retired and removed from ${source.file}.`);
      return;
    }
    const before = await vault.versionsInUse();
    const behind = [...before].filter(([v]) => v !== ring.current).reduce((sum, [, n]) => sum + n, 0);
    if (behind === 0) {
      ring = withNewKey(ring);
      saveKeyRing(source.file, ring);
      vault.reload();
      await vault.verifyKeys(); // stores the check value of the new version
      console.log(`[vault] new key version ${ring.current} written to ${source.file}.`);
    } else {
      console.log(`[vault] resuming: ${behind} value(s) are not yet under key version ${ring.current}.`);
    }
    let moved = 0;
    const batch = () => vault.rotateBatch(Math.min(200, limit - moved));
    for (let n = await batch(); n > 0; n = moved < limit ? await batch() : 0) {
      moved += n;
      console.log(`[vault] ${moved} value(s) re-sealed...`);
    }
    const after = await vault.versionsInUse();
    const left = [...after].filter(([v]) => v !== ring.current).reduce((sum, [, n]) => sum + n, 0);
    if (left) {
      console.log(`[vault] stopped at the limit: ${left} value(s) are still under older keys. Run "npm run vault:rotate" again to continue.`);
      return;
    }
    const old = [...ring.keys.keys()].filter((v) => v !== ring.current && !after.get(v));
    console.log(`[vault] done: ${moved} value(s) re-sealed under v${ring.current}. Sealed values per version: ${describe(after)}.`);
    if (old.length) console.log(`[vault] nothing uses ${old.map((v) => `v${v}`).join(', ')} any more: retire with "npm run vault:rotate -- --retire ${old[0]}".`);
  });
}

main().catch((error: Error) => {
  console.error(`[vault] ${error.message}`);
  process.exit(1);
});
