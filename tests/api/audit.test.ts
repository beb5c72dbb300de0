// The audit trail over HTTP, on SQLite and PostgreSQL: each kind of event appears after the action
// that causes it, with no identity inside; 100 concurrent writes leave one valid chain; the
// database refuses to change or remove an entry; checkpoints are signed and shipped as files;
// `npm run audit:verify` names every kind of tampering.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows, userIds } from '../support/db-facts.ts';
import { appendOnlyStatements } from '../../plugins/audit/server/src/chain/append-only.ts';
import type { TrailReport } from '../../plugins/audit/server/src/chain/verify.ts';

const targets = inject('apiTargets');
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const REASON = 'Preparar la entrevista de la víctima con la psicóloga del centro.';

interface Entry { seq: number; action: string; actor_kind: string; actor_user_id: number | null; actor_role: string | null; target_type: string | null; target_id: string | null; outcome: string; fields: string; client_address: string | null; request_id: string | null; prev_hash: string; hash: string }

describe.each(targets.map((t) => [t.name, t] as const))('audit trail on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const client = target.databaseUrl ? 'postgres' : 'sqlite';
  let fiscal1: ApiClient;
  let chief: ApiClient;
  let caseId: string;
  let ids: Map<string, { id: number; role: string }>;
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const identity = { givenNames: `Auditada Q${tag}`, familyNames: `Rastroprueba${tag} (ficticia)`, email: `auditada.${tag.toLowerCase()}@ejemplo.invalid` };

  const headSeq = async () => Number((await queryRows<{ n: number | null }>(target, 'select max(seq) as n from audit_entries'))[0].n ?? 0);
  const entriesAfter = async (seq: number) => (await queryRows<Entry>(target, `select * from audit_entries where seq > ${seq} order by seq`)).map((e) => ({ ...e, seq: Number(e.seq), actor_user_id: e.actor_user_id == null ? null : Number(e.actor_user_id) }));

  /** Runs `npm run audit:verify -- --json` against this target's database and key. */
  const verify = () => new Promise<{ status: number | null; report: TrailReport; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'audit-verify.ts'), '--json'], { cwd: ROOT, env: { ...process.env, ...target.env } });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (status) => {
      let report = { ok: false, problems: [] } as unknown as TrailReport;
      try {
        report = JSON.parse(output.trim().split('\n').at(-1)!) as TrailReport;
      } catch {
        // reported through `output`
      }
      resolve({ status, report, output });
    });
  });

  /** Changes the trail as a database superuser would: around the triggers, which come back after. */
  async function tamper(sql: string) {
    if (client === 'postgres') return executeSql(target, `BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
    const restore = appendOnlyStatements('sqlite').filter((s) => s.name.startsWith('audit_entries_refuse_')).map((s) => s.sql).join(';\n');
    return executeSql(target, `DROP TRIGGER audit_entries_refuse_update; DROP TRIGGER audit_entries_refuse_delete; ${sql}; ${restore};`);
  }

  /** SQL that puts rows read with `select *` back as they were. */
  function reinsert(rows: Array<Record<string, unknown>>) {
    const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : v instanceof Date ? `'${v.toISOString()}'` : `'${String(v).replace(/'/g, "''")}'`);
    return rows.map((row) => `INSERT INTO audit_entries (${Object.keys(row).join(', ')}) VALUES (${Object.values(row).map(literal).join(', ')})`).join('; ');
  }

  beforeAll(async () => {
    [fiscal1, chief] = await Promise.all(['fiscal.demo1', 'titular.demo'].map((u) => anonymous.as(u)));
    ids = await userIds(target);
    caseId = (await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de la auditoría (DEMO)') })).body.data.documentId;
  });

  it('records a sign-in, and a failed one, as the account that tried, without the name typed', async () => {
    const start = await headSeq();
    await anonymous.signIn('fiscal.demo2');
    const wrong = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'analista.demo', password: 'no-es-la-clave' } });
    expect(wrong.status).toBe(400);
    const unknown = await anonymous.request('POST', '/api/access/login', { body: { identifier: `nadie.${tag}`, password: 'no-es-la-clave' } });
    expect(unknown.status).toBe(400);
    const entries = await entriesAfter(start);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'success', actor_kind: 'portal', actor_user_id: ids.get('fiscal.demo2')!.id, actor_role: 'prosecutor', target_type: 'user' }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'failure', actor_user_id: ids.get('analista.demo')!.id, target_type: 'user' }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'sign-in', outcome: 'failure', actor_kind: 'anonymous', target_type: 'account', target_id: null }));
    expect(JSON.stringify(entries)).not.toContain(`nadie.${tag}`);
    expect(entries.every((e) => e.client_address && e.request_id)).toBe(true);
  });

  it('records a wrong second factor and a sign-out', async () => {
    const start = await headSeq();
    const { password } = anonymous.credential('investigador.demo');
    const step = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'investigador.demo', password } });
    expect((await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: step.body.challenge, code: '000000' } })).status).toBe(400);
    const session = await anonymous.as('investigador.demo', { fresh: true });
    expect((await session.request('POST', '/api/access/logout')).status).toBeLessThan(300);
    const entries = await entriesAfter(start);
    const investigator = ids.get('investigador.demo')!.id;
    expect(entries).toContainEqual(expect.objectContaining({ action: 'second-factor', outcome: 'failure', actor_user_id: investigator }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'sign-out', outcome: 'success', actor_user_id: investigator }));
  });

  it('records a case created and updated, with the names of the changed fields only, one request id per request', async () => {
    const start = await headSeq();
    const created = await fiscal1.request('POST', '/api/cases', { body: newCaseBody(`Apertura auditada ${tag} (DEMO)`) });
    expect(created.status).toBe(201);
    const newId = created.body.data.documentId;
    const updated = await fiscal1.request('PUT', `/api/cases/${newId}`, { body: { data: { title: `Título corregido ${tag}`, priority: 'high' } } });
    expect(updated.status).toBe(200);
    const entries = await entriesAfter(start);
    const create = entries.find((e) => e.action === 'case.create' && e.target_id === newId)!;
    expect(create).toMatchObject({ actor_kind: 'portal', actor_user_id: ids.get('fiscal.demo1')!.id, actor_role: 'prosecutor', outcome: 'success', target_type: 'case' });
    expect(JSON.parse(create.fields)).toEqual(expect.arrayContaining(['title', 'caseType', 'caseNumber']));
    const member = entries.find((e) => e.action === 'case-member.create')!;
    expect(member.request_id).toBe(create.request_id);
    const update = entries.find((e) => e.action === 'case.update' && e.target_id === newId)!;
    // priority was already 'high': only the title changed.
    expect(JSON.parse(update.fields)).toEqual(['title']);
    expect(update.request_id).not.toBe(create.request_id);
    expect(JSON.stringify(entries)).not.toContain(tag); // the title's value is nowhere
  });

  it('writes nothing for a refused write: the entry goes with the change', async () => {
    const start = await headSeq();
    const fiscal2 = await anonymous.as('fiscal.demo2');
    expect((await fiscal2.request('PUT', `/api/cases/${caseId}`, { body: { data: { title: 'Intento desde otro equipo' } } })).status).toBe(404);
    expect((await entriesAfter(start)).filter((e) => e.action === 'case.update')).toEqual([]);
  });

  it('records a read of the case page, and not the list', async () => {
    const start = await headSeq();
    expect((await fiscal1.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await fiscal1.get('/api/cases?pagination[pageSize]=5')).status).toBe(200);
    const reads = (await entriesAfter(start)).filter((e) => e.action === 'case.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ target_type: 'case', target_id: caseId, outcome: 'success', actor_user_id: ids.get('fiscal.demo1')!.id });
  });

  it('records emergency access with its case, and an identity reveal with the person, never the identity', async () => {
    const start = await headSeq();
    const glass = await chief.request('POST', '/api/access/break-glass', { body: { case: caseId, reason: 'Revisión urgente de la protección de la víctima del caso.' } });
    expect(glass.status).toBe(201);
    const added = await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: 1994 }, identity } } });
    expect(added.status).toBe(201);
    const { code, documentId: personId } = added.body.data.person;
    expect((await fiscal1.request('POST', `/api/people/by-code/${code}/reveal`, { body: { reason: REASON } })).status).toBe(200);
    const entries = await entriesAfter(start);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'case.break-glass', target_type: 'case', target_id: caseId, actor_role: 'chief-prosecutor', actor_user_id: ids.get('titular.demo')!.id }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'person.create', target_id: personId }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'identity.reveal', target_type: 'person', target_id: personId, actor_user_id: ids.get('fiscal.demo1')!.id }));
    expect(entries.filter((e) => e.action === 'identity.reveal')).toHaveLength(1);
  });

  it('records an account made in the admin panel as the configurator did it', async () => {
    const start = await headSeq();
    const headers = await anonymous.adminHeaders();
    const roles = await anonymous.request('GET', '/content-manager/collection-types/plugin::users-permissions.user?populate=role&pageSize=1', { headers });
    const made = await anonymous.request('POST', '/content-manager/collection-types/plugin::users-permissions.user', { headers, body: { username: `audit.${tag.toLowerCase()}`, email: `audit.${tag.toLowerCase()}@test.pett.invalid`, password: `Cl4ve-${tag}-larga-y-rara`, confirmed: true, blocked: true, role: { connect: [{ id: roles.body.results[0].role.id }] } } });
    expect(made.status, JSON.stringify(made.body)).toBeLessThan(300);
    const entry = (await entriesAfter(start)).find((e) => e.action === 'user.create')!;
    expect(entry).toMatchObject({ actor_kind: 'admin', target_type: 'user' });
    expect(JSON.parse(entry.fields)).toEqual(expect.arrayContaining(['password', 'username']));
    expect(JSON.stringify(entry)).not.toContain(tag.toLowerCase());
  });

  it('holds no identity, name or reason anywhere in the trail', async () => {
    const text = JSON.stringify(await queryRows(target, 'select * from audit_entries'));
    for (const secret of [identity.givenNames, identity.familyNames, identity.email, REASON, '(ficticia)', '(ficticio)', 'ejemplo.invalid', 'Calle Ficticia', 'Revisión urgente']) expect(text.includes(secret), secret).toBe(false);
  });

  it('keeps one linear, valid chain under 100 concurrent case updates', async () => {
    const start = await headSeq();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => fiscal1.request('PUT', `/api/cases/${caseId}`, { body: { data: { summary: `Resumen ficticio número ${i}.` } } })));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    const entries = await entriesAfter(start);
    expect(entries.filter((e) => e.action === 'case.update' && e.target_id === caseId)).toHaveLength(100);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => start + i + 1));
    for (let i = 1; i < entries.length; i += 1) expect(entries[i].prev_hash).toBe(entries[i - 1].hash);
    const { status, report, output } = await verify();
    expect(status, output).toBe(0);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.entries).toBeGreaterThanOrEqual(entries.length);
  });

  it('signs checkpoints into the table and into the checkpoints folder', async () => {
    const dir = path.join(target.dir, 'audit-checkpoints');
    for (let i = 0; i < 40 && !fs.existsSync(dir); i += 1) await new Promise((r) => setTimeout(r, 100));
    const stored = await queryRows<{ seq: number; signature: string }>(target, 'select seq, signature from audit_checkpoints order by seq');
    expect(stored.length).toBeGreaterThan(0);
    const lines = fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n'));
    expect(lines.map((l) => JSON.parse(l).signature)).toEqual(expect.arrayContaining(stored.map((c) => c.signature)));
    expect(fs.statSync(target.env.PETT_AUDIT_KEY_FILE).mode & 0o777).toBe(0o600);
    const keyText = fs.readFileSync(target.env.PETT_AUDIT_KEY_FILE, 'utf8');
    expect(JSON.stringify(await queryRows(target, 'select * from audit_checkpoints'))).not.toContain(keyText.split('\n')[1]);
  });

  it('refuses UPDATE and DELETE of an entry or a checkpoint in the database itself', async () => {
    for (const sql of ["update audit_entries set outcome = 'failure' where seq = 1", 'delete from audit_entries where seq = 1', 'update audit_checkpoints set seq = 0', 'delete from audit_checkpoints']) {
      await expect(executeSql(target, sql), sql).rejects.toThrow(/append-only/);
    }
    if (client === 'postgres') await expect(executeSql(target, 'truncate audit_entries')).rejects.toThrow(/append-only/);
    expect(Number((await queryRows<{ n: number }>(target, 'select count(*) as n from audit_entries where seq = 1'))[0].n)).toBe(1);
  });

  it('names each kind of tampering, and the trail verifies again once it is undone', async () => {
    const head = await headSeq();
    const [checkpoint] = await queryRows<{ seq: number }>(target, 'select max(seq) as seq from audit_checkpoints');
    const newest = Number(checkpoint.seq);
    expect(newest).toBeGreaterThan(10);
    const k = newest - 5;
    const problem = async () => {
      const { status, report, output } = await verify();
      expect(status, output).toBe(1);
      return report.problems.map((p) => [p.kind, p.seq]);
    };

    const [{ outcome }] = await queryRows<{ outcome: string }>(target, `select outcome from audit_entries where seq = ${k}`);
    await tamper(`update audit_entries set outcome = 'tampered' where seq = ${k}`);
    expect(await problem()).toEqual([['edited', k]]);
    await tamper(`update audit_entries set outcome = '${outcome}' where seq = ${k}`);

    const row = await queryRows<Record<string, unknown>>(target, `select * from audit_entries where seq = ${k}`);
    await tamper(`delete from audit_entries where seq = ${k}`);
    expect(await problem()).toEqual([['deleted', k]]);
    await tamper(reinsert(row));

    const swap = (a: number, b: number) => tamper(`update audit_entries set seq = -1 where seq = ${a}; update audit_entries set seq = ${a} where seq = ${b}; update audit_entries set seq = ${b} where seq = -1`);
    await swap(k, k + 1);
    expect(await problem()).toEqual([['reordered', k]]);
    await swap(k, k + 1);

    const tail = await queryRows<Record<string, unknown>>(target, `select * from audit_entries where seq > ${newest - 3} order by seq`);
    await tamper(`delete from audit_entries where seq > ${newest - 3}`);
    expect(await problem()).toEqual([['truncated', newest - 2]]);
    await tamper(reinsert(tail));

    const dir = path.join(target.dir, 'audit-checkpoints');
    const file = path.join(dir, fs.readdirSync(dir).sort().at(-1)!);
    const original = fs.readFileSync(file, 'utf8');
    const genuine = JSON.parse(original.trim().split('\n').at(-1)!);
    fs.appendFileSync(file, `${JSON.stringify({ ...genuine, seq: head + 1000 })}\n`);
    expect(await problem()).toEqual([['forged-checkpoint', head + 1000]]);
    fs.writeFileSync(file, original);

    const { status, report, output } = await verify();
    expect(status, output).toBe(0);
    expect(report.ok).toBe(true);
  }, 120_000);
});
