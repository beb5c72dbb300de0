// Two server processes on one PostgreSQL database write one linear, valid audit chain: the
// appends queue on the database, not in a process's memory.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { queryRows } from '../support/db-facts.ts';
import { freePort } from '../support/server-harness.ts';
import { startServer, waitForHealth } from '../../scripts/lib/server.ts';

const pgTargets = inject('apiTargets').filter((t) => t.name === 'postgres');
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe.skipIf(pgTargets.length === 0)('audit trail with two processes on one PostgreSQL', () => {
  const target = pgTargets[0];
  let second: ReturnType<typeof startServer>;
  let secondUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    secondUrl = `http://127.0.0.1:${port}`;
    second = startServer({ ...target.env, PORT: String(port), PETT_DEMO: 'false' });
    const log = fs.createWriteStream(path.join(target.dir, 'server-2.log'));
    second.stdout?.pipe(log);
    second.stderr?.pipe(log);
    await waitForHealth(secondUrl, second, 180_000);
  }, 200_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (second.exitCode !== null) return resolve();
      second.once('exit', () => resolve());
      second.kill('SIGTERM');
    });
  });

  it('keeps one chain when both processes append at once', async () => {
    const fiscal = await new ApiClient(target).as('fiscal.demo1');
    // The same session works on both processes: sessions live in the database.
    const other = new ApiClient({ ...target, baseUrl: secondUrl }, fiscal.token, fiscal.cookie);
    const caseId = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de dos procesos (DEMO)') })).body.data.documentId;
    const start = Number((await queryRows<{ n: number }>(target, 'select max(seq) as n from audit_entries'))[0].n);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? other : fiscal).request('PUT', `/api/cases/${caseId}`, { body: { data: { summary: `Resumen ficticio ${i} desde el proceso ${i % 2 ? 'B' : 'A'}.` } } })));
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    const entries = (await queryRows<{ seq: number; prev_hash: string; hash: string; action: string; target_id: string }>(target, `select seq, prev_hash, hash, action, target_id from audit_entries where seq > ${start} order by seq`)).map((e) => ({ ...e, seq: Number(e.seq) }));
    expect(entries.filter((e) => e.action === 'case.update' && e.target_id === caseId)).toHaveLength(60);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => start + i + 1));
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prev_hash).toBe(entries[i - 1].hash);
    const verdict = await new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'audit-verify.ts')], { cwd: ROOT, env: { ...process.env, ...target.env } });
      let output = '';
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
      child.once('exit', (status) => resolve({ status, output }));
    });
    expect(verdict.status, verdict.output).toBe(0);
  });
});
