import path from 'node:path';
import { dataDir, operatorConfigDir, privateDir, uploadMaxBytes } from './paths';

// The vault's key ring: PETT_VAULT_KEYRING (the JSON itself) or a 0600 file, never the database.
const keyRingFile = () => path.resolve(process.env.PETT_VAULT_KEYRING_FILE || path.join(operatorConfigDir(), '..', 'keys', 'vault-keyring.json'));
// The audit checkpoints' Ed25519 signing key: a 0600 PEM file beside the key ring, never the database.
const auditKeyFile = () => path.resolve(process.env.PETT_AUDIT_KEY_FILE || path.join(operatorConfigDir(), '..', 'keys', 'audit-checkpoint-key.pem'));

export default ({ env }: { env: (key: string, fallback?: string) => string }) => ({
  'users-permissions': {
    config: {
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '2h') },
      jwtSecret: env('JWT_SECRET'),
      register: { allowedFields: [] },
      // Per-IP limit on the auth routes; offices sit behind one NAT address, so it is generous.
      // Per-account lockout is the real brute-force defence (access issue).
      ratelimit: { interval: 60000, max: Number(env('AUTH_RATE_LIMIT_MAX', '60')) },
    },
  },
  access: {
    enabled: true,
    resolve: '../plugins/access',
    config: {
      permissionsFile: path.join(operatorConfigDir(), 'permissions.json'),
      breakGlassHours: Number(env('BREAK_GLASS_HOURS', '24')),
      // A reloaded browser may resend the previous refresh cookie for a few seconds.
      refreshGraceSeconds: Number(env('REFRESH_GRACE_SECONDS', '20')),
      commonPasswordsFile: path.join(operatorConfigDir(), 'security', 'common-passwords.txt'),
    },
  },
  vault: {
    enabled: true,
    resolve: '../plugins/vault',
    config: { keyRing: { env: env('PETT_VAULT_KEYRING', ''), file: keyRingFile() }, filesDir: path.join(dataDir(), 'vault-files') },
  },
  workflow: {
    enabled: true,
    resolve: '../plugins/workflow',
  },
  forms: {
    enabled: true,
    resolve: '../plugins/forms',
  },
  statistics: {
    enabled: true,
    resolve: '../plugins/statistics',
    config: {
      // Report files: private, outside any public path (PETT_REPORTS_DIR, else PETT_PRIVATE_DIR/reports, else <data>/reports).
      reportsDir: path.resolve(env('PETT_REPORTS_DIR', '') || path.join(env('PETT_PRIVATE_DIR', '') || dataDir(), 'reports')),
      schedulesFile: path.join(operatorConfigDir(), 'catalogues', 'report-schedules.json'),
    },
  },
  // Evidence files: in a private folder (never under public/uploads), at most PETT_EVIDENCE_MAX_BYTES each.
  evidence: {
    enabled: true,
    resolve: '../plugins/evidence',
    config: { privateDir: privateDir(), maxBytes: uploadMaxBytes() },
  },
  // Referrals to agencies; the access plugin scopes them (a liaison reaches only its agency's).
  referrals: {
    enabled: true,
    resolve: '../plugins/referrals',
  },
  audit: {
    enabled: true,
    resolve: '../plugins/audit',
    config: {
      keyFile: auditKeyFile(),
      // Signed checkpoints as JSON lines, one file a day, for the operator to ship off the machine.
      checkpointDir: path.resolve(env('PETT_AUDIT_CHECKPOINT_DIR', '') || path.join(dataDir(), 'audit-checkpoints')),
      checkpointEvery: Number(env('PETT_AUDIT_CHECKPOINT_EVERY', '1000')),
      checkpointMinutes: Number(env('PETT_AUDIT_CHECKPOINT_MINUTES', '60')),
    },
  },
});
