// Boots the real server with demo data for the browser tests, when Debian's Chromium is present.
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { bootTarget, type RunningTarget } from '../support/server-harness.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTarget: Omit<RunningTarget, 'stop' | 'stopServer'> | null;
  }
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
    console.log(`[e2e] Chromium not found at ${CHROMIUM}: browser tests skipped.`);
    project.provide('e2eTarget', null);
    return;
  }
  const target = await bootTarget('sqlite', { demoCases: 40 });
  const { stop, stopServer: _stopServer, ...rest } = target;
  project.provide('e2eTarget', rest);
  return stop;
}
