// Two server processes on one PostgreSQL database, both ticking the alert job every two seconds at
// the same instants: each day's run happens exactly once, and its notifications are sent once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseFacts, executeSql, queryRows, userIds } from '../support/db-facts.ts';
import { freePort, type RunningTarget } from '../support/server-harness.ts';
import { startServer, waitForHealth } from '../../scripts/lib/server.ts';
import { bootWithFastAlerts, endOfOfficeDay, forceNextRun, lease, officeToday, plantDeadline, waitForFirstRun } from './deadline-alerts-support.ts';

const hasPg = inject('apiTargets').some((t) => t.name === 'postgres');

describe.skipIf(!hasPg)('deadline alerts with two processes on one PostgreSQL', () => {
  let target: RunningTarget;
  let second: ReturnType<typeof startServer>;
  const logs = () => ['server.log', 'server-2.log'].map((f) => fs.readFileSync(path.join(target.dir, f), 'utf8')).join('\n');
  const runLines = () => logs().split('\n').filter((line) => line.includes('[deadline-alerts] run') && !line.includes('failed'));

  beforeAll(async () => {
    target = await bootWithFastAlerts('postgres');
    await waitForFirstRun(target);
    const port = await freePort();
    second = startServer({ ...target.env, PORT: String(port), PETT_DEMO: 'false' });
    const log = fs.createWriteStream(path.join(target.dir, 'server-2.log'));
    second.stdout?.pipe(log);
    second.stderr?.pipe(log);
    await waitForHealth(`http://127.0.0.1:${port}`, second, 180_000);
    // Both processes now tick: let a few ticks pass where neither may run (today is done).
    await new Promise((r) => setTimeout(r, 5000));
  }, 300_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (!second || second.exitCode !== null) return resolve();
      second.once('exit', () => resolve());
      second.kill('SIGTERM');
    });
    await target?.stop();
  });

  it('both processes are scheduled, and a day already run is not run again', async () => {
    expect(logs().match(/\[deadline-alerts\] scheduled/g)?.length).toBe(2);
    const row = await lease(target);
    expect(row).toMatchObject({ run_key: officeToday(), run_count: 1 });
    expect(runLines()).toHaveLength(1);
  });

  it('each new day is claimed by exactly one process, however often both tick', async () => {
    const users = await userIds(target);
    const fiscal = users.get('fiscal.demo1')!.id;
    const facts = await caseFacts(target);
    const lead = facts.find((c) => c.members.some((m) => m.userId === fiscal && m.teamRole === 'lead-prosecutor'))!;
    const deadline = await plantDeadline(target, { caseId: lead.caseId, ruleName: 'Plazo de prueba de dos procesos', due: '2020-05-05', dueAt: endOfOfficeDay('2020-05-05'), warnFrom: '2020-05-01' });

    const holders = new Set<string>();
    const rounds = 4;
    for (let round = 0; round < rounds; round += 1) {
      const before = (await lease(target))!.run_count;
      const after = await forceNextRun(target);
      // Wait through two more ticks of both processes: neither may run the claimed day again.
      await new Promise((r) => setTimeout(r, 4500));
      const settled = (await lease(target))!;
      expect(after.run_count).toBe(before + 1);
      expect(settled.run_count).toBe(before + 1);
      holders.add(String(settled.holder));
    }
    expect(runLines()).toHaveLength(1 + rounds);
    const sent = await queryRows<{ n: number }>(target, `SELECT count(*) AS n FROM notifications WHERE dedupe_key = 'deadline:${deadline.documentId}:overdue:${fiscal}'`);
    expect(Number(sent[0].n)).toBe(1);
    // Which process wins is a race; the rounds only record who did (often both, over several days).
    expect(holders.size).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('when the holder dies mid-run, exactly one of the others takes the run over', async () => {
    const before = (await lease(target))!.run_count;
    await executeSql(target, `UPDATE job_leases SET holder = 'dead-process', finished_at = NULL, locked_until = '2000-01-01T00:00:00Z' WHERE name = 'deadline-alerts'`);
    const deadline = Date.now() + 30_000;
    let row = await lease(target);
    while (row && (row.holder === 'dead-process' || row.finished_at == null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      row = await lease(target);
    }
    await new Promise((r) => setTimeout(r, 4500));
    const settled = (await lease(target))!;
    expect(settled.holder).not.toBe('dead-process');
    expect(settled.finished_at).not.toBeNull();
    expect(settled.run_count).toBe(before + 1);
  }, 60_000);
});
