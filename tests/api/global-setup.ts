// Boots the API under test once per run: SQLite always, PostgreSQL when reachable (required with REQUIRE_PG=1).
import type { TestProject } from 'vitest/node';
import { bootTarget, postgresReachable, PG_URL, type RunningTarget } from '../support/server-harness.ts';

// A small upload limit, so the evidence tests can send an oversized file quickly.
const EVIDENCE_TEST_MAX_BYTES = 1024 * 1024;

declare module 'vitest' {
  export interface ProvidedContext {
    apiTargets: Array<Omit<RunningTarget, 'stop' | 'stopServer'>>;
  }
}

export default async function setup(project: TestProject) {
  const running: RunningTarget[] = [];
  const wantPg = await postgresReachable();
  if (!wantPg && process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_URL.replace(/\/\/[^@]*@/, '//')}`);
  if (!wantPg) console.log(`[api] PostgreSQL not reachable at ${PG_URL.replace(/\/\/[^@]*@/, '//')}: API tests run on SQLite only.`);
  const names = wantPg ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  const booted = await Promise.all(names.map((name) => bootTarget(name, { demoCases: 60, env: { PETT_EVIDENCE_MAX_BYTES: String(EVIDENCE_TEST_MAX_BYTES) } })));
  running.push(...booted);
  project.provide('apiTargets', running.map(({ stop: _stop, stopServer: _stopServer, ...target }) => target));
  return async () => {
    await Promise.all(running.map((target) => target.stop()));
  };
}
