// Boots the real, compiled Strapi application for tests: a fresh SQLite file or a fresh
// PostgreSQL database created (and dropped) here, with a small demo data set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { generateSecrets } from '../../scripts/lib/env.ts';
import { ensureKeyRingFile } from '../../plugins/vault/server/src/crypto/keyring.ts';
import { ensureSigningKeyFile } from '../../plugins/audit/server/src/chain/checkpoint.ts';
import { startServer, waitForHealth } from '../../scripts/lib/server.ts';

export interface Credential { role: string; username: string; password: string; totpSecret: string }
export interface TestTarget { name: 'sqlite' | 'postgres'; baseUrl: string; dir: string; credentials: Credential[]; databaseFile?: string; databaseUrl?: string }
/** `env` is what the server was started with, so a test can run a script against the same data. */
export interface RunningTarget extends TestTarget { env: Record<string, string>; stopServer(): Promise<void>; stop(): Promise<void> }

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function postgresReachable(url = PG_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(name: string): string {
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function readCredentials(file: string): Credential[] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => {
    const [role, username, password, totpSecret] = line.split('\t');
    return { role, username, password, totpSecret };
  });
}

export async function bootTarget(name: TestTarget['name'], options: { demoCases: number; log?: string; env?: Record<string, string> }): Promise<RunningTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pett-${name}-`));
  const port = await freePort();
  const env: Record<string, string> = {
    ...generateSecrets(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PETT_DEMO: 'true',
    PETT_DEMO_CASES: String(options.demoCases),
    PETT_DATA_DIR: dir,
    PETT_CREDENTIALS_FILE: path.join(dir, 'demo-credentials.txt'),
    SERVE_ADMIN_PANEL: 'false',
    REFRESH_GRACE_SECONDS: '2',
    DATABASE_URL: '',
    PETT_VAULT_KEYRING_FILE: path.join(dir, 'vault-keyring.json'),
    PETT_AUDIT_KEY_FILE: path.join(dir, 'audit-checkpoint-key.pem'),
    PETT_AUDIT_CHECKPOINT_EVERY: '50',
    ...options.env,
  };
  ensureKeyRingFile(env.PETT_VAULT_KEYRING_FILE);
  ensureSigningKeyFile(env.PETT_AUDIT_KEY_FILE);
  let dbName: string | undefined;
  if (name === 'postgres') {
    dbName = `pett_test_${randomBytes(6).toString('hex')}`;
    await withAdminClient((c) => c.query(`CREATE DATABASE ${dbName}`));
    env.DATABASE_URL = databaseUrlFor(dbName);
  } else {
    env.DATABASE_FILENAME = path.join(dir, 'test.db');
  }
  const logFile = options.log ?? path.join(dir, 'server.log');
  const child: ChildProcess = startServer(env);
  const log = fs.createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, 180_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message} (${name}); server log: ${logFile}\n${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : ''}`);
  }
  /** Stops the server process only: the database and the folder stay. */
  const stopServer = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
  return {
    name,
    baseUrl,
    dir,
    env,
    credentials: readCredentials(env.PETT_CREDENTIALS_FILE),
    databaseFile: env.DATABASE_FILENAME,
    databaseUrl: env.DATABASE_URL || undefined,
    stopServer,
    async stop() {
      await stopServer();
      if (dbName) await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
