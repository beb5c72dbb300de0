// Two server processes on one PostgreSQL database, both running a report schedule that ticks every
// two seconds: each tick is claimed under the job lease by exactly one process, so each tick makes
// exactly one snapshot. The schedule is saved through one process; the other picks it up by
// re-reading the schedules.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { queryRows } from '../support/db-facts.ts';
import { bootTarget, freePort, type RunningTarget } from '../support/server-harness.ts';
import { startServer, waitForHealth } from '../../scripts/lib/server.ts';
import { waitFor } from './deadline-alerts-support.ts';

const hasPg = inject('apiTargets').some((t) => t.name === 'postgres');
const NAME = 'Informe de prueba de dos procesos';
const SCHEDULES_ADMIN = '/content-manager/collection-types/plugin::statistics.report-schedule';

describe.skipIf(!hasPg)('report schedules with two processes on one PostgreSQL', () => {
  let target: RunningTarget;
  let second: ReturnType<typeof startServer>;
  const logs = () => ['server.log', 'server-2.log'].map((f) => fs.readFileSync(path.join(target.dir, f), 'utf8'));
  const snapshots = () => queryRows<{ run_key: string; ran_by: string }>(target, `SELECT run_key, ran_by FROM report_snapshots WHERE schedule_name = '${NAME}' ORDER BY run_key`);

  beforeAll(async () => {
    target = await bootTarget('postgres', { demoCases: 3, env: { PETT_REPORTS_RELOAD_SECONDS: '1' } });
    const port = await freePort();
    second = startServer({ ...target.env, PORT: String(port), PETT_DEMO: 'false' });
    const log = fs.createWriteStream(path.join(target.dir, 'server-2.log'));
    second.stdout?.pipe(log);
    second.stderr?.pipe(log);
    await waitForHealth(`http://127.0.0.1:${port}`, second, 180_000);
  }, 300_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (!second || second.exitCode !== null) return resolve();
      second.once('exit', () => resolve());
      second.kill('SIGTERM');
    });
    await target?.stop();
  });

  it('each tick of a schedule makes exactly one snapshot, whichever process claims it', async () => {
    const client = new ApiClient(target);
    const admin = await client.adminHeaders();
    const made = await client.request('POST', SCHEDULES_ADMIN, { headers: admin, body: { name: NAME, cron: '*/2 * * * * *', indicators: ['cases-by-stage'], parameters: { period: 'current-year-to-date' }, formats: ['csv'], downloadRoles: ['statistician'], retentionDays: 1, enabled: true } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const documentId = made.body.data.documentId as string;

    // Both processes schedule it: the one that saved it at once, the other on its next re-read.
    await waitFor('both processes to schedule the report', async () => logs().every((text) => text.includes(`[reports] schedule ${documentId} "*/2 * * * * *"`)));
    await waitFor('six scheduled snapshots', async () => (await snapshots()).length >= 6, 60_000);
    const off = await client.request('PUT', `${SCHEDULES_ADMIN}/${documentId}`, { headers: admin, body: { enabled: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    // Let any tick already claimed finish, and the other process re-read the schedule.
    await new Promise((r) => setTimeout(r, 4000));

    const rows = await snapshots();
    const keys = rows.map((r) => r.run_key);
    expect(rows.every((r) => r.ran_by === 'schedule')).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d[02468]\.000Z$/);
    const lease = (await queryRows<{ run_count: number; run_key: string }>(target, `SELECT run_count, run_key FROM job_leases WHERE name = 'report:${documentId}'`))[0]!;
    // Every claim made a snapshot (a claim a disabled schedule refused makes none, and is counted).
    expect(Number(lease.run_count)).toBeGreaterThanOrEqual(keys.length);
    const claimed = logs().join('\n').split('\n').filter((line) => line.includes(`[reports] schedule ${documentId} tick`) && line.includes('snapshot'));
    expect(claimed).toHaveLength(keys.length);
    expect(new Set(claimed.map((line) => line.match(/tick (\S+) by/)![1])).size).toBe(keys.length);
  }, 180_000);
});
